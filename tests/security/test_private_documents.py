"""Documents in a private collection (one with a view restriction) stay private everywhere: the
document chooser offers them only to groups given "Choose" on that collection, site search shows
their text and title only to people the restriction lets in, and they are sent with never-cache
headers. Public documents keep their caching."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    GroupCollectionPermission,
    PageViewRestriction,
)

from guidance import demo_files
from guidance.demo import ensure_home_page
from guidance.editorial import EDITORS, ensure_editorial_setup
from guidance.models import GuidanceDocument
from tests.guidance.factories import GuidanceIndexPageFactory, GuidanceItemPageFactory

SECRET = "quokkafestival"  # a word found only inside the private document
PRIVATE_SENTENCE = f"The committee agreed the {SECRET} budget in closed session."
PRIVATE_TITLE = "Committee minutes March"
PUBLIC_TITLE = "Leaflet for practices"


def pdf(title: str, sentence: str) -> ContentFile:
    return ContentFile(demo_files.pdf_bytes(title, [sentence]), name="file.pdf")


@pytest.fixture
def portal(db, settings, tmp_path, django_user_model):
    settings.MEDIA_ROOT = tmp_path
    index = GuidanceIndexPageFactory(parent=ensure_home_page(), slug="interface-guidance")
    ensure_editorial_setup(index)
    committee = Collection.get_first_root_node().add_child(name="Committee only")
    CollectionViewRestriction.objects.create(
        collection=committee, restriction_type=CollectionViewRestriction.LOGIN
    )
    private_doc = GuidanceDocument.objects.create(
        title=PRIVATE_TITLE, file=pdf(PRIVATE_TITLE, PRIVATE_SENTENCE), collection=committee
    )
    public_doc = GuidanceDocument.objects.create(
        title=PUBLIC_TITLE, file=pdf(PUBLIC_TITLE, "Practices may print this wombatposter.")
    )
    page = GuidanceItemPageFactory(
        parent=index,
        slug="committee-news",
        title="Committee news",
        summary="What the committee did this year.",
        body=[
            ("download", {"title": "Minutes", "document": private_doc, "description": ""}),
            ("download", {"title": "Leaflet", "document": public_doc, "description": ""}),
        ],
    )
    page.save_revision().publish()
    page.refresh_from_db()
    editor = django_user_model.objects.create_user("editor", "editor@example.com", "pw-1")
    editor.groups.add(Group.objects.get(name=EDITORS))
    return {
        "committee": committee,
        "private_doc": private_doc,
        "public_doc": public_doc,
        "page": page,
        "editor": editor,
        "index": index,
    }


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


# The document chooser


def chooser_text(client: Client, query: str = "") -> str:
    url = reverse("wagtaildocs_chooser:choose_results") + (f"?q={query}" if query else "")
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_chooser_offers_editors_public_documents_but_not_private_ones(portal):
    editor = signed_in(portal["editor"])
    listing = chooser_text(editor)
    assert PUBLIC_TITLE in listing
    assert PRIVATE_TITLE not in listing
    assert PRIVATE_TITLE not in chooser_text(editor, "Committee")
    # The whole chooser as it opens (the modal's first view) too.
    opened = editor.get(reverse("wagtaildocs_chooser:choose")).content.decode()
    assert PUBLIC_TITLE in opened and PRIVATE_TITLE not in opened


def test_a_group_given_choose_on_the_private_collection_may_choose_its_documents(portal, django_user_model):
    secretaries = Group.objects.create(name="Committee secretaries")
    secretaries.permissions.add(Permission.objects.get(codename="access_admin"))
    GroupCollectionPermission.objects.create(
        group=secretaries,
        collection=portal["committee"],
        permission=Permission.objects.get(content_type__app_label="wagtaildocs", codename="choose_document"),
    )
    secretary = django_user_model.objects.create_user("secretary", "s@example.com", "pw-1")
    secretary.groups.add(secretaries)
    assert PRIVATE_TITLE in chooser_text(signed_in(secretary))
    boss = django_user_model.objects.create_superuser("boss", "boss@example.com", "pw-1")
    assert PRIVATE_TITLE in chooser_text(signed_in(boss))


# Site search


def test_anonymous_search_never_shows_a_private_documents_text_or_title(portal):
    response = Client().get("/search/", {"q": SECRET})
    assert response.status_code == 200
    html = response.content.decode()
    assert "closed session" not in html
    assert "committee agreed" not in html.lower()
    assert PRIVATE_TITLE not in html


def test_search_does_not_even_confirm_a_word_is_in_a_private_document(portal):
    # Listing the public page that offers it would tell anyone the word is in its documents.
    for client in (Client(), signed_in(portal["editor"])):
        html = client.get("/search/", {"q": SECRET}).content.decode()
        assert "Committee news" not in html


def test_a_collection_made_public_or_private_again_updates_search_at_once(portal):
    CollectionViewRestriction.objects.filter(collection=portal["committee"]).delete()
    html = Client().get("/search/", {"q": SECRET}).content.decode()
    assert "Committee news" in html and f"Found in the document “{PRIVATE_TITLE}”" in html
    CollectionViewRestriction.objects.create(
        collection=portal["committee"], restriction_type=CollectionViewRestriction.LOGIN
    )
    assert "Committee news" not in Client().get("/search/", {"q": SECRET}).content.decode()


def test_a_private_documents_excerpt_shows_only_to_people_the_collection_lets_in(portal):
    # The page is found by the public leaflet's word, which the private minutes (offered first)
    # hold too: their excerpt would be the first match.
    GuidanceDocument.objects.filter(pk=portal["private_doc"].pk).update(
        text_content="In closed session the committee saw the wombatposter draft."
    )
    anonymous = Client().get("/search/", {"q": "wombatposter"}).content.decode()
    assert f"Found in the document “{PUBLIC_TITLE}”" in anonymous
    assert "closed session" not in anonymous and PRIVATE_TITLE not in anonymous
    response = signed_in(portal["editor"]).get("/search/", {"q": "wombatposter"})
    assert f"Found in the document “{PRIVATE_TITLE}”" in response.content.decode()
    # What it shows is private: never stored by a browser, proxy or CDN.
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_search_still_shows_a_public_documents_excerpt_to_anonymous_visitors(portal):
    html = Client().get("/search/", {"q": "wombatposter"}).content.decode()
    assert "Committee news" in html
    assert f"Found in the document “{PUBLIC_TITLE}”" in html
    assert "Practices may print this <mark>wombatposter</mark>" in html


# Never-cache headers


def never_cached(response) -> bool:
    directives = {part.strip() for part in response.get("Cache-Control", "").split(",")}
    return {"private", "no-cache", "no-store", "must-revalidate", "max-age=0"} <= directives


def download_urls(page) -> dict[str, str]:
    """The page's stable download address for each document title."""
    return {block.value["document"].title: page.download_url(block.id) for block in page.download_blocks()}


