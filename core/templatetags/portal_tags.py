"""Template tags for the site chrome: main navigation and breadcrumbs.

Both change only when pages are published, moved, renamed or restricted, so what they show is kept
until the next purge (``pagecache.memo.remember``): a stale menu or trail is never served.
"""

from django import template
from wagtail.models import Site

from core.privacy import private_q
from core.remembered import remember

register = template.Library()


@register.inclusion_tag("includes/main_nav.html", takes_context=True)
def main_navigation(context) -> dict:
    """Top-level pages marked "show in menus", then the letters and search."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None

    def compute() -> list[dict]:
        # Title, URL and path are all the menu shows: plain pages, no per-type (.specific()) queries.
        pages = site.root_page.get_children().live().exclude(private_q()).in_menu()
        return [{"title": p.title, "url": p.url, "path": p.path} for p in pages]

    menu_pages = remember(f"chrome:menu:{site.pk}", compute) if site else []
    current = context.get("page")
    return {"menu_pages": menu_pages, "current_page": current, "request": request}


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context) -> dict:
    """Ancestors of the current page below the site root (the home page comes first)."""
    page = context.get("page")
    if page is None or page.depth <= 2:
        return {"ancestors": []}

    def compute() -> list[dict]:
        ancestors = page.get_ancestors().filter(depth__gte=2)
        return [{"depth": a.depth, "url": a.url, "title": a.title} for a in ancestors]

    if page.pk is None:  # previewing a page not yet saved
        return {"ancestors": compute(), "page": page}
    return {"ancestors": remember(f"chrome:crumbs:{page.pk}:{page.path}", compute), "page": page}
