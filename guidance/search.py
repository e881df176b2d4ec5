"""Site search over live, public guidance, with safely highlighted excerpts.

Wagtail's database backend does the matching (PostgreSQL full text in production, SQLite FTS
locally); on PostgreSQL the best matches are read from its index table by one query of our own, with
Wagtail's match and ranking but a fraction of its cost. Highlighting is done here: the text is split
around the matches and every piece is escaped, so editor text can never inject markup; only our own
``<mark>`` tags are added.
"""

import functools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from html import unescape

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import F, IntegerField, Q
from django.db.models.expressions import CombinedExpression
from django.db.models.functions import Cast
from django.utils.html import escape, format_html, strip_tags
from django.utils.safestring import SafeString, mark_safe
from wagtail.models import Page
from wagtail.query import PageQuerySet
from wagtail.search.backends import get_search_backend
from wagtail.search.backends.database.postgres.postgres import PostgresSearchBackend
from wagtail.search.backends.database.postgres.weights import get_sql_weights
from wagtail.search.models import IndexEntry

from core.privacy import private_q
from guidance.models import LISTED_PAGE_TYPES, GuidanceDocument
from guidance.private_documents import public_documents_only

DocumentViewer = Callable[[GuidanceDocument], bool]

RESULTS_PER_PAGE = 20
MAX_QUERY_LENGTH = 200
MAX_TERMS = 10
EXCERPT_RADIUS = 120
# Only the best-ranked matches are fetched (in one query, without counting every match): a common
# word in a library of thousands would otherwise rank and count every page on each request.
MAX_RANKED_RESULTS = 200


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


def stream_text(stream) -> str:
    """The words of a StreamField, read from its stored data (no per-block database lookups)."""
    return " ".join(
        unescape(strip_tags(text)) for block in stream.raw_data for text in _strings(block["value"])
    )


def _strings(value) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def page_text_sources(
    page: Page, documents: dict[int, GuidanceDocument], may_view_document: DocumentViewer
) -> list[tuple[str, str]]:
    """(label, text) pairs to take an excerpt from: the page itself, then each of its documents the
    searcher may view (never a private collection's text or title for visitors it refuses)."""
    own = [stream_text(page.body)] if hasattr(page, "body") else []
    if getattr(page, "key_findings", ""):
        own.append(unescape(strip_tags(page.key_findings)))
    sources = [("this page", " ".join(own))]
    for document_id in offered_document_ids(page):
        document = documents.get(document_id)
        if document is not None and document.text_content and may_view_document(document):
            sources.append((f"the document “{document.title}”", document.text_content))
    return sources


def offered_document_ids(page: Page) -> list[int]:
    """Ids of the documents a page offers, from its stored data (no queries)."""
    ids = [getattr(page, "report_document_id", None)]
    if hasattr(page, "body"):
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


@functools.cache
def database_text_search_config() -> str:
    """The configuration Wagtail's index uses when none is set (the server's default), by name."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('default_text_search_config')")
        return cursor.fetchone()[0]


def ranked_page_ids(pages: PageQuerySet, terms: list[str], limit: int) -> list[int]:
    """Ids of the ``limit`` best-ranked of ``pages`` containing every one of ``terms``, best first."""
    backend = get_search_backend()
    if isinstance(backend, PostgresSearchBackend):
        return _ranked_page_ids_postgres(pages, terms, limit, config=backend.config)
    # SQLite (development) and any other backend: Wagtail's own search.
    return [page.pk for page in pages.search(" ".join(terms), operator="and")[:limit]]


def _ranked_page_ids_postgres(pages: PageQuerySet, terms: list[str], limit: int, config) -> list[int]:
    """What ``pages.search(" ".join(terms), operator="and")`` finds on PostgreSQL, in the same order
    (Wagtail's match, score and tie-break), asked of Wagtail's index table directly.

    Wagtail's own query is several times slower when a word matches thousands of pages: it joins each
    page to its index entry trying every page content type, builds ``title || body`` for every entry
    to test it, parses the query again for every row, and returns every ranked page whole. Here the
    join uses the page key and only ids come back.
    """
    # Every word, each quoted (only letters, digits and _: query_terms): the query Wagtail builds.
    # Naming the configuration makes to_tsquery() immutable: PostgreSQL parses it once and can estimate
    # how many pages match. Without it, it is parsed per row and guessed to match almost nothing, and
    # on a database with statistics the planner then loops over every page for every entry (seconds).
    query = SearchQuery(
        " & ".join(f"'{term}'" for term in terms),
        search_type="raw",
        config=config or database_text_search_config(),
    )
    weights = get_sql_weights()
    rank = SearchRank(F("title"), query, weights=weights) * F("title_norm") + SearchRank(
        F("body"), query, weights=weights
    )
    title_and_body = CombinedExpression(F("title"), "||", F("body"), output_field=SearchVectorField())
    entries = (
        IndexEntry.objects.filter(Page.objects.type_q(*LISTED_PAGE_TYPES))  # pages' entries only
        .annotate(page_id=Cast("object_id", IntegerField()))  # a number: the page key's index applies
        .filter(page_id__in=pages.values("pk"))
        .alias(title_and_body=title_and_body)
        # Wagtail's match is title_and_body; a page with every word in its title or in its body (nearly
        # every match) is found without building that vector. Words split between the two still match.
        .filter(Q(title=query) | Q(body=query) | Q(title_and_body=query))
        .annotate(rank=rank)
        .order_by("-rank", "-page_id")
    )
    return list(entries.values_list("page_id", flat=True)[:limit])


def search_guidance(
    query: str,
    *,
    page_number: str | int | None = 1,
    may_view_document: DocumentViewer = public_documents_only,
):
    """One page of results for ``query`` (a Django Page of SearchHits) and the query as used.

    Excerpts come only from documents ``may_view_document`` accepts (by default those outside
    private collections: what an anonymous visitor may see).
    """
    query = " ".join(query.split())[:MAX_QUERY_LENGTH]
    terms = query_terms(query)
    pattern = term_pattern(terms)
    pages = Page.objects.live().exclude(private_q()).type(*LISTED_PAGE_TYPES)
    # Only the words go to the backend: punctuation is query syntax to SQLite FTS and PostgreSQL.
    ranked = ranked_page_ids(pages, terms, MAX_RANKED_RESULTS + 1) if terms else []
    capped = len(ranked) > MAX_RANKED_RESULTS
    paginated = Paginator(ranked[:MAX_RANKED_RESULTS], RESULTS_PER_PAGE).get_page(page_number)
    paginated.capped = capped  # "more than 200 results": the rest are not ranked or counted
    ids = list(paginated.object_list)
    specific = {page.id: page for page in Page.objects.filter(id__in=ids).specific()}
    # One query for every document the hits offer, instead of one per hit.
    document_ids = {doc_id for page in specific.values() for doc_id in offered_document_ids(page)}
    documents = (
        GuidanceDocument.objects.select_related("collection").in_bulk(document_ids) if document_ids else {}
    )
    paginated.object_list = [
        make_hit(specific[i], pattern, documents, may_view_document) for i in ids if i in specific
    ]
    return paginated, query
