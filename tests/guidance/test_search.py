"""Site search: finds guidance by its words and by the text of its documents, highlights safely,
and never shows drafts or private pages. Replacing a file updates search and keeps the link."""

import re

import pytest
from django.core.files.base import ContentFile
from django.test import TestCase
from django.urls import reverse
from wagtail.models import PageViewRestriction

from guidance.search.excerpts import highlight
from guidance.search.query import highlight_pattern, plan
from tests.guidance.conftest import make_guidance_index, sample_pdf
from tests.guidance.factories import GuidanceDocumentFactory, GuidanceItemPageFactory, ReportPageFactory

DOCUMENT_PHRASE = "quarantined zebra protocol"


class SearchTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        index = make_guidance_index()
        cls.report = ReportPageFactory(
            parent=index,
            title="Patient safety incident report – HUTH radiology",
            summary="Radiology result notifications that were never sent to practices.",
        )
        document = GuidanceDocumentFactory(
            title="Consensus statement", file=ContentFile(sample_pdf(DOCUMENT_PHRASE), name="consensus.pdf")
        )
        cls.offering_page = GuidanceItemPageFactory(
            parent=index,
            title="Interface consensus",
            summary="Agreed responsibilities.",
            body=[{"type": "download", "value": {"title": "", "document": document.id, "description": ""}}],
        )
        GuidanceItemPageFactory(parent=index, title="Draft radiology note", live=False)
        private = GuidanceItemPageFactory(parent=index, title="Private radiology note")
        PageViewRestriction.objects.create(page=private, restriction_type="password", password="secret")
        GuidanceItemPageFactory(
            parent=index, title="Hostile <script>alert(1)</script>", summary="Radiology <b>bold</b> & more"
        )

    def search(self, query: str):
        return self.client.get(reverse("search"), {"q": query})

    def titles(self, response) -> list[str]:
        return [hit.page.title for hit in response.context["results"].object_list]

    def test_radiology_finds_the_incident_report_with_highlighted_summary(self):
        response = self.search("radiology")
        self.assertIn(self.report.title, self.titles(response))
        self.assertContains(response, "<mark>Radiology</mark> result notifications")

    def test_phrase_only_inside_a_document_finds_the_page_offering_it(self):
        response = self.search(DOCUMENT_PHRASE)
        self.assertEqual(self.titles(response), ["Interface consensus"])
        self.assertContains(response, "Found in the document “Consensus statement”")
        self.assertContains(response, "<mark>zebra</mark>")

    def test_drafts_and_private_pages_are_never_found(self):
        titles = self.titles(self.search("radiology note"))
        self.assertNotIn("Draft radiology note", titles)
        self.assertNotIn("Private radiology note", titles)

    def test_editor_text_is_escaped_in_results(self):
        response = self.search("radiology bold")
        self.assertContains(response, "Hostile &lt;script&gt;alert(1)&lt;/script&gt;")
        self.assertContains(
            response, "<mark>Radiology</mark> &lt;b&gt;<mark>bold</mark>&lt;/b&gt; &amp; more"
        )
        self.assertNotContains(response, "<script>alert(1)")

    def test_the_query_is_escaped_back_to_the_user(self):
        response = self.search('"><script>alert(1)</script>')
        self.assertEqual(response.status_code, 200)
        self.assertNotContains(response, "<script>alert(1)")

    def test_empty_query_shows_the_form_without_results(self):
        response = self.search("")
        self.assertContains(response, 'id="search-page-q"')
        self.assertNotContains(response, "result")

    def test_header_search_box_reaches_this_view(self):
        self.assertEqual(reverse("search"), "/search/")


def test_highlight_escapes_text_and_marks_matches_only():
    html = highlight("<i>Tasks</i> & tasks", highlight_pattern(plan("tasks", [])))
    assert html == "&lt;i&gt;<mark>Tasks</mark>&lt;/i&gt; &amp; <mark>tasks</mark>"


