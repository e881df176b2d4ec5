"""Site search over live, public guidance and information pages: one page of highlighted results, and
"did you mean"."""

from django.core.paginator import Page as ResultsPage
from django.core.paginator import Paginator
from wagtail.models import Page

from core.privacy import private_q
from guidance.models import GuidanceDocument
from guidance.private_documents import public_documents_only
from guidance.search.excerpts import DocumentViewer, make_hit, offered_document_ids
from guidance.search.query import highlight_pattern, plan
from guidance.search.ranking import SEARCHED_PAGE_TYPES, ranked_page_ids
from guidance.search.suggestions import Suggestion, suggest
from guidance.search.synonyms import phrase_words, synonym_groups

RESULTS_PER_PAGE = 20
MAX_QUERY_LENGTH = 200
# Only the best-ranked matches are fetched (in one query, without counting every match): a common
# word in a library of thousands would otherwise rank and count every page on each request.
MAX_RANKED_RESULTS = 200
# "Did you mean" is offered when a search finds fewer results than this (and the correction more).
SUGGEST_BELOW = 3


def search_guidance(
    query: str,
    *,
    page_number: str | int | None = 1,
    may_view_document: DocumentViewer = public_documents_only,
) -> tuple[ResultsPage, str]:
    """One page of results for ``query`` (a Django Page of SearchHits) and the query as used.

    Excerpts come only from documents ``may_view_document`` accepts (by default those outside
    private collections: what an anonymous visitor may see).

    The page also carries ``capped`` (more matches than were ranked) and ``suggestion`` (a
    ``Suggestion`` when the query found little and a corrected one finds more, else None).
    """
    query = " ".join(query.split())[:MAX_QUERY_LENGTH]
    groups = synonym_groups()
    concepts = plan(query, groups)
    pages = Page.objects.live().exclude(private_q()).type(*SEARCHED_PAGE_TYPES)
    # Only words and abbreviations go to the backend: punctuation is query syntax to SQLite FTS and
    # PostgreSQL.
    ranked = ranked_page_ids(pages, concepts, MAX_RANKED_RESULTS + 1)
    capped = len(ranked) > MAX_RANKED_RESULTS
    paginated = Paginator(ranked[:MAX_RANKED_RESULTS], RESULTS_PER_PAGE).get_page(page_number)
    paginated.capped = capped  # "more than 200 results": the rest are not ranked or counted
    paginated.suggestion = better_query(query, groups, pages, found=len(ranked)) if query else None
    ids = list(paginated.object_list)
    specific = {page.id: page for page in Page.objects.filter(id__in=ids).specific()}
    # One query for every document the hits offer, instead of one per hit.
    document_ids = {doc_id for page in specific.values() for doc_id in offered_document_ids(page)}
    documents = (
        GuidanceDocument.objects.select_related("collection").in_bulk(document_ids) if document_ids else {}
    )
    pattern = highlight_pattern(concepts)
    paginated.object_list = [
        make_hit(specific[i], pattern, documents, may_view_document) for i in ids if i in specific
    ]
    return paginated, query


def better_query(query: str, groups: list[list[str]], pages, *, found: int) -> Suggestion | None:
    """A corrected ``query`` when it found fewer than ``SUGGEST_BELOW`` pages and the correction
    finds more (checked with a ranking query limited to that many ids); otherwise None."""
    if found >= SUGGEST_BELOW:
        return None
    known = {word for group in groups for phrase in group for word in phrase_words(phrase)}
    suggestion = suggest(query, known=known)
    if suggestion is None:
        return None
    finds = len(ranked_page_ids(pages, plan(suggestion.query, groups), SUGGEST_BELOW))
    return suggestion if finds > found else None
