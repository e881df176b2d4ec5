"""Template tags for the site chrome: main navigation and breadcrumbs."""

from django import template
from wagtail.models import Page, Site

register = template.Library()


@register.inclusion_tag("includes/main_nav.html", takes_context=True)
def main_navigation(context) -> dict:
    """Top-level pages marked "show in menus", then the letters and search."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    # Title, URL and path are all the menu shows: plain pages, no per-type (.specific()) queries.
    menu_pages = site.root_page.get_children().live().public().in_menu() if site else Page.objects.none()
    current = context.get("page")
    return {"menu_pages": menu_pages, "current_page": current, "request": request}


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context) -> dict:
    """Ancestors of the current page below the site root (the home page comes first)."""
    page = context.get("page")
    if page is None or page.depth <= 2:
        return {"ancestors": []}
    return {"ancestors": page.get_ancestors().filter(depth__gte=2), "page": page}