@pytest.mark.django_db
def test_replacing_a_document_updates_search_and_keeps_the_download_address(admin_client, guidance_index):
    document = GuidanceDocumentFactory(
        title="Results guide", file=ContentFile(sample_pdf("original walrus wording"), name="guide.pdf")
    )
    page = GuidanceItemPageFactory(
        parent=guidance_index,
        title="Results",
        body=[{"type": "download", "value": {"title": "", "document": document.id, "description": ""}}],
    )
    page.save_revision().publish()  # records the page's reference to the document
    download_url = page.download_url(page.body[0].id)
    assert admin_client.get(download_url).status_code == 200

    response = admin_client.post(
        reverse("wagtaildocs:edit", args=[document.id]),
        {
            "title": "Results guide",
            "file": ContentFile(sample_pdf("replacement pelican wording"), name="guide-v2.pdf"),
            "collection": document.collection_id,
        },
    )
    assert response.status_code == 302
    document.refresh_from_db()
    assert "pelican" in document.text_content

    def found(query):
        return [hit.page.id for hit in admin_client.get(reverse("search"), {"q": query}).context["results"]]

    assert found("pelican") == [page.id]
    assert found("walrus") == []
    replaced = admin_client.get(download_url)
    assert replaced.status_code == 200
    assert b"".join(replaced.streaming_content) == document.file.open("rb").read()


def test_search_ranks_only_the_first_few_hundred_matches(client, guidance_index, monkeypatch):
    """Matches beyond the cap are neither fetched nor counted; the page says there are more."""
    from guidance.search import service

    monkeypatch.setattr(service, "MAX_RANKED_RESULTS", 3)
    for n in range(5):
        GuidanceItemPageFactory(parent=guidance_index, title=f"Capybara {n}", summary="About capybaras.")
    response = client.get("/search/", {"q": "capybara"})
    assert response.status_code == 200
    assert response.context["results"].paginator.count == 3
    assert "More than 3 results for" in response.content.decode()
    assert len(response.context["results"].object_list) == 3


def hits_for(client, query: str, page: int = 1) -> list:
    return client.get("/search/", {"q": query, "page": page}).context["results"].object_list


def titles_for(client, query: str, page: int = 1) -> list[str]:
    return [hit.page.title for hit in hits_for(client, query, page)]


def test_title_and_summary_matches_rank_above_matches_in_the_body_only(client, guidance_index):
    GuidanceItemPageFactory(
        parent=guidance_index,
        title="Fridge temperatures",
        summary="Keeping vaccines cold.",
        body=[{"type": "paragraph", "value": {"text": "<p>Ask the okapi team.</p>"}}],
    )
    GuidanceItemPageFactory(parent=guidance_index, title="Cold chain", summary="What the okapi team asks.")
    GuidanceItemPageFactory(parent=guidance_index, title="The okapi team", summary="Who they are.")
    first, second, third = titles_for(client, "okapi")
    assert {first, second} == {"The okapi team", "Cold chain"}
    assert third == "Fridge temperatures"


def test_words_split_between_the_title_and_the_body_find_the_page(client, guidance_index):
    GuidanceItemPageFactory(
        parent=guidance_index,
        title="Phlebotomy requests",
        summary="Who takes blood.",
        body=[{"type": "paragraph", "value": {"text": "<p>Samples for the wombat clinic.</p>"}}],
    )
    GuidanceItemPageFactory(parent=guidance_index, title="Phlebotomy hours", summary="When the clinic opens.")
    assert titles_for(client, "phlebotomy wombat") == ["Phlebotomy requests"]


def test_every_matching_page_appears_once_across_the_result_pages(client, guidance_index):
    """25 equally good matches: page 1 shows 20, page 2 the other 5, none twice, none left out."""
    for n in range(25):
        GuidanceItemPageFactory(parent=guidance_index, title=f"Tapir note {n}", summary="Same words.")
    first, second = titles_for(client, "tapir"), titles_for(client, "tapir", page=2)
    assert (len(first), len(second)) == (20, 5)
    assert sorted(first + second) == sorted(f"Tapir note {n}" for n in range(25))


