"""Safely highlighted summaries and excerpts for search results.

The text is split around the matches and every piece is escaped, so editor text can never inject
markup; only our own ``<mark>`` tags are added. The text is what readers see (``guidance.search.text``),
so an excerpt never shows a block's internal names.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from wagtail.models import Page

from guidance.models import GuidanceDocument
from guidance.search.text import page_own_text

EXCERPT_RADIUS = 120

DocumentViewer = Callable[[GuidanceDocument], bool]


@dataclass(frozen=True)
class SearchHit:
    """One result: the page, its highlighted summary and, if the match is elsewhere, an excerpt."""

    page: Page
    summary: SafeString
    excerpt: SafeString | None
    excerpt_source: str


def highlight(text: str, pattern: re.Pattern | None) -> SafeString:
    """``text`` escaped, with each match wrapped in ``<mark>``."""
    if pattern is None:
        return escape(text)
    pieces, position = [], 0
    for match in pattern.finditer(text):
        if not match.group():
            continue
        pieces.append(escape(text[position : match.start()]))
        pieces.append(format_html("<mark>{}</mark>", match.group()))
        position = match.end()
    pieces.append(escape(text[position:]))
    return mark_safe("".join(pieces))  # noqa: S308 - every piece above is escaped


def excerpt_around(text: str, pattern: re.Pattern) -> SafeString | None:
    """A short highlighted passage of ``text`` around its first match, or None."""
    match = pattern.search(text)
    if match is None:
        return None
    start = max(0, match.start() - EXCERPT_RADIUS)
    end = min(len(text), match.end() + EXCERPT_RADIUS)
    passage = ("…" if start else "") + text[start:end].strip() + ("…" if end < len(text) else "")
    return highlight(passage, pattern)


def page_text_sources(
    page: Page, documents: dict[int, GuidanceDocument], may_view_document: DocumentViewer
) -> list[tuple[str, str]]:
    """(label, text) pairs to take an excerpt from: the page itself, then each of its documents the
    searcher may view (never a private collection's text or title for visitors it refuses)."""
    sources = [("this page", page_own_text(page))]
    for document_id in offered_document_ids(page):
        document = documents.get(document_id)
        if document is not None and document.text_content and may_view_document(document):
            sources.append((f"the document “{document.title}”", document.text_content))
    return sources


def offered_document_ids(page: Page) -> list[int]:
    """Ids of the documents a page offers, from its stored data (no queries)."""
    ids = [getattr(page, "report_document_id", None)]
    if hasattr(page, "body") and not isinstance(page.body, str):  # a StreamField, not rich text
        ids += [block["value"].get("document") for block in page.body.raw_data if block["type"] == "download"]
    return [document_id for document_id in ids if document_id]


def make_hit(
    page: Page,
    pattern: re.Pattern | None,
    documents: dict[int, GuidanceDocument],
    may_view_document: DocumentViewer,
) -> SearchHit:
    """Highlight the summary; when the match is not in it, find an excerpt where it is."""
    summary_text = getattr(page, "summary", "") or page.search_description
    summary = highlight(summary_text, pattern)
    if pattern is None or pattern.search(summary_text) or pattern.search(page.title):
        return SearchHit(page=page, summary=summary, excerpt=None, excerpt_source="")
    for label, text in page_text_sources(page, documents, may_view_document):
        excerpt = excerpt_around(text, pattern)
        if excerpt is not None:
            return SearchHit(page=page, summary=summary, excerpt=excerpt, excerpt_source=label)
    return SearchHit(page=page, summary=summary, excerpt=None, excerpt_source="")
