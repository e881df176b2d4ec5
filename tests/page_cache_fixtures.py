"""Fixtures shared by test folders that count queries under the page cache's purge generation."""

import pytest
from django.core.cache import caches


@pytest.fixture(autouse=True)
def private_purge_generation(settings):
    """The page cache (and so the purge generation the menu and breadcrumbs are cached under) in
    this process's memory, so purges by other test runs on the machine cannot change query counts.

    Import it into a folder's conftest.py to use it there automatically."""
    settings.CACHES = {
        **settings.CACHES,
        "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "private-pages"},
    }
    caches["pages"].clear()
    caches["default"].clear()
    yield
    caches["pages"].clear()