@pytest.mark.parametrize("query", ["okapi", "okapis", "the okapi", "okapi wombat", "okapi team leaflet"])
def test_results_are_in_the_order_of_wagtail_search(client, guidance_index, query):
    """The site's search (its own query on PostgreSQL) finds and orders pages as Wagtail's search
    does: stemming, ignored common words, words split between title, summary, body and documents."""
    from wagtail.models import Page

    from guidance.models import LISTED_PAGE_TYPES
    from guidance.search.query import query_terms

    document = GuidanceDocumentFactory(
        title="Leaflet", file=ContentFile(sample_pdf("okapi team leaflet"), name="leaflet.pdf")
    )
    download = {"type": "download", "value": {"title": "", "document": document.id, "description": ""}}
    GuidanceItemPageFactory(parent=guidance_index, title="Okapi team", summary="The okapis.")
    GuidanceItemPageFactory(parent=guidance_index, title="Team rota", summary="Okapi cover.", body=[download])
    GuidanceItemPageFactory(
        parent=guidance_index,
        title="Wombat clinic",
        summary="Opening hours.",
        body=[{"type": "paragraph", "value": {"text": "<p>The okapi team runs it.</p>"}}],
    )
    ReportPageFactory(parent=guidance_index, title="Okapi audit", summary="Okapi, okapi and okapi.")
    for n in range(2):  # equally good matches (the words only in the same summary): a stable order
        GuidanceItemPageFactory(parent=guidance_index, title=f"Notes {n}", summary="Okapi team leaflet.")
    expected = [
        page.id
        for page in Page.objects.live()
        .public()
        .type(*LISTED_PAGE_TYPES)
        .search(" ".join(query_terms(query)), operator="and")
    ]
    assert expected  # the query finds something
    assert [hit.page.id for hit in hits_for(client, query)] == expected


@pytest.mark.django_db
def test_the_result_count_is_announced_and_stays_a_heading(client, guidance_index):
    """Screen readers hear the count when results arrive, and the page outline keeps h1 → h2 → h3."""
    html = client.get("/search/?q=nothingmatcheszz").content.decode()
    status = re.search(r'<div role="status">(.*?)</div>', html, re.S)
    assert status and "0 results for “nothingmatcheszz”" in status.group(1)
    assert re.search(r'<h2 class="search-count">', html)  # a plain heading: no role hides it


def test_excerpts_show_what_readers_see_never_internal_names(client, guidance_index):
    """Block choices, list items, table columns and block types are shown by their labels."""
    GuidanceItemPageFactory(
        parent=guidance_index,
        title="Returning work",
        summary="How to send it back.",
        body=[
            {"type": "letter", "value": {"letter": "workload_rejection", "heading": "Lemur letter"}},
            {
                "type": "contacts",
                "value": {
                    "caption": "Lemur office",
                    "contacts": [
                        {"type": "item", "value": {"name": "A. Lemur", "role": "Officer"}, "id": "0b1d"}
                    ],
                },
            },
            {
                "type": "table",
                "value": {
                    "caption": "Lemur replies",
                    "table": {
                        "columns": [{"type": "rich_text", "heading": "Lemur answer"}],
                        "rows": [{"values": ["<p>Lemur cell</p>"]}],
                    },
                },
            },
        ],
    )
    ReportPageFactory(
        parent=guidance_index,
        title="Audit",
        summary="What we found.",
        recommendations=[
            {
                "type": "recommendation",
                "value": {"audience": "general_practice", "text": "<p>Check the lemur inbox.</p>"},
            }
        ],
    )
    html = client.get("/search/", {"q": "lemur"}).content.decode()
    excerpts = " ".join(re.findall(r'<p class="search-results__excerpt">(.*?)</p>', html, re.S))
    assert excerpts.count("Found in this page") == 2  # both pages, each with an excerpt
    for internal in ("workload_rejection", "general_practice", "rich_text"):
        assert internal not in html, internal
    for structure in ("0b1d", "item", "type"):  # list items' ids and the table's column types
        assert structure not in excerpts, structure
    assert "Workload rejection: work outside the GP contract" in excerpts
    assert "General practice" in excerpts
