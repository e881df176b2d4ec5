"""A cache that fails (Redis down, the cache folder unusable) slows the site; it never takes it down.

Pages are served uncached, letters still generate, sign-in still works, rate limits fail open, and
/healthz says which cache is degraded with a 200 (the site can still serve).
"""

import logging

import pytest
from django.core.cache import caches
from django.test import Client

from core import caching
from tests.letters.conftest import WORKLOAD_URL
from tests.redis_server import free_port, redis_caches, running_redis


@pytest.fixture(autouse=True)
def forget_faults():
    caching._last_fault.clear()
    caching._last_logged.clear()
    yield
    caching._last_fault.clear()
    caching._last_logged.clear()


@pytest.fixture
def visitor():
    return Client(raise_request_exception=False)


@pytest.fixture
def unusable_cache_folders(settings, tmp_path):
    """The page cache and the rate-limit counters in "folders" that are files: every use fails, as
    on a full or read-only disk (and as root, which may write to read-only folders)."""
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("")
    settings.PAGE_CACHE_ENABLED = True
    settings.RATE_LIMIT_ENABLED = True
    settings.CACHES = {
        **settings.CACHES,
        "pages": {
            "BACKEND": "core.caching.FailSafeFileCache",
            "LOCATION": str(blocked / "pages"),
            "KEY_PREFIX": "pages",
        },
        "ratelimit": {
            "BACKEND": "core.caching.FailSafeFileCache",
            "LOCATION": str(blocked / "rl"),
            "KEY_PREFIX": "ratelimit",
        },
    }
    return settings


@pytest.fixture
def redis_down(settings):
    """Every cache in a Redis that is not running (nothing listens on the port)."""
    settings.PAGE_CACHE_ENABLED = True
    settings.RATE_LIMIT_ENABLED = True
    settings.CACHES = redis_caches(f"redis://127.0.0.1:{free_port()}/0")
    return settings


@pytest.mark.parametrize("broken", ["unusable_cache_folders", "redis_down"])
def test_pages_letters_and_sign_in_still_work(
    request, visitor, home_page, workload_data, superuser, broken, caplog
):
    request.getfixturevalue(broken)
    with caplog.at_level(logging.WARNING, logger="core.caching"):
        home = visitor.get("/")
        assert home.status_code == 200 and "X-Page-Cache" not in home
        assert visitor.get("/").status_code == 200

        letter = visitor.post(WORKLOAD_URL, {**workload_data, "action": "letter.docx"})
        assert letter.status_code == 200 and letter["Content-Type"].startswith("application/vnd.openxml")

        signed_in = visitor.post("/admin/login/", {"username": "boss", "password": "correct-horse-battery"})
        assert signed_in.status_code == 302

    # Logged once per cache (then at most once a minute), naming the cache, never a key or value.
    messages = [record.getMessage() for record in caplog.records if record.name == "core.caching"]
    assert messages and len(messages) <= 3
    for message in messages:
        assert message.startswith(
            ("Cache 'pages' failed", "Cache 'ratelimit' failed", "Cache 'default' failed")
        )
        assert "pagecache:" not in message and "ratelimit:" not in message  # no key


@pytest.mark.parametrize("broken", ["unusable_cache_folders", "redis_down"])
def test_healthz_reports_the_degraded_cache_and_still_answers_200(request, visitor, db, broken):
    request.getfixturevalue(broken)
    response = visitor.get("/healthz")
    assert response.status_code == 200
    report = response.json()
    assert report["status"] == "degraded" and report["database"] == "ok"
    if broken == "redis_down":
        assert report["caches"] == {
            "default": "unavailable",
            "pages": "unavailable",
            "ratelimit": "unavailable",
        }
    else:
        assert report["caches"] == {"default": "ok", "pages": "unavailable", "ratelimit": "unavailable"}


def test_redis_stopping_and_coming_back(settings, visitor, home_page, tmp_path):
    """With Redis: pages cached; Redis stops: served uncached, health degraded; Redis back: cached."""
    port = free_port()
    settings.PAGE_CACHE_ENABLED = True
    with running_redis(tmp_path, port) as url:
        settings.CACHES = redis_caches(url)
        visitor.get("/")  # the first visit creates the site's settings, which purges
        visitor.get("/")
        assert visitor.get("/")["X-Page-Cache"] == "hit"
        assert visitor.get("/healthz").json()["status"] == "ok"
    # Redis has stopped.
    assert visitor.get("/").status_code == 200
    assert visitor.get("/healthz").json()["status"] == "degraded"
    with running_redis(tmp_path, port):
        caching._last_fault.clear()  # as after the few seconds a failed cache is left alone
        visitor.get("/")
        assert visitor.get("/")["X-Page-Cache"] == "hit"
        assert visitor.get("/healthz").json()["status"] == "ok"
    caches["pages"].close()
