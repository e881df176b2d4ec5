"""The home page answers "what's new and where do I start": a search box, the two letters, what's new
and the editors' most used guidance."""

import datetime

from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageViewRestriction
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from guidance.models import HomePage, MostUsedGuidance
from tests.guidance.conftest import make_guidance_index
from tests.guidance.factories import GuidanceItemPageFactory, ReportPageFactory


def main_of(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser").find("main")


class HomePageTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.index = make_guidance_index()
        cls.home = HomePage.objects.get()
        now = timezone.now()
        cls.items = [
            GuidanceItemPageFactory(
                parent=cls.index, title=f"Guidance {n}", last_published_at=now - datetime.timedelta(days=n)
            )
            for n in range(1, 8)
        ]
        # Corrected today, but readers see "Report published 31 January 2024": it is not new.
        cls.old_report = ReportPageFactory(
            parent=cls.index,
            title="January 2024 report",
            publication_date=datetime.date(2024, 1, 31),
            last_published_at=now,
        )
        cls.draft = GuidanceItemPageFactory(parent=cls.index, title="Draft guidance", live=False)
        cls.private = GuidanceItemPageFactory(
            parent=cls.index, title="Private guidance", last_published_at=now
        )
        PageViewRestriction.objects.create(page=cls.private, restriction_type="password", password="secret")

    def test_the_page_starts_with_a_labelled_search_box(self):
        main = main_of(self.client.get("/"))
        form = main.find("form", attrs={"role": "search"})
        self.assertEqual(form["action"], reverse("search"))
        field = form.find("input", attrs={"name": "q"})
        self.assertEqual(
            main.find("label", attrs={"for": field["id"]}).get_text(strip=True), "Search guidance"
        )

    def test_both_letters_are_offered_with_when_to_use_them(self):
        main = main_of(self.client.get("/"))
        for url_name in ("letters:declined_referral", "letters:workload_rejection"):
            link = main.find("a", href=reverse(url_name))
            self.assertIsNotNone(link, url_name)
            when = link.find_parent("li").find("p").get_text(" ", strip=True)
            self.assertTrue(when.startswith("Use it when"), when)

    def test_whats_new_lists_the_latest_five_by_the_date_readers_see_with_dates(self):
        section = main_of(self.client.get("/")).find(id="home-whats-new-heading").find_parent("section")
        entries = [
            (li.a.get_text(strip=True), li.time["datetime"], li.find(class_="meta").get_text(" ", strip=True))
            for li in section.find_all("li")
        ]
        self.assertEqual([title for title, _, _ in entries], [f"Guidance {n}" for n in range(1, 6)])
        yesterday = timezone.localdate() - datetime.timedelta(days=1)
        self.assertEqual(entries[0][1], yesterday.isoformat())
        self.assertEqual(entries[0][2], f"Updated {yesterday.day} {yesterday:%B %Y}")

    def test_a_recent_report_shows_its_publication_date(self):
        ReportPageFactory(parent=self.index, title="New report", publication_date=timezone.localdate())
        section = main_of(self.client.get("/")).find(id="home-whats-new-heading").find_parent("section")
        first = section.find("li")
        self.assertEqual(first.a.get_text(strip=True), "New report")
        self.assertIn("Report published", first.get_text())

    def test_most_used_guidance_is_the_editors_list_in_their_order_without_drafts_or_private_pages(self):
        picks = [self.items[4], self.draft, self.old_report, self.private, self.items[0]]
        self.home.most_used = [MostUsedGuidance(page=page) for page in picks]
        self.home.save_revision().publish()
        section = main_of(self.client.get("/")).find(id="home-most-used-heading").find_parent("section")
        titles = [li.get_text(strip=True) for li in section.find("ul").find_all("li")]
        self.assertEqual(titles, ["Guidance 5", "January 2024 report", "Guidance 1"])

    def test_without_picks_there_is_no_empty_most_used_heading_but_the_guidance_is_still_linked(self):
        main = main_of(self.client.get("/"))
        self.assertIsNone(main.find(id="home-most-used-heading"))
        self.assertIsNotNone(main.find("a", href=self.index.url))

    def test_an_editor_picks_the_most_used_guidance_in_the_admin(self):
        """The real form: the inline panel's name and the page chooser field, as an editor posts them."""
        self.login()
        data = nested_form_data(
            {
                "title": self.home.title,
                "slug": self.home.slug,
                "intro": "Welcome.",
                "most_used": inline_formset([{"page": self.items[2].pk}, {"page": self.items[0].pk}]),
                "action-publish": "action-publish",
            }
        )
        response = self.client.post(reverse("wagtailadmin_pages:edit", args=[self.home.pk]), data)
        self.assertEqual(response.status_code, 302, response.content[:2000])
        home = HomePage.objects.get()
        self.assertEqual(
            [link.page_id for link in home.most_used.all()], [self.items[2].pk, self.items[0].pk]
        )
        section = main_of(self.client.get("/")).find(id="home-most-used-heading").find_parent("section")
        self.assertEqual(
            [li.get_text(strip=True) for li in section.find("ul").find_all("li")],
            ["Guidance 3", "Guidance 1"],
        )
