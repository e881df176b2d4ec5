"""Template tags for the site chrome: main navigation, breadcrumbs, the logo and the footer links.

All change only when pages are published, moved, renamed or restricted, so what they show is kept
until the next purge (``pagecache.memo.remember``): a stale menu or trail is never served.
"""

import logging

from django import template
from wagtail.images.views.serve import generate_image_url
from wagtail.models import Page, Site

from core.models import SiteIdentity
from core.privacy import private_q
from core.remembered import remember

register = template.Library()
logger = logging.getLogger(__name__)

# Twice the height the header shows it at (3rem), so the logo is sharp on high-density screens.
LOGO_FILTER = "height-96"


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


@register.inclusion_tag("includes/site_logo.html", takes_context=True)
def site_logo(context) -> dict:
    """The LMC's logo from the site identity, served by Wagtail's own image view from this site."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return {"logo": None}

    def compute() -> dict | None:
        identity = SiteIdentity.for_site(site)
        image = identity.logo
        if image is None:
            return None
        try:
            rendition = image.get_rendition(LOGO_FILTER)
        except Exception:  # a missing or unreadable file: the header shows the name alone
            logger.warning("The site logo (image %s) could not be rendered.", image.pk, exc_info=True)
            return None
        return {
            "url": generate_image_url(image, LOGO_FILTER),
            "width": rendition.width,
            "height": rendition.height,
            "alt": identity.logo_alt_text,
        }

    return {"logo": remember(f"chrome:logo:{site.pk}", compute)}


@register.inclusion_tag("includes/footer_links.html", takes_context=True)
def footer_links(context) -> dict:
    """The about, contact, privacy and accessibility pages chosen in the site identity, while live."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return {"links": []}

    def compute() -> list[dict]:
        identity = SiteIdentity.for_site(site)
        ids = [getattr(identity, f"{name}_id") for name in SiteIdentity.FOOTER_PAGE_FIELDS]
        pages = Page.objects.filter(pk__in=[pk for pk in ids if pk]).live().exclude(private_q())
        by_id = {page.pk: page for page in pages}
        return [{"title": by_id[pk].title, "url": by_id[pk].url} for pk in ids if pk in by_id]

    return {"links": remember(f"chrome:footer:{site.pk}", compute)}
