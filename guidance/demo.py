"""Demo content for the guidance section; every function here is idempotent.

A second run finds everything by slug or title and changes nothing (no new revisions or files).
"""

import copy
import datetime

from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Page, Revision, Site

from core.models import SiteIdentity
from guidance import demo_content, demo_files, demo_site_pages
from guidance.demo_synonyms import ensure_search_synonyms
from guidance.editorial import ensure_editorial_setup
from guidance.models import (
    GuidanceDocument,
    GuidanceIndexPage,
    GuidanceItemPage,
    HomePage,
    InformationPage,
    MostUsedGuidance,
    ReportPage,
    Topic,
)

# Published in one run, every demo guidance page would show today's date in "What's new" and the
# listings (guidance/listing.py), which no real library does: each is dated this many days before
# the load instead, in the order of demo_content.ITEMS (later items every ten days further back).
UPDATED_DAYS_AGO = (2, 6, 11, 19, 27, 40, 55, 73)

HOME_INTRO = (
    "Guidance, reports and template letters on the interface between general practice and "
    "hospitals and other providers, for practices in Humberside."
)


def ensure_home_page() -> HomePage:
    """Make the portal's HomePage the root of the default site, replacing Wagtail's placeholder."""
    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        placeholder = (
            Page.objects.filter(depth=2, slug="home").exclude(content_type__model="homepage").first()
        )
        if placeholder is not None:
            placeholder.slug = "wagtail-placeholder"
            placeholder.save_revision().publish()
        home = root.add_child(
            instance=HomePage(title="Humberside LMC interface portal", slug="home", intro=HOME_INTRO)
        )
        home.save_revision().publish()
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            Site.objects.create(
                hostname="localhost", root_page=home, is_default_site=True, site_name="Humberside LMC"
            )
        else:
            site.root_page = home
            site.site_name = "Humberside LMC"
            site.save()
        if placeholder is not None:
            placeholder.delete()
    return home


def ensure_topics() -> dict[str, Topic]:
    """The starting topics, by slug."""
    for name, slug in demo_content.TOPICS:
        Topic.objects.get_or_create(slug=slug, defaults={"name": name})
    return {topic.slug: topic for topic in Topic.objects.all()}


def ensure_documents() -> dict[str, GuidanceDocument]:
    """The demo documents, generated in code the first time and found by title afterwards."""
    found = {}
    for key, (title, kind, paragraphs) in demo_content.DOCUMENTS.items():
        document = GuidanceDocument.objects.filter(title=title).first()
        if document is None:
            make = demo_files.pdf_bytes if kind == "pdf" else demo_files.docx_bytes
            document = GuidanceDocument(title=title)
            document.file.save(f"{slugify(key)}.{kind}", ContentFile(make(title, paragraphs)), save=False)
            document.save()
        found[key] = document
    return found


def ensure_index_page(home: HomePage) -> GuidanceIndexPage:
    """The "Interface guidance" section under the home page, shown in the main menu."""
    index = GuidanceIndexPage.objects.child_of(home).filter(slug=demo_content.INDEX["slug"]).first()
    if index is None:
        index = home.add_child(instance=GuidanceIndexPage(show_in_menus=True, **demo_content.INDEX))
        index.save_revision().publish()
    return index


def _resolve_downloads(body: list[dict], documents: dict[str, GuidanceDocument]) -> list[dict]:
    """Body data with each download block's document key replaced by the document's id."""
    body = copy.deepcopy(body)
    for block in body:
        if block["type"] == "download":
            block["value"]["document"] = documents[block["value"]["document"]].id
    return body


def _publish_under(index: GuidanceIndexPage, page: Page, topics: list[Topic]) -> None:
    index.add_child(instance=page)
    page.topics.set(topics)
    page.save_revision().publish()


def _date_back(page: Page, days: int) -> None:
    """Make ``page`` look published ``days`` ago: its publication dates and its revision's."""
    when = timezone.now() - datetime.timedelta(days=days)
    Page.objects.filter(pk=page.pk).update(
        first_published_at=when, last_published_at=when, latest_revision_created_at=when
    )
    Revision.objects.for_instance(page).update(created_at=when)


