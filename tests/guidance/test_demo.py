"""The demo content: the ten starting items with working documents, loaded idempotently."""

import io

from django.test import TestCase
from wagtail.models import Page, Revision

from guidance.demo import load
from guidance.models import GuidanceDocument, GuidanceIndexPage, GuidanceItemPage, ReportPage
from guidance.search.service import search_guidance
from guidance.search.synonyms import SearchSynonym


class DemoContentTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        load(io.StringIO())

    def test_ten_items_under_interface_guidance(self):
        index = GuidanceIndexPage.objects.get(slug="interface-guidance")
        self.assertTrue(index.show_in_menus)
        self.assertEqual(GuidanceItemPage.objects.child_of(index).live().count(), 8)
        self.assertEqual(ReportPage.objects.child_of(index).live().count(), 2)

    def test_most_used_guidance_keeps_its_order_when_an_editor_moves_one(self):
        from guidance.models import HomePage

        home = HomePage.objects.get()
        picks = list(home.most_used.all())
        self.assertGreaterEqual(len(picks), 3)
        # What the admin's "move up" saves: the second pick takes the first place, the rest stay.
        picks[0].sort_order, picks[1].sort_order = picks[1].sort_order, picks[0].sort_order
        for pick in picks[:2]:
            pick.save()
        moved = [pick.page_id for pick in home.most_used.all()]
        self.assertEqual(moved, [picks[1].page_id, picks[0].page_id, *[pick.page_id for pick in picks[2:]]])

    def test_second_load_changes_nothing(self):
        def counts():
            return (
                Page.objects.count(),
                Revision.objects.count(),
                GuidanceDocument.objects.count(),
                SearchSynonym.objects.count(),
            )

        before = counts()
        load(io.StringIO())
        self.assertEqual(before, counts())

    def test_practices_shorthand_finds_the_demo_guidance(self):
        """The demo synonyms: "A&G" finds the declined referrals letter (which says "Advice and
        Guidance"), "ME" the Medical Examiner pages, "HUTH" and its full name the same pages."""
        self.assertIn("declined-referrals-advice-and-guidance", self.slugs("A&G"))
        self.assertIn("declined-referrals-advice-and-guidance", self.slugs("advice and guidance"))
        medical_examiner = self.slugs("medical examiner")
        self.assertGreaterEqual(len(medical_examiner), 2)
        self.assertEqual(self.slugs("ME"), medical_examiner)
        self.assertEqual(set(self.slugs("HUTH")), set(self.slugs("Hull University Teaching Hospitals")))

    def slugs(self, query: str) -> list[str]:
        results, _ = search_guidance(query)
        return [hit.page.slug for hit in results.object_list]

    def test_every_document_has_text_and_the_incident_report_is_found(self):
        self.assertFalse(GuidanceDocument.objects.filter(text_content="").exists())
        results, _ = search_guidance("radiology")
        self.assertIn("HUTH", " ".join(hit.page.title for hit in results.object_list))
        # A phrase that appears only inside the Tasks PDF finds the Tasks page.
        results, _ = search_guidance("internal messaging tool")
        self.assertEqual([hit.page.slug for hit in results.object_list], ["tasks-in-clinical-systems"])

    def test_every_demo_download_link_works(self):
        for page in GuidanceItemPage.objects.live():
            for block in page.download_blocks():
                with self.subTest(page=page.slug):
                    self.assertEqual(self.client.get(page.download_url(block.id)).status_code, 200)

    def test_whats_new_shows_varied_plausible_dates(self):
        """A fresh demo's "What's new" looks like a real library: every guidance page updated on a
        different, past day (within the last few months), newest first, never all "today"."""
        import datetime

        from django.utils import timezone

        from guidance.models import HomePage

        today = timezone.localdate()
        shown = [item.shown_date for item in HomePage.objects.get().whats_new()]
        self.assertEqual(len(shown), 5)
        self.assertEqual(len(set(shown)), 5)
        self.assertEqual(shown, sorted(shown, reverse=True))
        updated = [page.last_published_at for page in GuidanceItemPage.objects.live()]
        self.assertEqual(len({moment.date() for moment in updated}), len(updated))
        for moment in updated:
            self.assertLess(moment, timezone.now())
            self.assertGreater(timezone.localdate(moment), today - datetime.timedelta(days=120))
        html = self.client.get("/").content.decode()
        self.assertEqual(html.count(f'Updated <time datetime="{today:%Y-%m-%d}"'), 0)
