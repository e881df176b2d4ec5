"""Practices search in their own shorthand: "A&G" finds pages about advice and guidance, and
"medical examiner" finds pages that only say "ME". LMC staff keep the synonyms in the admin."""

import re

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from guidance.editorial import EDITORS, OFFICERS, ensure_editorial_setup
from guidance.search.synonyms import SearchSynonym
from tests.guidance.factories import GuidanceItemPageFactory

pytestmark = pytest.mark.django_db


def paragraph(html: str) -> list[dict]:
    return [{"type": "paragraph", "value": {"text": html}}]


def results(client, query: str) -> list[str]:
    return [hit.page.title for hit in client.get("/search/", {"q": query}).context["results"]]


def marks(client, query: str) -> list[str]:
    return re.findall(r"<mark>(.*?)</mark>", client.get("/search/", {"q": query}).content.decode())


@pytest.fixture
def pages(guidance_index):
    GuidanceItemPageFactory(
        parent=guidance_index,
        title="Declined referrals",
        summary="When a referral is turned into Advice and Guidance.",
    )
    GuidanceItemPageFactory(
        parent=guidance_index,
        title="Converted requests",
        summary="What to do next.",
        body=paragraph("<p>Ask the provider to convert the A&amp;G request into a referral.</p>"),
    )
    GuidanceItemPageFactory(
        parent=guidance_index,
        title="Deaths in the community",
        summary="Referring a death to the ME office.",
    )
    GuidanceItemPageFactory(
        parent=guidance_index,
        title="Medical examiner contacts",
        summary="Who to call.",
    )
    GuidanceItemPageFactory(  # "e.g." and "me" must never pass for "A&G" or "ME"
        parent=guidance_index,
        title="Writing to me",
        summary="Send me a note, e.g. by email; a g is not A and G.",
    )


@pytest.fixture
def synonyms(db):
    SearchSynonym.objects.create(phrases="A&G\nadvice and guidance")
    SearchSynonym.objects.create(phrases="ME\nmedical examiner")


def test_an_abbreviation_finds_pages_that_write_it_even_without_synonyms(client, pages):
    assert results(client, "A&G") == ["Converted requests"]
    assert results(client, "a&g") == ["Converted requests"]
    assert marks(client, "A&G") == ["A&amp;G"]
    # Typed in capitals, a word is also the abbreviation (PostgreSQL ignores the word "me" itself).
    assert "Deaths in the community" in results(client, "ME")


def test_either_side_of_a_synonym_finds_pages_using_the_other(client, pages, synonyms):
    assert sorted(results(client, "A&G")) == ["Converted requests", "Declined referrals"]
    assert sorted(results(client, "advice and guidance")) == ["Converted requests", "Declined referrals"]
    assert sorted(results(client, "medical examiner")) == [
        "Deaths in the community",
        "Medical examiner contacts",
    ]
    assert sorted(results(client, "me")) == ["Deaths in the community", "Medical examiner contacts"]


def test_a_synonym_combines_with_other_words(client, pages, synonyms):
    assert results(client, "A&G request") == ["Converted requests"]
    assert sorted(results(client, "referral advice and guidance")) == [
        "Converted requests",
        "Declined referrals",
    ]
    assert results(client, "ME office") == ["Deaths in the community"]


def test_the_synonym_found_is_highlighted_in_summaries_and_excerpts(client, pages, synonyms):
    assert sorted(marks(client, "A&G")) == ["A&amp;G", "Advice and Guidance"]
    assert sorted(marks(client, "medical examiner")) == ["ME"]  # the other page has it in its title
    html = client.get("/search/", {"q": "advice and guidance"}).content.decode()
    assert "Found in this page: Ask the provider to convert the <mark>A&amp;G</mark> request" in html


@pytest.fixture
def staff(guidance_index, django_user_model):
    ensure_editorial_setup(guidance_index)
    people = {}
    for group in (EDITORS, OFFICERS):
        user = django_user_model.objects.create_user(
            group.split()[-1], f"{group.split()[-1]}@example.com", "pw"
        )
        user.groups.add(Group.objects.get(name=group))
        people[group] = user
    return people


@pytest.mark.parametrize("group", [EDITORS, OFFICERS])
def test_lmc_staff_add_a_synonym_in_the_admin_and_search_uses_it_at_once(client, pages, staff, group):
    client.force_login(staff[group])
    listing = reverse("wagtailsnippets_guidance_searchsynonym:list")
    assert client.get(listing).status_code == 200
    assert results(client, "A&G") == ["Converted requests"]
    response = client.post(
        reverse("wagtailsnippets_guidance_searchsynonym:add"), {"phrases": "A&G\r\nAdvice and Guidance\r\n"}
    )
    assert response.status_code == 302
    assert "A&amp;G = Advice and Guidance" in client.get(listing).content.decode()
    assert sorted(results(client, "A&G")) == ["Converted requests", "Declined referrals"]
    synonym = SearchSynonym.objects.get()
    edit = reverse("wagtailsnippets_guidance_searchsynonym:edit", args=[synonym.pk])
    assert client.post(edit, {"phrases": "A&G\nadvice and guidance\nA and G"}).status_code == 302
    delete = reverse("wagtailsnippets_guidance_searchsynonym:delete", args=[synonym.pk])
    assert client.post(delete).status_code == 302
    assert results(client, "advice and guidance") == ["Declined referrals"]


@pytest.mark.parametrize(
    "phrases, message",
    [
        ("A&G", "at least two different phrases"),
        ("A&G\na&g", "at least two different phrases"),
        ("ME\nmedical examiner office", "“ME” is already in the synonym “ME = medical examiner”"),
        ("DNA\none two three four five six seven", "is too long"),
    ],
)
def test_a_synonym_that_cannot_work_is_refused_with_a_message(admin_client, synonyms, phrases, message):
    response = admin_client.post(reverse("wagtailsnippets_guidance_searchsynonym:add"), {"phrases": phrases})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert SearchSynonym.objects.count() == 2
