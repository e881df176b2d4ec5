"""The production path on this machine: `make serve-prod` (gunicorn + whitenoise, production settings).

The Docker image runs the same gunicorn command; there is no Docker engine here to run the image.
"""

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.subprocess_env import child_environment

REPO = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str, host: str) -> tuple[int, dict, bytes]:
    request = urllib.request.Request(url, headers={"Host": host})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


@pytest.fixture(scope="module")
def production_server(tmp_path_factory):
    """Migrate and seed a throwaway SQLite database, then start `make serve-prod` on a free port.

    Module-scoped: collectstatic and migrate take most of a minute, so both tests share one server.
    """
    tmp_path = tmp_path_factory.mktemp("prod")
    port = free_port()
    env = child_environment(
        {
            "SECRET_KEY": "prod-test-" + "Zq8wX3vR" * 7,
            "ALLOWED_HOSTS": "portal.example",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'prod.sqlite3'}",
            "MEDIA_ROOT": str(tmp_path / "media"),
            # Caches of its own, so no page cached by an earlier run is served from var/.
            "PAGE_CACHE_DIR": str(tmp_path / "page-cache"),
            "RATE_LIMIT_CACHE_DIR": str(tmp_path / "ratelimit-cache"),
            "SECURE_SSL_REDIRECT": "false",
            "GUNICORN_WORKERS": "1",
            "DJANGO_SETTINGS_MODULE": "lmc_portal.settings.production",
        }
    )
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--no-input", "-v0"], cwd=REPO, env=env, check=True
    )
    subprocess.run([sys.executable, "manage.py", "load_demo_content"], cwd=REPO, env=env, check=True)
    server = subprocess.Popen(
        ["make", "--no-print-directory", "serve-prod", f"PORT={port}"],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                if fetch(f"{base}/healthz", "portal.example")[0] == 200:
                    break
            except OSError:
                pass
            if server.poll() is not None:
                pytest.fail(f"serve-prod exited early:\n{server.stdout.read().decode()}")
            time.sleep(0.5)
        else:
            pytest.fail("serve-prod did not answer /healthz within 60 seconds")
        yield base
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


@pytest.mark.slow
def test_serve_prod_serves_pages_and_static_files_under_gunicorn(production_server):
    status, headers, body = fetch(f"{production_server}/", "portal.example")
    assert status == 200
    page = body.decode()
    assert "Humberside LMC" in page
    # Whitenoise serves the hashed, compressed stylesheet with a long cache lifetime.
    stylesheet = re.search(r'href="(/static/css/portal\.[0-9a-f]+\.css)"', page)
    assert stylesheet, "production pages link the hashed stylesheet"
    status, headers, _ = fetch(production_server + stylesheet.group(1), "portal.example")
    assert status == 200
    assert "max-age=315360000" in headers["Cache-Control"]


@pytest.mark.slow
def test_serve_prod_refuses_hosts_it_does_not_serve_and_hides_debug_pages(production_server):
    status, _, body = fetch(f"{production_server}/", "attacker.example")
    assert status == 400
    status, _, body = fetch(f"{production_server}/no-such-page/", "portal.example")
    assert status == 404
    assert b"Traceback" not in body and b"URLconf" not in body
