"""Site search over live, public guidance, with safely highlighted excerpts.

Wagtail's database backend does the matching (PostgreSQL full text in production, SQLite FTS
locally). Highlighting is done here: the text is split around the matches and every piece is
escaped, so editor text can never inject markup; only our own ``<mark>`` tags are added.
"""

import re
from dataclasses import dataclass

from django.core.paginator import Paginator
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from wagtail.models import Page

from guidance.models import LISTED_PAGE_TYPES, with_topics

RESULTS_PER_PAGE = 20
MAX_QUERY_LENGTH = 200
MAX_TERMS = 10
EXCERPT_RADIUS = 120


@dataclass(frozen=True)
class SearchHit:
    """One result: the page, its highlighted summary and, if the match is elsewhere, an excerpt."""

    page: Page
    summary: SafeString
    excerpt: SafeString | None
    excerpt_source: str


def query_terms(query: str) -> list[str]:
    """The words of a query worth highlighting (at most ten, two characters or more)."""
    return [word for word in re.findall(r"\w+", query) if len(word) >= 2][:MAX_TERMS]


def term_pattern(terms: list[str]) -> re.Pattern | None:
    """A case-insensitive pattern matching any of ``terms``; None if there are none."""
    if not terms:
        return None
    return re.compile("|".join(re.escape(term) for term in sorted(terms, key=len, reverse=True)), re.I)


def highlight(text: str, pattern: re.Pattern | None) -> SafeString:
    """``text`` escaped, with each match wrapped in ``<mark>``."""
    if pattern is None:
        return escape(text)
    pieces, position = [], 0
    for match in pattern.finditer(text):
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


def page_text_sources(page: Page) -> list[tuple[str, str]]:
    """(label, text) pairs to take an excerpt from: the page body, then each document."""
    sources = []
    body = getattr(page, "body", None)
    if body is not None:
        sources.append(("this page", " ".join(body.stream_block.get_searchable_content(body))))
    for document in page.offered_documents() if hasattr(page, "offered_documents") else []:
        if document.text_content:
            sources.append((f"the document “{document.title}”", document.text_content))
    return sources


def make_hit(page: Page, pattern: re.Pattern | None) -> SearchHit:
    """Highlight the summary; when the match is not in it, find an excerpt where it is."""
    summary_text = getattr(page, "summary", "") or page.search_description
    summary = highlight(summary_text, pattern)
    if pattern is None or pattern.search(summary_text) or pattern.search(page.title):
        return SearchHit(page=page, summary=summary, excerpt=None, excerpt_source="")
    for label, text in page_text_sources(page):
        excerpt = excerpt_around(text, pattern)
        if excerpt is not None:
            return SearchHit(page=page, summary=summary, excerpt=excerpt, excerpt_source=label)
    return SearchHit(page=page, summary=summary, excerpt=None, excerpt_source="")


def search_guidance(query: str, *, page_number: str | int | None = 1):
    """One page of results for ``query`` (a Django Page of SearchHits) and the query as used."""
    query = " ".join(query.split())[:MAX_QUERY_LENGTH]
    terms = query_terms(query)
    pattern = term_pattern(terms)
    pages = Page.objects.live().public().type(*LISTED_PAGE_TYPES)
    # Only the words go to the backend: punctuation is query syntax to SQLite FTS and PostgreSQL.
    results = pages.search(" ".join(terms), operator="and") if terms else pages.none()
    paginated = Paginator(results, RESULTS_PER_PAGE).get_page(page_number)
    ids = [page.id for page in paginated.object_list]
    specific = {page.id: page for page in with_topics(list(Page.objects.filter(id__in=ids).specific()))}
    paginated.object_list = [make_hit(specific[i], pattern) for i in ids if i in specific]
    return paginated, query
