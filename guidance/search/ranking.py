"""Which pages match a search, best first: the one place the search engine is asked.

Wagtail's database backend does the matching (PostgreSQL full text in production, SQLite FTS
locally). On PostgreSQL the best matches are read from Wagtail's index table by one query of our
own, with Wagtail's match and ranking but a fraction of its cost.
"""

import functools

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
from django.db import connection
from django.db.models import F, IntegerField, Q
from django.db.models.expressions import CombinedExpression
from django.db.models.functions import Cast
from wagtail.models import Page
from wagtail.query import PageQuerySet
from wagtail.search.backends import get_search_backend
from wagtail.search.backends.database.postgres.postgres import PostgresSearchBackend
from wagtail.search.backends.database.postgres.weights import get_sql_weights
from wagtail.search.models import IndexEntry

from guidance.models import LISTED_PAGE_TYPES, InformationPage
from guidance.search.query import Concept, tsquery, wagtail_query

# The pages site search finds: guidance and reports (what listings show) and the information pages
# (privacy notice, accessibility statement, ...), which no listing shows.
SEARCHED_PAGE_TYPES = (*LISTED_PAGE_TYPES, InformationPage)


@functools.cache
def database_text_search_config() -> str:
    """The configuration Wagtail's index uses when none is set (the server's default), by name."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('default_text_search_config')")
        return cursor.fetchone()[0]


def ranked_page_ids(pages: PageQuerySet, concepts: list[Concept], limit: int) -> list[int]:
    """Ids of the ``limit`` best-ranked of ``pages`` containing every concept, best first."""
    if not concepts:
        return []
    backend = get_search_backend()
    if isinstance(backend, PostgresSearchBackend):
        return _ranked_page_ids_postgres(pages, tsquery(concepts), limit, config=backend.config)
    # SQLite (development) and any other backend: Wagtail's own search.
    return [page.pk for page in pages.search(wagtail_query(concepts))[:limit]]


def _ranked_page_ids_postgres(pages: PageQuerySet, raw_query: str, limit: int, config) -> list[int]:
    """What ``pages.search(...)`` finds on PostgreSQL, in the same order (Wagtail's match, score and
    tie-break), asked of Wagtail's index table directly.

    Wagtail's own query is several times slower when a word matches thousands of pages: it joins each
    page to its index entry trying every page content type, builds ``title || body`` for every entry
    to test it, parses the query again for every row, and returns every ranked page whole. Here the
    join uses the page key and only ids come back.
    """
    # Every word quoted (only letters and digits: guidance.search.query). For plain words this is the
    # query Wagtail builds. Naming the configuration makes to_tsquery() immutable: PostgreSQL parses it
    # once and can estimate how many pages match. Without it, it is parsed per row and guessed to match
    # almost nothing, and on a database with statistics the planner then loops over every page for
    # every entry (seconds).
    query = SearchQuery(raw_query, search_type="raw", config=config or database_text_search_config())
    weights = get_sql_weights()
    rank = SearchRank(F("title"), query, weights=weights) * F("title_norm") + SearchRank(
        F("body"), query, weights=weights
    )
    title_and_body = CombinedExpression(F("title"), "||", F("body"), output_field=SearchVectorField())
    entries = (
        IndexEntry.objects.filter(Page.objects.type_q(*SEARCHED_PAGE_TYPES))  # pages' entries only
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
