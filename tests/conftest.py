"""Shared fixtures. App-specific fixtures live beside their tests (tests/guidance, tests/letters)."""

import pytest

from guidance.demo import ensure_home_page


@pytest.fixture
def home_page(db):
    """The portal's home page as the root of the default site."""
    return ensure_home_page()


@pytest.fixture(autouse=True)
def _fresh_process_caches():
    """Each test starts with empty per-process caches (site chrome, site lookup, privacy, wording):
    a test's rolled-back content must never be remembered into the next test."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
