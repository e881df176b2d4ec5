"""Fixtures for the guidance tests: a site tree, generated documents and a throwaway media folder."""

import functools

import pytest
from django.test import override_settings

from guidance import demo_files
from guidance.demo import ensure_home_page
from tests.guidance.factories import GuidanceIndexPageFactory


@pytest.fixture(scope="session", autouse=True)
def media_root(tmp_path_factory):
    """Uploads go to a throwaway folder for the whole run (class-level test data writes files too)."""
    path = tmp_path_factory.mktemp("media")
    with override_settings(MEDIA_ROOT=str(path)):
        yield path


@pytest.fixture(autouse=True)
def private_purge_generation(settings):
    """The page cache (and so the purge generation the menu and breadcrumbs are cached under) in
    this process's memory, so purges by other test runs on the machine cannot change query counts."""
    from django.core.cache import caches

    settings.CACHES = {
        **settings.CACHES,
        "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "private-pages"},
    }
    caches["pages"].clear()
    caches["default"].clear()
    yield
    caches["pages"].clear()


@functools.cache
def sample_pdf(phrase: str = "a phrase found only inside the PDF") -> bytes:
    """A real one-page PDF containing ``phrase`` (generated once per phrase per test run)."""
    return demo_files.pdf_bytes("Sample document", [phrase])


@functools.cache
def sample_docx(phrase: str = "a phrase found only inside the Word file") -> bytes:
    """A real Word document containing ``phrase``."""
    return demo_files.docx_bytes("Sample document", [phrase])


def make_guidance_index():
    """The home page as site root with a live "Interface guidance" page under it."""
    home = ensure_home_page()
    return GuidanceIndexPageFactory(parent=home, slug="interface-guidance", show_in_menus=True)


@pytest.fixture
def guidance_index(db):
    return make_guidance_index()
