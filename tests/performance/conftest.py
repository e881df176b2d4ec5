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
    cache = caches["pages"]
    cache.clear()
    yield cache
    cache.clear()
