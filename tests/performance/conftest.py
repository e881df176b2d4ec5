"""Fixtures for the page cache and performance tests."""

import pytest
from django.core.cache import caches


@pytest.fixture
def page_cache(settings):
    """The anonymous page cache switched on (as in production), in memory and empty."""
    settings.PAGE_CACHE_ENABLED = True
    settings.CACHES = {
        **settings.CACHES,
        "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "test-pages"},
    }
    from pagecache import middleware

    cache = caches["pages"]
    cache.clear()
    middleware._RECENT.clear()
    yield cache
    cache.clear()
    middleware._RECENT.clear()


@pytest.fixture(autouse=True)
def private_purge_generation(settings):
    """The page cache (and so the purge generation the menu and breadcrumbs are cached under) in
    this process's memory, so purges by other test runs on the machine cannot change query counts."""
    settings.CACHES = {
        **settings.CACHES,
        "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "private-pages"},
    }
    caches["pages"].clear()
    caches["default"].clear()
    yield
    caches["pages"].clear()
