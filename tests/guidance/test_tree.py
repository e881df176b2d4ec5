"""The page tree rules and the editor round trip, with the blocks' real names."""

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from guidance.models import GuidanceIndexPage, GuidanceItemPage, HomePage, InformationPage, ReportPage
from tests.guidance.conftest import make_guidance_index


class TreeRulesTests(WagtailPageTestCase):
    def test_home_page_holds_the_guidance_index_and_information_pages(self):
        self.assertAllowedSubpageTypes(HomePage, {GuidanceIndexPage, InformationPage})
        self.assertAllowedParentPageTypes(InformationPage, {HomePage})
        self.assertAllowedSubpageTypes(InformationPage, set())

    def test_guidance_index_holds_guidance_and_reports(self):
        self.assertAllowedSubpageTypes(GuidanceIndexPage, {GuidanceItemPage, ReportPage})
        self.assertAllowedParentPageTypes(GuidanceIndexPage, {HomePage})

    def test_guidance_and_reports_live_only_in_the_index_and_have_no_children(self):
        for model in (GuidanceItemPage, ReportPage):
            self.assertAllowedParentPageTypes(model, {GuidanceIndexPage})
            self.assertAllowedSubpageTypes(model, set())
            self.assertCanNotCreateAt(HomePage, model)

    def test_editors_can_create_each_type_where_it_belongs(self):
        self.assertCanCreateAt(HomePage, GuidanceIndexPage)
        self.assertCanCreateAt(GuidanceIndexPage, GuidanceItemPage)
        self.assertCanCreateAt(GuidanceIndexPage, ReportPage)
        self.assertCanNotCreateAt(Page, GuidanceItemPage)


class EditorRoundTripTests(WagtailPageTestCase):
    """Pages created through the admin form, as an editor would, keep every block they were given."""

    @classmethod
    def setUpTestData(cls):
        cls.index = make_guidance_index()

    def setUp(self):
        self.login()

    def test_guidance_page_with_every_kind_of_text_block(self):
        data = nested_form_data(
            {
                "title": "Tasks in clinical systems",
                "slug": "tasks",
                "summary": "Tasks are not for providers.",
                "body": streamfield(
                    [
                        ("paragraph", {"text": rich_text("<p>Reply by letter.</p>")}),
                        ("callout", {"heading": "Remember", "text": rich_text("<p>Keep a copy.</p>")}),
                        ("warning", {"text": rich_text("<p>Tasks can be missed.</p>")}),
                        (
                            "details",
                            {"summary": "What if urgent?", "content": rich_text("<p>Act first.</p>")},
                        ),
                        (
                            "letter",
                            {
                                "letter": "workload_rejection",
                                "heading": "Generate this letter",
                                "text": "",
                                "button_label": "Start",
                            },
                        ),
                    ]
                ),
            }
        )
        self.assertCanCreate(self.index, GuidanceItemPage, data)
        page = GuidanceItemPage.objects.get(slug="tasks")
        # Unknown block names would be dropped silently: prove every block arrived.
        self.assertEqual(
            [block.block_type for block in page.body],
            ["paragraph", "callout", "warning", "details", "letter"],
        )
        self.assertEqual(page.body[4].value["letter"], "workload_rejection")

    def test_report_with_numbered_recommendations(self):
        data = nested_form_data(
            {
                "title": "Radiology incident report",
                "slug": "radiology-report",
                "summary": "What went wrong with radiology results.",
                "publication_date": "2024-03-01",
                "key_findings": rich_text("<p>An inbox nobody monitored.</p>"),
                "recommendations": streamfield(
                    [
                        (
                            "recommendation",
                            {"audience": "general_practice", "text": rich_text("<p>Check inboxes.</p>")},
                        ),
                        (
                            "recommendation",
                            {"audience": "providers", "text": rich_text("<p>Confirm delivery.</p>")},
                        ),
                    ]
                ),
                "body": streamfield([]),
            }
        )
        self.assertCanCreate(self.index, ReportPage, data)
        report = ReportPage.objects.get(slug="radiology-report")
        groups = report.numbered_recommendations()
        self.assertEqual([number for number, _ in groups["general_practice"]], [1])
        self.assertEqual([number for number, _ in groups["providers"]], [2])

    def test_javascript_link_in_rich_text_is_removed_on_save(self):
        data = nested_form_data(
            {
                "title": "Link test",
                "slug": "link-test",
                "summary": "Links.",
                "body": streamfield(
                    [
                        (
                            "paragraph",
                            {"text": rich_text('<p><a href="javascript:alert(1)">Click</a> safe</p>')},
                        )
                    ]
                ),
            }
        )
        self.assertCanCreate(self.index, GuidanceItemPage, data)
        stored = GuidanceItemPage.objects.get(slug="link-test").body[0].value["text"].source
        self.assertIn("Click", stored)
        self.assertNotIn("javascript:", stored)
