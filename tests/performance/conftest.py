"""Fixtures for the page cache and performance tests."""

import pytest
from django.core.cache import caches

from tests.page_cache_fixtures import private_purge_generation  # noqa: F401 (autouse here)


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
