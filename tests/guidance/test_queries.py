"""Query counts of the index and item pages stay flat as the library grows (10 vs 200 items)."""

import pytest

from tests.guidance.factories import (
    GuidanceDocumentFactory,
    GuidanceItemPageFactory,
    ReportPageFactory,
    TopicFactory,
)

# Measured on SQLite: index 13 (filtered by topic), item 10 (its breadcrumbs not yet cached). Wagtail
# finds the site and checks the page's privacy itself (a few queries, well under a millisecond each);
# its settings, the main menu, breadcrumbs and private sections for listings are remembered until the
# next purge (core.remembered). Wagtail routes the address a tree level at a time.
# A ceiling that holds at 10 items and at 200 shows nothing on these pages is fetched once per item.
INDEX_MAX_QUERIES = 13
ITEM_MAX_QUERIES = 10


def build_library(index, count: int) -> list:
    """``count`` live pages under ``index``, every fifth a report, all in two topics."""
    topics = [TopicFactory(), TopicFactory()]
    return [
        (ReportPageFactory if n % 5 == 0 else GuidanceItemPageFactory)(
            parent=index, title=f"Item {n:03d}", topics=topics
        )
        for n in range(count)
    ]


@pytest.mark.parametrize("count", [10, 200])
def test_index_and_item_query_counts_are_flat(client, guidance_index, django_assert_max_num_queries, count):
    pages = build_library(guidance_index, count)
    item = pages[1]
    # Warm what every request shares (the site, its settings, menu) so the counts are of the page
    # itself. Twice: the first visit creates the site's settings row, and that save purges.
    client.get(guidance_index.url)
    client.get(guidance_index.url)
    with django_assert_max_num_queries(INDEX_MAX_QUERIES):
        response = client.get(guidance_index.url, {"topic": "topic-0"})
    assert response.status_code == 200
    assert len(response.context["results"].object_list) == min(count, 20)
    # Every listed item shows its two topics (prefetched, not fetched per item).
    assert response.content.decode().count('<span class="tag">') == 2 * min(count, 20)
    with django_assert_max_num_queries(ITEM_MAX_QUERIES):
        response = client.get(item.url)
    assert response.status_code == 200


SEARCH_MAX_QUERIES = 6


@pytest.mark.parametrize("hits", [2, 12])
def test_search_query_count_does_not_grow_with_hits(
    client, guidance_index, django_assert_max_num_queries, hits
):
    document = GuidanceDocumentFactory()
    for n in range(hits):
        GuidanceItemPageFactory(
            parent=guidance_index,
            title=f"Page {n}",
            summary="A summary without the word.",
            body=[
                {"type": "paragraph", "value": {"text": "<p>Only the body says zebracrossing.</p>"}},
                {"type": "download", "value": {"title": "", "document": document.id, "description": ""}},
            ],
        )
    # The first request creates the site's settings (a save, so a new content generation): the
    # second is the first to find everything remembered.
    client.get("/search/", {"q": "warm"})
    client.get("/search/", {"q": "warm"})
    with django_assert_max_num_queries(SEARCH_MAX_QUERIES):
        response = client.get("/search/", {"q": "zebracrossing"})
    assert len(response.context["results"].object_list) == hits
    assert "Found in this page: Only the body says <mark>zebracrossing</mark>." in response.content.decode()


HOME_MAX_QUERIES = 10


@pytest.mark.parametrize("count", [10, 200])
def test_home_page_query_count_is_flat(client, guidance_index, django_assert_max_num_queries, count):
    """What's new and the most used guidance cost a query or two each, however large the library."""
    from guidance.models import HomePage, MostUsedGuidance

    pages = build_library(guidance_index, count)
    home = HomePage.objects.get()
    home.most_used = [MostUsedGuidance(page=page) for page in pages[:5]]
    home.save_revision().publish()
    client.get("/")
    client.get("/")
    with django_assert_max_num_queries(HOME_MAX_QUERIES):
        response = client.get("/")
    assert response.status_code == 200
    assert response.content.decode().count("<time datetime=") == 5
