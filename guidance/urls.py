"""Routes of the guidance section outside the page tree (pages are served by Wagtail)."""

from django.urls import path
from wagtail.contrib.sitemaps.views import sitemap

from guidance import views
from guidance.feeds import GuidanceAtomFeed, GuidanceRssFeed

urlpatterns = [
    path("search/", views.search, name="search"),
    path("feeds/guidance.rss", GuidanceRssFeed(), name="guidance-feed-rss"),
    path("feeds/guidance.atom", GuidanceAtomFeed(), name="guidance-feed-atom"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots-txt"),
]
