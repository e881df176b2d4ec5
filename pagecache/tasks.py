"""Emptying a CDN or proxy in front of the portal (Wagtail's frontend cache), in the background."""

from django_tasks import task


@task()
def purge_frontend_cache() -> None:
    """Ask the frontend cache to drop every live page.

    A publish can change any page (menus, listings, "what's new"), and a privacy change must take a
    page out at once; an LMC has at most a few hundred pages, so all of them are named. Only pages
    are held by shared caches (``SHARED_CACHE_SECONDS``; never addresses with a query string).
    """
    from wagtail.contrib.frontend_cache.utils import PurgeBatch
    from wagtail.models import Page

    batch = PurgeBatch()
    batch.add_pages(Page.objects.live().specific())
    batch.purge()
