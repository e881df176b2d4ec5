"""Operational views: the health check and the stylesheet carrying the LMC's colours."""

from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET
from wagtail.models import Site

from core.caching import cache_status
from core.models import SiteIdentity


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """The database and each cache, e.g. ``{"status": "degraded", "caches": {"pages": "unavailable"}}``.

    503 only when the site cannot serve (the database does not answer). A cache that fails makes the
    site slower, not unavailable (core/caching.py), so it is reported as "degraded" with a 200.
    """
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    cache_states = {alias: cache_status(caches[alias]) for alias in settings.CACHES}
    healthy = all(state == "ok" for state in cache_states.values())
    return JsonResponse({"status": "ok" if healthy else "degraded", "database": "ok", "caches": cache_states})


@require_GET
@cache_control(public=True, max_age=31_536_000, immutable=True)
def theme_css(request: HttpRequest) -> HttpResponse:
    """CSS custom properties from the site identity; the URL carries a version, so cache hard."""
    site = Site.find_for_request(request)
    identity = SiteIdentity.for_site(site) if site else SiteIdentity()
    css = f":root {{\n  --brand: {identity.primary_colour};\n  --accent: {identity.accent_colour};\n}}\n"
    return HttpResponse(css, content_type="text/css; charset=utf-8")
