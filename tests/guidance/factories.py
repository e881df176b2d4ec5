"""Factories for every guidance page type, topics and documents (wagtail-factories).

``PAGE_FACTORIES`` maps each page model to its factory; a test fails when a page type has none.
"""

import datetime

import factory
import wagtail_factories
from django.core.files.base import ContentFile
from django.utils import timezone

from guidance.models import (
    GuidanceDocument,
    GuidanceIndexPage,
    GuidanceItemPage,
    HomePage,
    InformationPage,
    ReportPage,
    Topic,
)


class TopicFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.Sequence(lambda n: f"topic-{n}")

    class Meta:
        model = Topic
        django_get_or_create = ("slug",)


class GuidanceDocumentFactory(factory.django.DjangoModelFactory):
    """A plain-text document by default; pass ``file=ContentFile(pdf, name="x.pdf")`` for others."""

    title = factory.Sequence(lambda n: f"Document {n}")
    file = factory.LazyFunction(lambda: ContentFile(b"Plain text document.", name="note.txt"))

    class Meta:
        model = GuidanceDocument


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Home"

    class Meta:
        model = HomePage


class BasePageFactory(wagtail_factories.PageFactory):
    """Shared values: a summary and review dates a year apart, first published now."""

    summary = factory.LazyAttribute(lambda page: f"Summary of {page.title}.")
    last_reviewed = datetime.date(2026, 1, 1)
    next_review_due = datetime.date(2030, 1, 1)
    last_published_at = factory.LazyFunction(timezone.now)
    first_published_at = factory.LazyFunction(timezone.now)

    class Meta:
        abstract = True


class GuidanceIndexPageFactory(BasePageFactory):
    title = "Interface guidance"

    class Meta:
        model = GuidanceIndexPage


class GuidanceItemPageFactory(BasePageFactory):
    title = factory.Sequence(lambda n: f"Guidance item {n}")
    body = factory.LazyFunction(lambda: [{"type": "paragraph", "value": {"text": "<p>Body text.</p>"}}])

    class Meta:
        model = GuidanceItemPage


class ReportPageFactory(BasePageFactory):
    title = factory.Sequence(lambda n: f"Report {n}")
    publication_date = datetime.date(2024, 1, 31)
    key_findings = "<p>Key finding.</p>"
    recommendations = factory.LazyFunction(
        lambda: [{"type": "recommendation", "value": {"audience": "providers", "text": "<p>Do it.</p>"}}]
    )

    class Meta:
        model = ReportPage


class InformationPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Information page {n}")
    summary = factory.LazyAttribute(lambda page: f"Summary of {page.title}.")
    body = "<p>What this page says.</p>"

    class Meta:
        model = InformationPage


PAGE_FACTORIES = {
    HomePage: HomePageFactory,
    GuidanceIndexPage: GuidanceIndexPageFactory,
    GuidanceItemPage: GuidanceItemPageFactory,
    ReportPage: ReportPageFactory,
    InformationPage: InformationPageFactory,
}
