"""Every page type has a factory and renders; guidance pages show dates, print details and downloads."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.test import TestCase
from wagtail.models import get_page_models

from tests.guidance.conftest import make_guidance_index, sample_pdf
from tests.guidance.factories import (
    PAGE_FACTORIES,
    GuidanceDocumentFactory,
    GuidanceItemPageFactory,
    ReportPageFactory,
)


def test_every_guidance_page_type_has_a_factory():
    guidance_models = {model for model in get_page_models() if model._meta.app_label == "guidance"}
    assert guidance_models == set(PAGE_FACTORIES), "add a factory to tests/guidance/factories.py"


class PageRenderingTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.index = make_guidance_index()
        cls.document = GuidanceDocumentFactory(
            title="Full report", file=ContentFile(sample_pdf("report text"), name="report.pdf")
        )
        cls.item = GuidanceItemPageFactory(
            parent=cls.index,
            title="Tasks <b>guidance</b>",
            next_review_due=datetime.date(2030, 6, 1),
            body=[
                {"type": "paragraph", "value": {"text": "<p>Reply by letter.</p>"}},
                {"type": "download", "value": {"title": "", "document": cls.document.id, "description": ""}},
            ],
        )
        cls.report = ReportPageFactory(
            parent=cls.index,
            title="Radiology report",
            report_document=cls.document,
            recommendations=[
                {
                    "type": "recommendation",
                    "value": {"audience": "general_practice", "text": "<p>Check inboxes.</p>"},
                },
                {
                    "type": "recommendation",
                    "value": {"audience": "providers", "text": "<p>Confirm delivery.</p>"},
                },
            ],
        )

    def test_each_factory_builds_a_page_that_renders(self):
        for model, factory in PAGE_FACTORIES.items():
            with self.subTest(model=model.__name__):
                page = self.index.get_parent().specific if model.__name__ == "HomePage" else None
                if page is None:
                    under_home = model.__name__ in {"GuidanceIndexPage", "InformationPage"}
                    parent = self.index.get_parent() if under_home else self.index
                    page = factory(parent=parent, slug=f"built-by-{model.__name__.lower()}")
                self.assertEqual(self.client.get(page.url).status_code, 200)

    def test_guidance_page_shows_summary_dates_and_print_details(self):
        response = self.client.get(self.item.url)
        self.assertContains(response, "Tasks &lt;b&gt;guidance&lt;/b&gt;")
        self.assertContains(response, "Summary of Tasks")
        self.assertContains(response, "Last updated")
        self.assertContains(response, "1 June 2030")
        self.assertContains(
            response, f"Printed from http://testserver{self.item.url} · next review due 1 June 2030"
        )

    def test_download_link_serves_the_document(self):
        block = self.item.body[1]
        response = self.client.get(self.item.download_url(block.id))
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "application/pdf")
        self.assertEqual(b"".join(response.streaming_content), sample_pdf("report text"))

    def test_unknown_download_is_not_found(self):
        self.assertEqual(self.client.get(f"{self.item.url}download/not-a-block/").status_code, 404)

    def test_report_shows_document_and_numbered_linkable_recommendations(self):
        response = self.client.get(self.report.url)
        self.assertContains(response, f'href="{self.report.url}download/report/"')
        self.assertContains(response, "PDF,")
        self.assertContains(response, 'id="recommendation-1"')
        self.assertContains(response, 'href="#recommendation-2"')
        self.assertContains(response, "For general practice")
        self.assertContains(response, "For hospitals and other providers")

    def test_draft_page_downloads_are_not_served(self):
        draft = GuidanceItemPageFactory(
            parent=self.index,
            live=False,
            body=[
                {"type": "download", "value": {"title": "", "document": self.document.id, "description": ""}}
            ],
        )
        self.assertEqual(
            self.client.get(f"{self.index.url}{draft.slug}/download/{draft.body[0].id}/").status_code, 404
        )


def test_print_styles_hide_navigation_and_filters_and_show_the_print_line():
    from django.conf import settings

    css = (settings.BASE_DIR / "static" / "css" / "portal.css").read_text()
    print_rules = " ".join(block.split("}", 1)[0] for block in css.split("@media print {")[1:])
    for selector in (".main-nav", ".breadcrumbs", ".site-search", ".guidance-filters", ".pagination-nav"):
        assert selector in print_rules, f"{selector} is not hidden when printing"
    assert ".print-only { display: block !important; }" in css


@pytest.mark.django_db
def test_a_page_past_its_review_date_tells_readers_it_is_under_review(client, guidance_index):
    from django.utils import timezone

    from tests.guidance.factories import GuidanceItemPageFactory

    today = timezone.localdate()
    due = GuidanceItemPageFactory(
        parent=guidance_index, slug="due", next_review_due=today + datetime.timedelta(days=1)
    )
    overdue = GuidanceItemPageFactory(
        parent=guidance_index, slug="overdue", next_review_due=today - datetime.timedelta(days=1)
    )
    for page in (due, overdue):
        page.save_revision().publish()
    assert "This guidance is under review" not in client.get(due.url).content.decode()
    notice = client.get(overdue.url).content.decode()
    assert "This guidance is under review" in notice
    assert f"It was due for review on {overdue.next_review_due.day} " in notice


@pytest.mark.django_db
def test_report_recommendations_read_in_the_editors_order(client, guidance_index):
    from tests.guidance.factories import ReportPageFactory

    report = ReportPageFactory(
        parent=guidance_index,
        slug="report",
        recommendations=[
            ("recommendation", {"audience": "providers", "text": "<p>Confirm delivery.</p>"}),
            ("recommendation", {"audience": "general_practice", "text": "<p>Check inboxes.</p>"}),
        ],
    )
    report.save_revision().publish()
    html = client.get(report.url).content.decode()
    assert html.index('id="recommendation-1"') < html.index('id="recommendation-2"')
    assert html.index("For hospitals and other providers") < html.index("For general practice")
