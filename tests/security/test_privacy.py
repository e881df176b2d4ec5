"""Private pages and private collections never reach anonymous visitors: not the page, not its files,
not search, feeds or the sitemap."""

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from guidance.demo import ensure_home_page
from guidance.models import GuidanceDocument
from tests.guidance.factories import GuidanceIndexPageFactory, GuidanceItemPageFactory

SECRET = "zebracrossingminutes"  # a word found only in private material
PDF = b"%PDF-1.4\n% " + SECRET.encode() + b"\n%%EOF\n"


@pytest.fixture
def site(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    index = GuidanceIndexPageFactory(parent=ensure_home_page(), slug="interface-guidance")
    private_collection = Collection.get_first_root_node().add_child(name="Committee only")
    CollectionViewRestriction.objects.create(
        collection=private_collection, restriction_type=CollectionViewRestriction.LOGIN
    )
    private_doc = GuidanceDocument.objects.create(
        title=f"Minutes {SECRET}", file=ContentFile(PDF, name="minutes.pdf"), collection=private_collection
    )
    public_page = GuidanceItemPageFactory(
        parent=index,
        slug="public-item",
        title="Public item",
        body=[("download", {"title": "Minutes", "document": private_doc, "description": ""})],
    )
    public_page.save_revision().publish()
    private_page = GuidanceItemPageFactory(
        parent=index, slug="private-item", title=f"Private {SECRET}", summary=f"About {SECRET}"
    )
    private_page.save_revision().publish()
    PageViewRestriction.objects.create(page=private_page, restriction_type=PageViewRestriction.LOGIN)
    return {"doc": private_doc, "public": public_page, "private": private_page}


def test_private_page_needs_sign_in(site):
    response = Client().get(site["private"].url)
    assert response.status_code == 302 and "login" in response["Location"]


@pytest.mark.parametrize(
    "url", ["/search/?q=" + SECRET, "/sitemap.xml", "/feeds/guidance.rss", "/feeds/guidance.atom"]
)
def test_private_material_is_absent_from_search_feeds_and_sitemap(site, url):
    response = Client().get(url)
    assert response.status_code == 200
    content = response.content.decode()
    for private in (f"Private {SECRET}", f"About {SECRET}", f"Minutes {SECRET}", "private-item"):
        assert private not in content, (url, private)


def test_document_in_a_private_collection_is_not_served_to_anonymous_visitors(site):
    response = Client().get(site["doc"].url)
    assert response.status_code in (302, 403) and not getattr(response, "streaming", False)


def test_private_document_is_not_served_through_a_public_pages_download_link(site):
    """A public page's stable download address must respect the document's collection privacy."""
    page = site["public"]
    html = Client().get(page.url).content.decode()
    assert SECRET not in html
    key_urls = [part.split('"')[0] for part in html.split('href="')[1:] if "/download/" in part.split('"')[0]]
    for url in key_urls or [page.url + "download/0/"]:
        response = Client().get(url)
        body = (
            b"".join(response.streaming_content)
            if getattr(response, "streaming", False)
            else response.content
        )
        assert SECRET.encode() not in body, (
            f"{url} served a private collection's file to an anonymous visitor"
        )
