"""Guidance pages, topics and the document model.

Tree: HomePage → GuidanceIndexPage ("Interface guidance") → GuidanceItemPage / ReportPage.
"""

import datetime

from django import forms
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Q, prefetch_related_objects
from django.http import FileResponse, Http404, HttpResponse
from django.utils import timezone
from modelcluster.fields import ParentalManyToManyField
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.documents.models import AbstractDocument, Document
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from core import privacy
from guidance import documents, listing
from guidance.blocks import (
    AUDIENCE_CHOICES,
    RICH_TEXT_FEATURES,
    GuidanceStreamBlock,
    RecommendationsStreamBlock,
    ReportStreamBlock,
)
from guidance.private_documents import is_private
from guidance.search.synonyms import SearchSynonym  # noqa: F401 - a model of this app, edited as a snippet
from guidance.search.text import abbreviation_keys, page_own_text
from guidance.site_pages import MOST_USED_LIMIT, InformationPage, MostUsedGuidance  # noqa: F401 (app models)
from guidance.sitemap import RequestHostSitemapMixin

REVIEW_WARNING_DAYS = 30
INDEX_PAGE_SIZE = 20


class GuidanceDocument(AbstractDocument):
    """The portal's document model: keeps the text and page count read from the file."""

    text_content = models.TextField(blank=True, editable=False)
    page_count = models.PositiveIntegerField(null=True, blank=True, editable=False)
    text_readable = models.BooleanField(
        default=True,
        editable=False,
        help_text="False when the file could not be read (damaged or encrypted).",
    )
    # Why the file could not be read, for the editor ("" when it was, or is still being read).
    text_problem = models.CharField(max_length=300, blank=True, editable=False)
    # Hash of the file the text was read from, so text is re-read only when the file changes; it
    # differs from ``file_hash`` while the worker has still to read a new file.
    text_source_hash = models.CharField(max_length=40, blank=True, editable=False)

    admin_form_fields = Document.admin_form_fields
    search_fields = AbstractDocument.search_fields + [index.SearchField("text_content")]

    @property
    def file_extension(self) -> str:
        """The extension in lower case ("REPORT.PDF" → "pdf"): the text is read, the type described
        and the file served by type, whatever the case of its name."""
        return documents.extension_of(self.filename)

    def clean(self):
        """Wagtail's extension check, on a file only: when the upload was refused, the form already
        says why, and checking the missing file would add 'File extension "" is not allowed'."""
        if self.file:
            super().clean()

    def save(self, *args, **kwargs):
        """Save, and have the file's text read in the background whenever the file is new or replaced.

        The task is queued in the same transaction as the document (the database queue), so the
        worker never sees one without the other; without a worker (``make run``, tests) it runs at
        once, after the row is saved.
        """
        if self.file and not self.file_hash:
            self._set_document_file_metadata()
        needs_reading = bool(self.file) and self.file_hash != self.text_source_hash
        if needs_reading:
            # The old file's text must not be searched as this one's while it is read.
            self.text_content, self.page_count, self.text_readable, self.text_problem = "", None, True, ""
        super().save(*args, **kwargs)
        if needs_reading:
            from guidance.tasks import read_document_text

            read_document_text.enqueue(self.pk, self.file_hash)

    def refresh_text(self) -> None:
        """Read text and page count from the current file, in a child process with limits (the file
        itself is never changed)."""
        with self.open_file() as handle:
            data = handle.read()
        result = documents.extract_in_child_process(self.file_extension, data)
        self.text_content = result.text
        self.page_count = result.page_count
        self.text_readable = result.readable
        self.text_problem = result.problem
        self.text_source_hash = self.file_hash

    @property
    def description(self) -> str:
        """e.g. "PDF, 240 KB, 12 pages"."""
        return documents.describe(
            extension=self.file_extension, size=self.file_size, page_count=self.page_count
        )