def test_a_private_document_is_sent_with_never_cache_headers(portal):
    editor = signed_in(portal["editor"])
    urls = [portal["private_doc"].url, download_urls(portal["page"])[PRIVATE_TITLE]]
    for url in urls:
        response = editor.get(url)
        assert response.status_code == 200, url
        assert b"".join(response.streaming_content).startswith(b"%PDF"), url
        assert never_cached(response), (url, response.get("Cache-Control"))


def test_refusing_a_private_document_is_never_cached_either(portal):
    for url in (portal["private_doc"].url, download_urls(portal["page"])[PRIVATE_TITLE]):
        response = Client().get(url)
        assert response.status_code == 302 and "login" in response["Location"], url
        assert never_cached(response), url


def test_a_public_document_keeps_its_caching(portal):
    for url in (portal["public_doc"].url, download_urls(portal["page"])[PUBLIC_TITLE]):
        response = Client().get(url)
        assert response.status_code == 200, url
        assert "no-store" not in response.get("Cache-Control", ""), url
        b"".join(response.streaming_content)


def test_a_page_with_a_view_restriction_is_sent_with_never_cache_headers(portal):
    """Wagtail's own page privacy check adds them; this guards that it still applies here."""
    private_page = GuidanceItemPageFactory(
        parent=portal["index"], slug="committee-only", title="Committee only"
    )
    private_page.save_revision().publish()
    PageViewRestriction.objects.create(page=private_page, restriction_type=PageViewRestriction.LOGIN)
    response = signed_in(portal["editor"]).get(private_page.url)
    assert response.status_code == 200 and "Committee only" in response.content.decode()
    assert never_cached(response)
    refused = Client().get(private_page.url)
    assert refused.status_code == 302 and never_cached(refused)


def test_the_page_cache_and_a_cdn_never_store_a_private_document(portal, settings):
    """With the page cache and a CDN on, a private document's response carries nothing public."""
    settings.PAGE_CACHE_ENABLED = True
    settings.SHARED_CACHE_SECONDS = 300
    url = download_urls(portal["page"])[PRIVATE_TITLE]
    editor = signed_in(portal["editor"])
    for _ in range(2):
        response = editor.get(url)
        b"".join(response.streaming_content)
        assert "X-Page-Cache" not in response
        assert "public" not in response["Cache-Control"] and never_cached(response)
