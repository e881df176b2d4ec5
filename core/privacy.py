"""Which parts of the tree are private, for listings, menus, feeds and search.

Wagtail's own check guards every page it serves. Listings filter with ``.exclude(private_q())``
instead of ``.public()``, which reads every restriction again for each listing: restrictions (and
the aliases they reach) change only when an editor saves them or a page, which purges
(``pagecache.purge``), so the list of private sections is remembered until then.

A restriction covers the restricted page's subtree and the subtree of every alias of that page
(Wagtail's ``Page.get_view_restrictions`` counts an alias as its source page).
"""

from django.db.models import Q
from wagtail.models import Page, PageViewRestriction

from core.remembered import remember


def private_sections() -> list[tuple[str, PageViewRestriction]]:
    """(tree path, restriction) for every private section, aliases of restricted pages included."""

    def load() -> list[tuple[str, PageViewRestriction]]:
        # As Wagtail's own check: a restriction on an alias is ignored (the alias follows its source).
        restrictions = list(
            PageViewRestriction.objects.select_related("page").filter(page__alias_of__isnull=True)
        )
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


def private_q() -> Q:
    """Matches pages in a private section; ``queryset.exclude(private_q())`` keeps the public ones."""
    q = Q()
    for path in {path for path, _ in private_sections()}:
        q |= Q(path__startswith=path)
    return q if q else Q(pk__in=[])


def is_public(page: Page) -> bool:
    """True if ``page`` is in no private section (no query)."""
    return not any(page.path.startswith(path) for path, _ in private_sections())
