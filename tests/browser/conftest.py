"""Browser tests: one Debian Chromium, one live server and one seeded database for the whole run.

Chromium comes from the system (`apt-get install chromium`, `/usr/bin/chromium`, or $CHROMIUM_PATH);
Playwright never downloads a browser. Without Chromium every test here is skipped with the reason,
and the end of the run says so in capitals so `make test` cannot hide it.
"""

import os
import shutil
from pathlib import Path
from unittest import mock

import pytest

# Playwright's sync API runs an event loop in this thread; Django's ORM calls in fixtures are safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
HAVE_CHROMIUM = Path(CHROMIUM).is_file() and os.access(CHROMIUM, os.X_OK)
SKIP_REASON = (
    f"Chromium not found at {CHROMIUM}: browser and accessibility tests skipped "
    "(install it with `apt-get install chromium`, or set CHROMIUM_PATH)"
)
HERE = Path(__file__).resolve().parent
ADMIN_USERNAME, ADMIN_PASSWORD = "browser-admin", "a-long-browser-test-password"
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]

_skipped = []


@pytest.hookimpl(tryfirst=True)  # before pytest-django orders tests by their database use
def pytest_collection_modifyitems(config, items):
    for item in items:
        if HERE in Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.browser)
            # Makes pytest-django create the test database; the data itself is seeded once (below).
            item.add_marker(pytest.mark.django_db)
            if not HAVE_CHROMIUM:
                item.add_marker(pytest.mark.skip(reason=SKIP_REASON))
                _skipped.append(item.nodeid)


def pytest_terminal_summary(terminalreporter):
    if _skipped:
        terminalreporter.write_sep("!", f"BROWSER TESTS SKIPPED ({len(_skipped)}): {SKIP_REASON}", red=True)


@pytest.fixture(scope="session")
def browser_type_launch_args():
    return {
        "executable_path": CHROMIUM,
        "headless": True,
        "args": [
            "--no-sandbox",
            "--disable-background-networking",
            "--disable-gpu",
            "--disable-component-update",
            "--no-first-run",
            "--lang=en-GB",  # date inputs read dd/mm/yyyy, as for UK users
        ],
    }


def _one_request_at_a_time_server():
    from django.core.servers.basehttp import WSGIServer

    class OneRequestAtATimeServer(WSGIServer):
        """Django's single-threaded server; requests run in the live-server thread, which already uses
        the shared connection (so the per-thread ``connections_override`` is not needed)."""

        def __init__(self, *args, connections_override=None, **kwargs):
            super().__init__(*args, **kwargs)

    return OneRequestAtATimeServer


@pytest.fixture(scope="package")
def site_server(django_db_setup, django_db_blocker, tmp_path_factory):
    """A live server on the demo content, seeded once for tests/browser; the database is put back after."""
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test.testcases import LiveServerThread
    from pytest_django.live_server_helper import LiveServer

    media = tmp_path_factory.mktemp("browser-media")
    old_media = settings.MEDIA_ROOT
    settings.MEDIA_ROOT = media
    with django_db_blocker.unblock():
        snapshot = connection.creation.serialize_db_to_string()
        from tests.security.helpers import ensure_wagtail_roots

        ensure_wagtail_roots()  # in case a transactional test emptied the database before us
        call_command("load_demo_content", stdout=open(os.devnull, "w"))  # noqa: SIM115
        from django.contrib.auth import get_user_model

        get_user_model().objects.create_superuser(ADMIN_USERNAME, "admin@example.com", ADMIN_PASSWORD)
        # One request at a time: on SQLite the server shares the tests' in-memory connection, and
        # Chromium's parallel requests (preview, autosave, assets) would interleave on it and break
        # each other's transactions. Django's single-threaded server closes each connection after its
        # response, so nothing waits on a kept-alive socket.
        with mock.patch.object(LiveServerThread, "server_class", _one_request_at_a_time_server()):
            server = LiveServer("127.0.0.1:0")
        try:
            yield server
        finally:
            server.stop()
            settings.MEDIA_ROOT = old_media
            call_command(
                "flush", interactive=False, verbosity=0, inhibit_post_migrate=True, reset_sequences=False
            )
            connection.creation.deserialize_db_from_string(snapshot)


@pytest.fixture
def site_url(site_server):
    """The live server's address, e.g. http://127.0.0.1:41234 (no trailing slash)."""
    return site_server.url


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "accept_downloads": True, "locale": "en-GB"}


@pytest.fixture
def csp_violations(page):
    """Console messages about blocked content; a page that trips the CSP is broken for real users."""
    messages = []
    page.on(
        "console",
        lambda message: (
            messages.append(message.text)
            if "Content Security Policy" in message.text or "Refused to" in message.text
            else None
        ),
    )
    return messages


@pytest.fixture
def axe_check(page, csp_violations):
    """Run axe-core (WCAG 2.2 AA) on the current page; fail with a readable report."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()

    def check(label: str) -> None:
        results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_22_AA}})
        assert results.violations_count == 0, f"{label} ({page.url}):\n{results.generate_report()}"
        assert csp_violations == [], f"{label}: blocked by the Content-Security-Policy: {csp_violations}"

    return check
