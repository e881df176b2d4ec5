"""Fixtures for the guidance tests: a site tree, generated documents and a throwaway media folder."""

import functools

import pytest
from django.test import override_settings

from guidance import demo_files
from guidance.demo import ensure_home_page
from tests.guidance.factories import GuidanceIndexPageFactory
from tests.page_cache_fixtures import private_purge_generation  # noqa: F401 (autouse here)


@pytest.fixture(scope="session", autouse=True)
def media_root(tmp_path_factory):
    """Uploads go to a throwaway folder for the whole run (class-level test data writes files too)."""
    path = tmp_path_factory.mktemp("media")
    with override_settings(MEDIA_ROOT=str(path)):
        yield path


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