class Topic(models.Model):
    """A subject guidance is filed under (an editable taxonomy), e.g. "Prescribing"."""

    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True, help_text="Used in the address of topic filters.")

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class BasePage(RequestHostSitemapMixin, RoutablePageMixin, Page):
    """Fields every guidance page shares: summary, topics, review dates, search and downloads."""

    summary = models.TextField(
        max_length=400, help_text="One or two sentences shown in listings, search results and feeds."
    )
    topics = ParentalManyToManyField(Topic, blank=True, related_name="+")
    last_reviewed = models.DateField(null=True, blank=True)
    next_review_due = models.DateField(
        null=True, blank=True, help_text="The page is listed in the review report 30 days before this date."
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
    ]

    @property
    def review_overdue(self) -> bool:
        """True once the review date has passed: readers are told the page is under review."""
        return bool(self.next_review_due and self.next_review_due < timezone.localdate())

    review_panels = [
        MultiFieldPanel([FieldPanel("last_reviewed"), FieldPanel("next_review_due")], heading="Review")
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=2),
        index.SearchField("search_document_text"),
        index.SearchField("search_abbreviations"),
        index.FilterField("next_review_due"),
    ]

    class Meta:
        abstract = True

    def offered_documents(self) -> list[GuidanceDocument]:
        """Documents this page offers for download (used for search and feeds)."""
        return []

    def search_document_text(self) -> str:
        """Text of the page's documents, so a phrase inside a PDF finds the page offering it.

        Documents in private collections are left out: the page is public, so a search finding it
        by their words would tell anyone those words are in them (guidance.signals re-indexes the
        page when a collection becomes private or public)."""
        return "\n".join(
            doc.text_content for doc in self.offered_documents() if doc.text_content and not is_private(doc)
        )

    def search_abbreviations(self) -> str:
        """A whole key word for each abbreviation the page or its documents write ("A&G", "ME"), which
        the search engines would otherwise split or drop (guidance.search.text)."""
        return abbreviation_keys([self.title, self.summary, page_own_text(self), self.search_document_text()])

    def find_download(self, key: str) -> GuidanceDocument | None:
        """The document behind a download address, or None."""
        return None

    def download_url(self, key: str, request=None) -> str:
        """The stable address of a download on this page."""
        return self.get_url(request=request) + self.reverse_subpage("download", args=[key])

    @path("download/<str:key>/", name="download")
    def download(self, request, key: str):
        """Serve the document currently behind ``key``; the address survives replacing the file."""
        document = self.find_download(key)
        if document is None or not document.file:
            raise Http404("No such download on this page.")
        # The checks Wagtail's own document view makes (private collections): never bypass them.
        for hook in hooks.get_hooks("before_serve_document"):
            result = hook(document, request)
            if isinstance(result, HttpResponse):
                return result
        try:
            handle = document.file.open("rb")
        except FileNotFoundError as missing:
            raise Http404("The file of this download is missing.") from missing
        extension = document.file_extension
        # PDFs open in the browser; other types download (never rendered as pages of this site).
        return FileResponse(
            handle,
            as_attachment=extension != "pdf",
            filename=document.filename,
            content_type=documents.CONTENT_TYPES.get(extension, "application/octet-stream"),
        )

    @property
    def review_status(self) -> str:
        """'overdue', 'due soon' or '' for this page's next review date."""
        if self.next_review_due is None:
            return ""
        today = timezone.localdate()
        if self.next_review_due < today:
            return "overdue"
        if self.next_review_due <= today + datetime.timedelta(days=REVIEW_WARNING_DAYS):
            return "due soon"
        return ""


class HomePage(RequestHostSitemapMixin, Page):
    """The site root: a search box, the letters, what's new and the editors' most used guidance."""

    WHATS_NEW_COUNT = 5

    intro = models.TextField(
        blank=True,
        help_text="One or two sentences under the page title saying what the portal is for.",
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        InlinePanel(
            "most_used",
            heading="Most used guidance",
            label="Page",
            max_num=MOST_USED_LIMIT,
            help_text="The pages practices ask for most, in the order to show them (drafts are left out).",
        ),
    ]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["guidance.GuidanceIndexPage", "guidance.InformationPage"]
    max_count = 1

    class Meta:
        verbose_name = "home page"

    def sections(self):
        """The live, public guidance sections below the home page."""
        return (
            GuidanceIndexPage.objects.child_of(self).live().exclude(privacy.private_q()).defer_streamfields()
        )

    def whats_new(self) -> list[Page]:
        """The latest published or updated guidance and reports, by the date readers see on them
        (``shown_date``; ``report_published`` is set on reports)."""
        pages = Page.objects.descendant_of(self).live().exclude(privacy.private_q()).type(*LISTED_PAGE_TYPES)
        pages = pages.annotate(report_published=models.F("reportpage__publication_date"))
        return list(listing.newest_first(pages)[: self.WHATS_NEW_COUNT])

    def most_used_pages(self) -> list[Page]:
        """The editors' picks that are live and public, in their order."""
        ids = [link.page_id for link in self.most_used.all()]  # also right in a preview (unsaved picks)
        found = Page.objects.filter(pk__in=ids).live().exclude(privacy.private_q()).in_bulk()
        return [found[pk] for pk in ids if pk in found]


