"""Operational views: the health check, the stylesheet carrying the LMC's colours, and error pages."""

from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.template.loader import render_to_string
from django.templatetags.static import static
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


# Error pages rendered without the request: Django's own read the form again for its CSRF token,
# and a form they cannot read (e.g. posted in another character set) would fail them in turn.
def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """400: the request could not be read. Nothing from it is shown or kept."""
    return HttpResponse(render_to_string("400.html"), status=400)


def server_error(request: HttpRequest) -> HttpResponse:
    """500: a static page, rendered without the database or the request."""
    return HttpResponse(render_to_string("500.html"), status=500)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """403 when a form's CSRF check fails: the portal's own page, saying what to do."""
    response = HttpResponse(render_to_string("403_csrf.html"), status=403)
    response["Cache-Control"] = "no-store"
    return response


def favicon(request: HttpRequest) -> HttpResponsePermanentRedirect:
    """Browsers ask for /favicon.ico whatever the page says: send them to the portal's own icon."""
    return HttpResponsePermanentRedirect(static("icons/favicon.ico"))
