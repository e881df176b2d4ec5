"""Fixtures for the security tests: throttles switched back on, clean counters, an admin user."""

import pytest
from django.core.cache import caches


@pytest.fixture
def throttles_on(settings):
    """Rate limits and django-axes as in production (test settings turn them off for other tests)."""
    settings.RATE_LIMIT_ENABLED = True
    settings.AXES_ENABLED = True
    caches[settings.RATE_LIMIT_CACHE].clear()
    yield settings
    caches[settings.RATE_LIMIT_CACHE].clear()


@pytest.fixture
def superuser(db, django_user_model):
    return django_user_model.objects.create_superuser("boss", "boss@example.com", "correct-horse-battery")


# The letters' own fixtures: published demo wording and option lists, and valid answers.
from tests.letters.conftest import declined_data, letters_demo, workload_data  # noqa: E402, F401
