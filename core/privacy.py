"""Which parts of the tree are private, read once per purge instead of on every request.

Wagtail checks privacy with queries on each request: the restrictions on a page and its ancestors
before serving it, and every restriction again for each ``.public()`` listing. Restrictions (and
the aliases they reach) change only when an editor saves them or a page, which purges
(``pagecache.purge``), so the list of private sections is remembered until then.

A restriction covers the restricted page's subtree and the subtree of every alias of that page
(Wagtail's ``Page.get_view_restrictions`` counts an alias as its source page).
"""

from django.db.models import Q, QuerySet
from wagtail.models import Page, PageViewRestriction

from core.remembered import remember


def private_sections() -> list[tuple[str, PageViewRestriction]]:
    """(tree path, restriction) for every private section, aliases of restricted pages included."""

    def load() -> list[tuple[str, PageViewRestriction]]:
        restrictions = list(PageViewRestriction.objects.select_related("page"))
        if not restrictions:
            return []
        aliases = Page.objects.filter(alias_of_id__in={r.page_id for r in restrictions})
        alias_paths: dict[int, list[str]] = {}
        for page_id, path in aliases.values_list("alias_of_id", "path"):
            alias_paths.setdefault(page_id, []).append(path)
        return [
            (path, restriction)
            for restriction in restrictions
            for path in [restriction.page.path, *alias_paths.get(restriction.page_id, [])]
        ]

    return remember("guidance:private-sections", load)


def restrictions_for(page: Page) -> QuerySet[PageViewRestriction]:
    """The restrictions a visitor must pass to see ``page`` (its own and its ancestors').

    A queryset, as Wagtail's ``get_view_restrictions`` returns (its copy and alias actions chain on
    it), already holding its results: iterating or testing it makes no query.
    """
    found: dict[int, PageViewRestriction] = {}
    for path, restriction in private_sections():
        if page.path.startswith(path):
            found.setdefault(restriction.pk, restriction)
    queryset = PageViewRestriction.objects.filter(pk__in=list(found))
    queryset._result_cache = list(found.values())
    return queryset


def private_q() -> Q:
    """Matches pages in a private section; ``queryset.exclude(private_q())`` keeps the public ones."""
    q = Q()
    for path in {path for path, _ in private_sections()}:
        q |= Q(path__startswith=path)
    return q if q else Q(pk__in=[])


def is_public(page: Page) -> bool:
    """True if ``page`` is in no private section (no query)."""
    return not any(page.path.startswith(path) for path, _ in private_sections())
