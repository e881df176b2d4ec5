"""Guidance pages and the document model."""

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.documents.models import AbstractDocument, Document
from wagtail.models import Page


class GuidanceDocument(AbstractDocument):
    """The portal's document model (set in WAGTAILDOCS_DOCUMENT_MODEL from the first migration)."""

    admin_form_fields = Document.admin_form_fields


class HomePage(Page):
    """The site root: the LMC's welcome and routes to guidance, letters and search."""

    intro = models.TextField(
        blank=True,
        help_text="One or two sentences under the page title saying what the portal is for.",
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = "home page"
