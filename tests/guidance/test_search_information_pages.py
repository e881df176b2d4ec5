"""Site search finds the information pages (about, contact, privacy notice, accessibility statement) by
their title, summary and text, ranked as a guidance page with the same words would be; never a draft
or private one."""

import pytest
from wagtail.models import PageViewRestriction

from tests.guidance.factories import GuidanceItemPageFactory, InformationPageFactory

WORD = "gallimaufry"  # found only on the information page


def results(client, query: str) -> list[str]:
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    return [hit.page.title for hit in response.context["results"].object_list]


@pytest.fixture
def privacy_notice(guidance_index):
    return InformationPageFactory(
        parent=guidance_index.get_parent(),
        title="Privacy notice",
        summary="How the LMC uses the personal data it holds.",
        body=f"<p>We keep a {WORD} of records.</p><p>Ask the <b>data protection officer</b>.</p>",
    )


def test_an_information_page_is_found_by_a_word_of_its_text(client, privacy_notice):
    response = client.get("/search/", {"q": WORD})
    html = response.content.decode()
    assert f'<a href="{privacy_notice.url}">Privacy notice</a>' in html
    assert f"Found in this page: We keep a <mark>{WORD}</mark> of records." in html


def test_an_information_page_is_found_by_its_title_and_summary(client, privacy_notice):
    assert results(client, "privacy notice") == ["Privacy notice"]
    assert results(client, "personal data") == ["Privacy notice"]
    assert results(client, "protection officer") == ["Privacy notice"]


def test_an_information_page_ranks_like_guidance_with_the_same_words(client, guidance_index):
    """An information page and a guidance page with the same words rank together, whichever order
    the search engine gives a page named for the words and one mentioning them in passing."""
    words = {"title": "Accessibility statement", "summary": "How usable this site is."}
    InformationPageFactory(parent=guidance_index.get_parent(), body="<p>Its text.</p>", **words)
    GuidanceItemPageFactory(
        parent=guidance_index, body=[{"type": "paragraph", "value": {"text": "<p>Its text.</p>"}}], **words
    )
    GuidanceItemPageFactory(
        parent=guidance_index,
        title="Reasonable adjustments",
        summary="Adjustments for patients.",
        body=[{"type": "paragraph", "value": {"text": "<p>Check the accessibility statement.</p>"}}],
    )
    response = client.get("/search/", {"q": "accessibility statement"})
    kinds = [type(hit.page).__name__ for hit in response.context["results"].object_list]
    assert sorted(kinds) == ["GuidanceItemPage", "GuidanceItemPage", "InformationPage"]
    titles = [hit.page.title for hit in response.context["results"].object_list]
    assert titles.index("Reasonable adjustments") in (0, 2)  # never between the two of equal rank


def test_draft_and_private_information_pages_are_not_found(client, privacy_notice):
    draft = InformationPageFactory(
        parent=privacy_notice.get_parent(), title="Draft notice", body=f"<p>{WORD}</p>", live=False
    )
    private = InformationPageFactory(
        parent=privacy_notice.get_parent(), title="Staff notice", body=f"<p>{WORD}</p>"
    )
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="secret")
    assert draft.pk and results(client, WORD) == ["Privacy notice"]


def test_did_you_mean_knows_the_words_of_information_pages(client, privacy_notice):
    response = client.get("/search/", {"q": "gallimaufery"})
    assert response.context["results"].suggestion.query == WORD
