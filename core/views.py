"""Operational views: the health check and the stylesheet carrying the LMC's colours."""

from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET
from wagtail.models import Site

from core.models import SiteIdentity


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """200 when the database answers, 503 when it does not (used by the compose health check)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@require_GET
@cache_control(public=True, max_age=31_536_000, immutable=True)
def theme_css(request: HttpRequest) -> HttpResponse:
    """CSS custom properties from the site identity; the URL carries a version, so cache hard."""
    site = Site.find_for_request(request)
    identity = SiteIdentity.for_site(site) if site else SiteIdentity()
    css = f":root {{\n  --brand: {identity.primary_colour};\n  --accent: {identity.accent_colour};\n}}\n"
    return HttpResponse(css, content_type="text/css; charset=utf-8")
