"""Pages stay as fast with 200 guidance items as with 10: no query count grows with the content.

The index lists 20 a page and search shows 20 results a page; each page type must make the same
number of queries whatever the size of the library and however many items fill its page.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bench.make_content import make_content
from guidance.models import GuidanceIndexPage, GuidanceItemPage, ReportPage

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


class _Quiet:
    def write(self, text):
        pass

    def flush(self):
        pass


def grow_to(items: int) -> None:
    make_content(items, stdout=_Quiet())


def queries_for(client, url: str) -> int:
    client.get(url)  # warm: first requests create site settings and fill Wagtail's caches
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def pages_under_test() -> dict[str, str]:
    index = GuidanceIndexPage.objects.live().first()
    return {
        "home": "/",
        "index": index.url,
        "index, second page": f"{index.url}?page=2",
        "item with many blocks": GuidanceItemPage.objects.get(slug="bench-many-blocks").url,
        "typical item": GuidanceItemPage.objects.get(slug="bench-item-00001").url,
        "report": ReportPage.objects.live().first().url,
    }


@pytest.fixture
def library(db):
    from django.core.management import call_command

    call_command("load_demo_content", stdout=_Quiet())
    grow_to(10)


def test_query_counts_do_not_grow_with_the_library(client, library):
    small = {name: queries_for(client, url) for name, url in pages_under_test().items()}
    grow_to(200)
    large = {name: queries_for(client, url) for name, url in pages_under_test().items()}
    # A listing costs one query per page type it shows (guidance, reports: two at most), so a page of
    # only guidance may cost fewer; what must never happen is a count that grows with the library.
    grown = {name: (small[name], large[name]) for name in small if large[name] > small[name]}
    assert grown == {}, f"query counts grew with the library (10 items, 200 items): {grown}"


def add_pages_mentioning(word: str, count: int) -> None:
    """``count`` live guidance pages whose only mention of ``word`` is in the body, beside a download
    (so each search hit needs an excerpt from the page or its document)."""
    from bench.make_content import ensure_documents

    index = GuidanceIndexPage.objects.live().first()
    document = ensure_documents()[0]
    start = GuidanceItemPage.objects.filter(slug__startswith=f"{word}-").count()
    for n in range(start, start + count):
        index.add_child(
            instance=GuidanceItemPage(
                title=f"Page {n} about something else",
                slug=f"{word}-{n}",
                summary="A summary without the search word.",
                body=[
                    {"type": "paragraph", "value": {"text": f"<p>Only the body says {word}.</p>"}},
                    {"type": "download", "value": {"title": "", "document": document.id, "description": ""}},
                ],
                live=True,
            )
        )


def test_search_makes_the_same_queries_for_2_results_as_for_12(client, library):
    add_pages_mentioning("zebracrossing", 2)
    two = queries_for(client, "/search/?q=zebracrossing")
    add_pages_mentioning("zebracrossing", 10)
    twelve = queries_for(client, "/search/?q=zebracrossing")
    assert b"Page 11 about something else" in client.get("/search/?q=zebracrossing").content
    assert twelve == two