class GuidanceIndexPage(BasePage):
    """ "Interface guidance": lists the live guidance and reports below it, filtered and sorted."""

    intro = RichTextField(blank=True, features=RICH_TEXT_FEATURES)

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    settings_panels = BasePage.settings_panels + BasePage.review_panels

    parent_page_types = ["guidance.HomePage"]
    subpage_types = ["guidance.GuidanceItemPage", "guidance.ReportPage"]

    SORTS = ("newest", "title")

    class Meta:
        verbose_name = "guidance index page"

    def listed_pages(self, *, topic: Topic | None = None, sort: str = "newest"):
        """Live, public guidance and reports below this page, optionally in one topic."""
        pages = Page.objects.child_of(self).live().exclude(privacy.private_q()).type(*LISTED_PAGE_TYPES)
        if topic is not None:
            in_topic = Q()
            for model in LISTED_PAGE_TYPES:
                in_topic |= Q(id__in=model.objects.filter(topics=topic).values("id"))
            pages = pages.filter(in_topic)
        if sort == "title":
            return pages.order_by("title")
        return listing.newest_first(pages)

    def get_context(self, request, *args, **kwargs):
        """Topics, the chosen topic and sort, and one page of 20 results."""
        context = super().get_context(request, *args, **kwargs)
        topics = list(Topic.objects.all())
        topic = next((t for t in topics if t.slug == request.GET.get("topic")), None)
        sort = request.GET.get("sort") if request.GET.get("sort") in self.SORTS else "newest"
        paginator = Paginator(self.listed_pages(topic=topic, sort=sort), INDEX_PAGE_SIZE)
        results = paginator.get_page(request.GET.get("page"))
        results.object_list = with_topics(list(results.object_list.specific().defer_streamfields()))
        context.update(topics=topics, topic=topic, sort=sort, results=results)
        return context


def with_topics(pages: list[Page]) -> list[Page]:
    """Prefetch topics for a mixed list of specific pages: one query per page type, not per page."""
    by_type: dict[type, list[Page]] = {}
    for page in pages:
        by_type.setdefault(type(page), []).append(page)
    for model, group in by_type.items():
        if issubclass(model, BasePage):
            prefetch_related_objects(group, "topics")
    return pages


class ContentPage(BasePage):
    """A guidance page with a body of blocks; its download blocks give the page's downloads."""

    body = StreamField(GuidanceStreamBlock(), blank=True)

    settings_panels = BasePage.settings_panels + BasePage.review_panels
    search_fields = BasePage.search_fields + [index.SearchField("body")]

    parent_page_types = ["guidance.GuidanceIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        abstract = True

    def download_blocks(self):
        """The document download blocks in the body that have a document."""
        return [block for block in self.body if block.block_type == "download" and block.value["document"]]

    def offered_documents(self) -> list[GuidanceDocument]:
        return [block.value["document"] for block in self.download_blocks()]

    def find_download(self, key: str) -> GuidanceDocument | None:
        return next((block.value["document"] for block in self.download_blocks() if block.id == key), None)


class GuidanceItemPage(ContentPage):
    """One piece of guidance: text, documents, contacts and links to the letter generators."""

    content_panels = BasePage.content_panels + [FieldPanel("body")]

    class Meta:
        verbose_name = "guidance page"


class ReportPage(ContentPage):
    """A report: publication date, key findings, numbered recommendations and the report itself.

    Its body may also hold live figures from practices' reports and counted letters (``reporting``).
    """

    REPORT_KEY = "report"

    body = StreamField(ReportStreamBlock(), blank=True)

    publication_date = models.DateField()
    key_findings = RichTextField(features=RICH_TEXT_FEATURES, blank=True)
    recommendations = StreamField(RecommendationsStreamBlock(), blank=True)
    report_document = models.ForeignKey(
        GuidanceDocument, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("publication_date"),
        FieldPanel("report_document"),
        FieldPanel("key_findings"),
        FieldPanel("recommendations"),
        FieldPanel("body", heading="More detail"),
    ]
    search_fields = ContentPage.search_fields + [
        index.SearchField("key_findings"),
        index.SearchField("recommendations"),
        index.FilterField("publication_date"),
    ]

    class Meta:
        verbose_name = "report"

    def offered_documents(self) -> list[GuidanceDocument]:
        own = [self.report_document] if self.report_document else []
        return own + super().offered_documents()

    def find_download(self, key: str) -> GuidanceDocument | None:
        if key == self.REPORT_KEY:
            return self.report_document
        return super().find_download(key)

    def get_context(self, request, *args, **kwargs):
        """The report document as a download."""
        context = super().get_context(request, *args, **kwargs)
        if self.report_document:
            context["report_download"] = {
                "title": self.report_document.title,
                "document": self.report_document,
            }
            context["report_download_url"] = self.download_url(self.REPORT_KEY, request=request)
        return context

    def numbered_recommendations(self) -> dict[str, list[tuple[int, object]]]:
        """Recommendations grouped by audience, each keeping its number in the whole report."""
        groups: dict[str, list[tuple[int, object]]] = {}
        for number, block in enumerate(self.recommendations, start=1):
            groups.setdefault(block.value["audience"], []).append((number, block.value))
        return groups

    def recommendation_groups(self) -> list[tuple[str, list[tuple[int, object]]]]:
        """(audience label, numbered recommendations) in the editor's order: the group holding
        recommendation 1 comes first, so the numbers read in order down the page."""
        labels = dict(AUDIENCE_CHOICES)
        return [(labels.get(key, key), items) for key, items in self.numbered_recommendations().items()]


LISTED_PAGE_TYPES = (GuidanceItemPage, ReportPage)
