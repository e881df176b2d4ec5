"""Feeds, sitemap.xml and robots.txt list live, public guidance only."""

from django.test import TestCase
from wagtail.models import PageViewRestriction

from tests.guidance.conftest import make_guidance_index
from tests.guidance.factories import GuidanceItemPageFactory, ReportPageFactory


class FeedAndSitemapTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        index = make_guidance_index()
        cls.item = GuidanceItemPageFactory(
            parent=index, title="Tasks & <clinical> systems", summary="Use letters."
        )
        cls.report = ReportPageFactory(parent=index, title="Interface report")
        GuidanceItemPageFactory(parent=index, title="Draft guidance", slug="draft-guidance", live=False)
        private = GuidanceItemPageFactory(parent=index, title="Private guidance", slug="private-guidance")
        PageViewRestriction.objects.create(page=private, restriction_type="password", password="secret")

    def assert_only_live_public(self, body: str):
        self.assertNotIn("Draft guidance", body)
        self.assertNotIn("draft-guidance", body)
        self.assertNotIn("Private guidance", body)
        self.assertNotIn("private-guidance", body)

    def test_rss_feed_lists_live_guidance_escaped(self):
        response = self.client.get("/feeds/guidance.rss")
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response["Content-Type"].startswith("application/rss+xml"))
        body = response.content.decode()
        self.assertIn("<title>Tasks &amp; &lt;clinical&gt; systems</title>", body)
        self.assertIn(f"http://testserver{self.report.url}", body)
        self.assert_only_live_public(body)

    def test_atom_feed_lists_live_guidance(self):
        response = self.client.get("/feeds/guidance.atom")
        self.assertTrue(response["Content-Type"].startswith("application/atom+xml"))
        body = response.content.decode()
        self.assertIn("Interface report", body)
        self.assertIn("<updated>", body)
        self.assert_only_live_public(body)

    def test_sitemap_lists_live_public_pages_only(self):
        response = self.client.get("/sitemap.xml")
        self.assertEqual(response.status_code, 200)
        body = response.content.decode()
        self.assertIn(f"<loc>http://testserver{self.item.url}</loc>", body)
        self.assertIn(f"<loc>http://testserver{self.report.url}</loc>", body)
        self.assert_only_live_public(body)

    def test_sitemap_lists_the_addresses_of_the_host_it_was_asked_for(self):
        """The demo's Wagtail Site is "localhost"; the public address must still appear."""
        response = self.client.get("/sitemap.xml", headers={"host": "portal.example.org"}, secure=True)
        body = response.content.decode()
        self.assertIn("<loc>https://portal.example.org/</loc>", body)
        self.assertIn(f"<loc>https://portal.example.org{self.item.url}</loc>", body)
        self.assertIn(f"<loc>https://portal.example.org{self.report.url}</loc>", body)
        self.assertNotIn("localhost", body)
        # robots.txt points to the same host's sitemap.
        robots = self.client.get("/robots.txt", headers={"host": "portal.example.org"}, secure=True)
        self.assertIn("Sitemap: https://portal.example.org/sitemap.xml", robots.content.decode())

    def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_the_admin(self):
        response = self.client.get("/robots.txt")
        self.assertEqual(response["Content-Type"], "text/plain; charset=utf-8")
        body = response.content.decode()
        self.assertIn("Disallow: /admin/", body)
        self.assertIn("Sitemap: http://testserver/sitemap.xml", body)

    def test_index_page_advertises_the_feeds(self):
        response = self.client.get(self.item.get_parent().url)
        self.assertContains(response, 'type="application/atom+xml"')
