"""Shared fixtures. App-specific fixtures live beside their tests (tests/guidance, tests/letters)."""

import pytest

from guidance.demo import ensure_home_page


@pytest.fixture
def home_page(db):
    """The portal's home page as the root of the default site."""
    return ensure_home_page()
