"""Two app servers as two machines would run them: separate gunicorn processes with their own var/
folders, sharing one database (PostgreSQL when the test run uses it, else one SQLite file) and one
Redis (``REDIS_URL``)."""

import http.cookiejar
import os
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.redis_server import free_port
from tests.subprocess_env import child_environment

REPO = Path(__file__).resolve().parents[2]
HOST = "portal.example"
SECRET_KEY = "two-servers-" + "Zq8wX3vR" * 7


@dataclass
class Response:
    status: int
    headers: dict
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@dataclass
class Server:
    """One app server: its environment (own var/ folder) and, once started, its address."""

    name: str
    env: dict[str, str]
    base: str = ""
    process: subprocess.Popen | None = None
    cookies: http.cookiejar.CookieJar = field(default_factory=http.cookiejar.CookieJar)

    def manage(self, *args: str, code: str | None = None) -> str:
        """``manage.py`` with this server's environment (a change made "on this machine")."""
        command = [sys.executable, "manage.py", *args] + (["-c", code] if code else [])
        result = subprocess.run(command, cwd=REPO, env=self.env, capture_output=True, text=True, timeout=120)
        if result.returncode:
            pytest.fail(f"manage.py {' '.join(args)} on {self.name} failed:\n{result.stderr[-3000:]}")
        return result.stdout

    def start(self) -> None:
        port = free_port()
        self.base = f"http://127.0.0.1:{port}"
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "-c",
                "gunicorn.conf.py",
                "--bind",
                f"127.0.0.1:{port}",
                "lmc_portal.wsgi",
            ],
            cwd=REPO,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )
        for _ in range(120):
            try:
                if self.get("/healthz").status == 200:
                    return
            except OSError:
                pass
            if self.process.poll() is not None:
                pytest.fail(f"server {self.name} exited:\n{self.process.stderr.read().decode()[-3000:]}")
            time.sleep(0.5)
        pytest.fail(f"server {self.name} did not answer /healthz within 60 seconds")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=30)

    def request(self, path: str, data: dict | None = None, *, session: bool = False) -> Response:
        """GET (or POST ``data``) as a visitor; with ``session``, carrying this server's cookies."""
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        for cookie in self.cookies:
            # Production marks cookies Secure; the test talks to gunicorn over plain HTTP, as the
            # TLS-terminating proxy in front of it would.
            cookie.secure = False
        request = urllib.request.Request(self.base + path, data=body, headers={"Host": HOST})
        handlers = [_NoRedirects()] + ([urllib.request.HTTPCookieProcessor(self.cookies)] if session else [])
        opener = urllib.request.build_opener(*handlers)
        try:
            with opener.open(request, timeout=20) as response:
                return Response(response.status, dict(response.headers), response.read())
        except urllib.error.HTTPError as error:
            return Response(error.code, dict(error.headers), error.read())

    def get(self, path: str) -> Response:
        return self.request(path)

    def sign_in(self, username: str, password: str) -> Response:
        """Sign in to the Wagtail admin through its form (CSRF token and all)."""
        form = self.request("/admin/login/", session=True).text
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
        return self.request(
            "/admin/login/",
            {"csrfmiddlewaretoken": token, "username": username, "password": password, "next": "/admin/"},
            session=True,
        )


def shared_database(tmp_path: Path) -> tuple[str, callable]:
    """A fresh database both servers use, and a function that drops it afterwards."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        return f"sqlite:///{tmp_path / 'shared.sqlite3'}", lambda: None
    import psycopg2

    name = f"lmc_two_servers_{os.getpid()}"
    parts = urllib.parse.urlsplit(url)
    admin_url = parts._replace(path="/postgres").geturl()

    def run(sql: str) -> None:
        connection = psycopg2.connect(admin_url)
        connection.autocommit = True
        with connection.cursor() as cursor:
            cursor.execute(sql)
        connection.close()

    run(f'DROP DATABASE IF EXISTS "{name}"')
    run(f'CREATE DATABASE "{name}"')
    return parts._replace(path=f"/{name}").geturl(), lambda: run(
        f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'
    )


def server_environment(name: str, tmp_path: Path, database_url: str, redis_url: str, **extra) -> dict:
    folder = tmp_path / name
    folder.mkdir(exist_ok=True)
    return child_environment(
        {
            "DJANGO_SETTINGS_MODULE": "lmc_portal.settings.production",
            "SECRET_KEY": SECRET_KEY,
            "ALLOWED_HOSTS": HOST,
            "DATABASE_URL": database_url,
            "REDIS_URL": redis_url,
            # This machine's own folder: no cache or file may be shared through it.
            "VAR_DIR": str(folder / "var"),
            "MEDIA_ROOT": str(folder / "media"),
            "PAGE_CACHE_DIR": None,
            "RATE_LIMIT_CACHE_DIR": None,
            "SECURE_SSL_REDIRECT": "false",
            "GUNICORN_WORKERS": "2",
            "TRUSTED_PROXY_COUNT": "0",
            # Sign-in with a password only, to show the session is shared; two-factor sign-in has its
            # own tests (tests/security/test_two_factor.py).
            "ADMIN_TWO_FACTOR": "false",
            **extra,
        }
    )