def updated_days_ago(position: int) -> int:
    """How many days before the load the demo guidance item at ``position`` in ITEMS is dated."""
    if position < len(UPDATED_DAYS_AGO):
        return UPDATED_DAYS_AGO[position]
    return UPDATED_DAYS_AGO[-1] + 10 * (position - len(UPDATED_DAYS_AGO) + 1)


def ensure_guidance(index: GuidanceIndexPage, topics: dict[str, Topic], documents: dict) -> int:
    """Create the guidance pages and reports that are missing; return how many were created."""
    existing = set(index.get_children().values_list("slug", flat=True))
    created = 0
    for position, item in enumerate(demo_content.ITEMS):
        if item["slug"] in existing:
            continue
        page = GuidanceItemPage(
            title=item["title"],
            slug=item["slug"],
            summary=item["summary"],
            last_reviewed=demo_content.REVIEWED,
            next_review_due=item.get("next_review_due", demo_content.NEXT_REVIEW),
            body=_resolve_downloads(item["body"], documents),
        )
        _publish_under(index, page, [topics[slug] for slug in item["topics"]])
        _date_back(page, updated_days_ago(position))
        created += 1
    for report in demo_content.REPORTS:
        if report["slug"] in existing:
            continue
        page = ReportPage(
            title=report["title"],
            slug=report["slug"],
            summary=report["summary"],
            last_reviewed=demo_content.REVIEWED,
            next_review_due=demo_content.NEXT_REVIEW,
            publication_date=report["publication_date"],
            report_document=documents[report["report_document"]],
            key_findings=report["key_findings"],
            recommendations=[
                {"type": "recommendation", "value": {"audience": audience, "text": text}}
                for audience, text in report["recommendations"]
            ],
            body=_resolve_downloads(report["body"], documents),
        )
        _publish_under(index, page, [topics[slug] for slug in report["topics"]])
        created += 1
    return created


def ensure_site_pages(home: HomePage) -> int:
    """The about, contact, privacy and accessibility pages under the home page, each linked from the
    footer of every site when it is created (a link the LMC has changed or removed is left alone)."""
    created = 0
    existing = set(home.get_children().values_list("slug", flat=True))
    for field, content in demo_site_pages.SITE_PAGES.items():
        if content["slug"] in existing:
            continue
        page = home.add_child(instance=InformationPage(**content))
        page.save_revision().publish()
        created += 1
        for site in Site.objects.filter(root_page=home):
            identity = SiteIdentity.for_site(site)
            if getattr(identity, f"{field}_id") is None:
                setattr(identity, field, page)
                identity.save()
    return created


def ensure_most_used(home: HomePage, index: GuidanceIndexPage) -> None:
    """A starting "Most used guidance" list, while nobody has edited the home page in the admin."""
    edited_by_a_person = home.revisions.filter(user__isnull=False).exists()
    if edited_by_a_person or home.most_used.exists():
        return
    by_slug = {page.slug: page for page in index.get_children()}
    picks = [by_slug[slug] for slug in demo_site_pages.MOST_USED_SLUGS if slug in by_slug]
    # Numbered, so moving one in the admin keeps the others in their places.
    home.most_used = [MostUsedGuidance(page=page, sort_order=order) for order, page in enumerate(picks)]
    home.save_revision().publish()


def load(stdout) -> None:
    """Create the home page, the guidance library, its documents, the editorial workflow and the
    search synonyms."""
    home = ensure_home_page()
    stdout.write(f"Home page: {home.title}")
    index = ensure_index_page(home)
    topics = ensure_topics()
    documents = ensure_documents()
    created = ensure_guidance(index, topics, documents)
    ensure_editorial_setup(index)
    ensure_most_used(home, index)
    site_pages = ensure_site_pages(home)
    stdout.write(f"Interface guidance: {created} page(s) created, {len(documents)} document(s) in place.")
    stdout.write(f"Search synonyms: {ensure_search_synonyms()} added.")
    stdout.write(f"About, contact, privacy and accessibility: {site_pages} page(s) created.")
