"""RSS and Atom feeds of new and updated guidance (live, public pages only)."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from wagtail.models import Page

from core.privacy import private_q
from guidance.models import LISTED_PAGE_TYPES

FEED_LENGTH = 30


class GuidanceRssFeed(Feed):
    """The latest published or updated guidance and reports, newest first."""

    title = f"{settings.WAGTAIL_SITE_NAME}: new and updated guidance"
    description = "Guidance and reports on the interface between general practice and other providers."

    def link(self) -> str:
        return "/"

    def items(self):
        """Live, public guidance and reports, most recently published first."""
        return (
            Page.objects.live()
            .exclude(private_q())
            .type(*LISTED_PAGE_TYPES)
            .order_by("-last_published_at")
            .specific()
            .defer_streamfields()[:FEED_LENGTH]
        )

    def item_title(self, item) -> str:
        return item.title

    def item_description(self, item) -> str:
        return item.summary

    def item_link(self, item) -> str:
        return item.url

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at


class GuidanceAtomFeed(GuidanceRssFeed):
    """The same items as an Atom feed."""

    feed_type = Atom1Feed
    subtitle = GuidanceRssFeed.description
