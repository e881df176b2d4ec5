"""The "Interface guidance" listing: live items only, topic filter, sorting and 20 a page."""

import datetime
import re

from django.test import TestCase
from django.utils import timezone
from wagtail.models import PageViewRestriction

from tests.guidance.conftest import make_guidance_index
from tests.guidance.factories import GuidanceItemPageFactory, ReportPageFactory, TopicFactory


class GuidanceIndexTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.index = make_guidance_index()
        cls.prescribing = TopicFactory(name="Prescribing", slug="prescribing")
        cls.results = TopicFactory(name="Results and tests", slug="results")
        start = timezone.now() - datetime.timedelta(days=100)
        # 24 live items, published one day apart: "Item 00" oldest, "Item 23" newest.
        for n in range(24):
            page = GuidanceItemPageFactory(
                parent=cls.index, title=f"Item {n:02d}", last_published_at=start + datetime.timedelta(days=n)
            )
            page.topics.set([cls.prescribing] if n % 2 else [])
            page.save()
        cls.report = ReportPageFactory(
            parent=cls.index,
            title="Aaa radiology report",
            last_published_at=start - datetime.timedelta(days=5),
        )
        cls.report.topics.set([cls.results])
        cls.report.save()
        GuidanceItemPageFactory(parent=cls.index, title="Draft guidance", live=False)
        private = GuidanceItemPageFactory(parent=cls.index, title="Private guidance")
        PageViewRestriction.objects.create(page=private, restriction_type="password", password="secret")

    def get(self, **params):
        return self.client.get(self.index.url, params)

    def titles(self, response) -> list[str]:
        return [page.title for page in response.context["results"].object_list]

    def test_first_page_lists_20_newest_with_summary_topic_and_date(self):
        response = self.get()
        self.assertEqual(response.status_code, 200)
        self.assertEqual(len(self.titles(response)), 20)
        self.assertEqual(self.titles(response)[0], "Item 23")
        self.assertContains(response, "Summary of Item 23.")
        self.assertContains(response, '<span class="tag">Prescribing</span>')
        self.assertContains(response, "25 items")

    def test_second_page_has_the_rest_and_a_previous_link(self):
        response = self.get(page=2)
        self.assertEqual(len(self.titles(response)), 5)
        self.assertEqual(self.titles(response)[-1], "Aaa radiology report")
        self.assertContains(response, "Report published")
        self.assertContains(response, f'href="{self.index.url}?page=1" rel="prev"')

    def test_drafts_and_private_pages_are_never_listed(self):
        all_titles = self.titles(self.get()) + self.titles(self.get(page=2))
        self.assertNotIn("Draft guidance", all_titles)
        self.assertNotIn("Private guidance", all_titles)

    def test_filter_by_topic_is_a_plain_link(self):
        response = self.get()
        self.assertContains(response, f'href="{self.index.url}?topic=prescribing"')
        self.assertContains(
            self.get(topic="prescribing"), f'href="{self.index.url}" aria-current="true"', count=0
        )
        self.assertContains(self.get(topic="prescribing"), f'<a href="{self.index.url}?">All topics</a>')
        filtered = self.get(topic="prescribing")
        self.assertEqual(len(self.titles(filtered)), 12)
        self.assertTrue(all(int(title[-2:]) % 2 for title in self.titles(filtered)))
        self.assertContains(filtered, "12 items in “Prescribing”")

    def test_filter_by_topic_includes_reports(self):
        self.assertEqual(self.titles(self.get(topic="results")), ["Aaa radiology report"])

    def test_sort_a_to_z(self):
        titles = self.titles(self.get(sort="title"))
        self.assertEqual(titles[0], "Aaa radiology report")
        self.assertEqual(titles, sorted(titles))

    def test_unknown_topic_sort_or_page_fall_back_safely(self):
        response = self.get(topic="<script>", sort="evil", page="999")
        self.assertEqual(response.status_code, 200)
        self.assertNotContains(response, "<script>")
        self.assertEqual(len(self.titles(response)), 5)  # the last page of all 25

    def test_index_is_in_the_main_menu_and_home_page_links_to_it(self):
        home = self.client.get("/")
        self.assertContains(home, f'href="{self.index.url}"', count=2)


class NewestFirstFollowsTheDateShownTests(TestCase):
    """ "Newest first" orders by the date each item shows: a report's publication date, otherwise the
    date it was last updated."""

    @classmethod
    def setUpTestData(cls):
        cls.index = make_guidance_index()
        now = timezone.now()
        # Published in January 2024, corrected today: the listing says "Report published 31 January 2024".
        ReportPageFactory(
            parent=cls.index,
            title="January 2024 report",
            publication_date=datetime.date(2024, 1, 31),
            last_published_at=now,
        )
        GuidanceItemPageFactory(
            parent=cls.index, title="Updated this week", last_published_at=now - datetime.timedelta(days=3)
        )
        GuidanceItemPageFactory(
            parent=cls.index, title="Updated in 2023", last_published_at=now.replace(year=2023)
        )
        ReportPageFactory(
            parent=cls.index,
            title="Report published yesterday",
            publication_date=timezone.localdate() - datetime.timedelta(days=1),
            last_published_at=now - datetime.timedelta(days=30),
        )

    def test_items_are_listed_in_the_order_of_the_dates_they_show(self):
        response = self.client.get(self.index.url, {"sort": "newest"})
        titles = [page.title for page in response.context["results"].object_list]
        self.assertEqual(
            titles,
            ["Report published yesterday", "Updated this week", "January 2024 report", "Updated in 2023"],
        )
        # The dates on the page read newest to oldest, as a reader would check them.
        shown = re.findall(r'<time datetime="(\d{4}-\d{2}-\d{2})"', response.content.decode())
        self.assertEqual(shown, sorted(shown, reverse=True))
        self.assertEqual(len(shown), 4)
