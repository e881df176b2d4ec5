"""A near miss ("refferal", "dischrage") that finds nothing offers "Did you mean …?" with the words
the live public pages use; the suggestion is a link that runs the corrected search."""

import re
from html import unescape

import pytest
from wagtail.models import PageViewRestriction

from tests.guidance.factories import GuidanceItemPageFactory

pytestmark = pytest.mark.django_db


def suggestion(html: str) -> tuple[str, str] | None:
    """(link address, link text with corrected words in *stars*) of the suggestion, or None."""
    found = re.search(
        r'<p class="search-suggestion">Did you mean <a href="([^"]+)">(.*?)</a>\?</p>', html, re.S
    )
    if found is None:
        return None
    text = re.sub(r"</?strong>", "*", found.group(2))
    return unescape(found.group(1)), unescape(text)


@pytest.fixture
def pages(guidance_index):
    GuidanceItemPageFactory(
        parent=guidance_index,
        title="Declined referrals",
        summary="When a referral is returned with advice.",
    )
    GuidanceItemPageFactory(
        parent=guidance_index,
        title="Medicines on discharge",
        summary="Discharge letters must list every medicine changed.",
    )
    secret = GuidanceItemPageFactory(
        parent=guidance_index, title="Pelicans", summary="Private pelican notes."
    )
    PageViewRestriction.objects.create(page=secret, restriction_type="password", password="secret")
    GuidanceItemPageFactory(
        parent=guidance_index, title="Draft pelicans", summary="Pelican notes.", live=False
    )


@pytest.mark.parametrize(
    "query, link, text",
    [
        ("refferal", "/search/?q=referral", "*referral*"),
        ("dischrage letters", "/search/?q=discharge%20letters", "*discharge* letters"),
        ("Dischrage", "/search/?q=discharge", "*discharge*"),
    ],
)
def test_a_near_miss_that_finds_nothing_suggests_the_words_pages_use(client, pages, query, link, text):
    html = client.get("/search/", {"q": query}).content.decode()
    assert "0 results" in html
    assert suggestion(html) == (link, text)
    # The suggestion is inside the live region that announces the result count.
    assert re.search(r'<div role="status">.*search-suggestion.*</div>', html, re.S)
    corrected = client.get(link)
    assert len(corrected.context["results"].object_list) == 1
    assert suggestion(corrected.content.decode()) is None


def test_no_suggestion_when_the_search_finds_enough_or_nothing_is_close(client, pages, guidance_index):
    for n in range(3):
        GuidanceItemPageFactory(parent=guidance_index, title=f"Referral form {n}", summary="Forms.")
    assert suggestion(client.get("/search/", {"q": "referral"}).content.decode()) is None
    assert suggestion(client.get("/search/", {"q": "xylophone"}).content.decode()) is None


def test_words_only_on_private_or_draft_pages_are_never_suggested(client, pages):
    html = client.get("/search/", {"q": "pelicam"}).content.decode()
    assert suggestion(html) is None
    assert "pelican" not in html.lower()


def test_new_words_are_suggested_once_a_page_using_them_is_published(client, pages, guidance_index):
    assert suggestion(client.get("/search/", {"q": "phlebotmy"}).content.decode()) is None
    page = GuidanceItemPageFactory(
        parent=guidance_index, title="Phlebotomy", summary="Blood tests.", live=False
    )
    page.save_revision().publish()
    assert suggestion(client.get("/search/", {"q": "phlebotmy"}).content.decode()) == (
        "/search/?q=phlebotomy",
        "*phlebotomy*",
    )
