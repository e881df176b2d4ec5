"""Pages around the guidance: the home page's "Most used guidance" picks and the information pages
(about, contact, privacy notice, accessibility statement) that the footer links to and site search
finds.

Imported by ``guidance.models``, so these models belong to the guidance app.
"""

from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, PageChooserPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from guidance.blocks import RICH_TEXT_FEATURES
from guidance.search.text import abbreviation_keys, rich_text
from guidance.sitemap import RequestHostSitemapMixin

# Pages an editor may pick as "most used": the guidance, the reports and the guidance sections.
MOST_USED_PAGE_TYPES = ["guidance.GuidanceItemPage", "guidance.ReportPage", "guidance.GuidanceIndexPage"]
MOST_USED_LIMIT = 8


class MostUsedGuidance(Orderable):
    """One page on the home page's "Most used guidance" list, in the editor's order."""

    home = ParentalKey("guidance.HomePage", on_delete=models.CASCADE, related_name="most_used")
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")

    panels = [PageChooserPanel("page", MOST_USED_PAGE_TYPES)]

    class Meta(Orderable.Meta):
        verbose_name = "most used guidance page"


class InformationPage(RequestHostSitemapMixin, Page):
    """A page about the LMC or this website: about us, contact, privacy notice, accessibility statement.

    Lives under the home page; choose it in Settings → Site identity → Footer links to link it from
    the foot of every page.
    """

    summary = models.TextField(
        max_length=400, help_text="One or two sentences: shown to search engines as the page's description."
    )
    body = RichTextField(features=RICH_TEXT_FEATURES)

    content_panels = Page.content_panels + [FieldPanel("summary"), FieldPanel("body")]
    # Found by site search as guidance is (guidance.models.BasePage): the same fields and boosts, so
    # it ranks by its words like a guidance page with the same words.
    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=2),
        index.SearchField("body"),
        index.SearchField("search_abbreviations"),
    ]

    parent_page_types = ["guidance.HomePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "information page"

    def search_abbreviations(self) -> str:
        """A whole key word for each abbreviation the page writes, as for guidance (BasePage)."""
        return abbreviation_keys([self.title, self.summary, rich_text(self.body)])
