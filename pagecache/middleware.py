"""Caches whole responses for anonymous visitors, so a bulletin's rush costs almost nothing.

What is cached: GET requests without a session (or messages) cookie and without an
``Authorization`` header, outside ``PAGE_CACHE_EXCLUDE_PREFIXES`` (the admin, the letter
generators, documents, the health check), whose response is a complete 200 with no ``Set-Cookie``,
no ``private`` / ``no-store`` / ``no-cache`` in ``Cache-Control`` and no ``Vary`` other than
``Cookie``. Pages that carry a CSRF token set a cookie, so forms are never cached. A signed-in
editor always has a session cookie and so always sees the live site.

The key is the scheme, host, path and full query string, plus the purge generation
(``pagecache.purge``). The middleware comes first: hits are answered before anything else runs,
replaying the headers the page was stored with (HSTS and the other security headers,
Content-Security-Policy, Permissions-Policy, X-Frame-Options, ...). The HTTPS redirect still applies:
the scheme is part of the key and a redirect (301) is never stored, so a plain-HTTP request never
finds a page. The public CSP is the same for
every response; a response whose policy carries a nonce is never stored. Static and media files
are never looked up. Hits carry ``X-Page-Cache: hit``.

With ``SHARED_CACHE_SECONDS`` set, the same anonymous pages (without a query string) also say
``Cache-Control: public, max-age=0, s-maxage=…`` so a CDN or proxy may hold them; every purge then
asks it to drop every live page (``pagecache.tasks``, Wagtail's frontend cache).

Settings: ``PAGE_CACHE_ENABLED`` (off unless turned on; production turns it on),
``PAGE_CACHE_SECONDS``, ``PAGE_CACHE_ALIAS`` (a shared cache: every worker must see purges),
``PAGE_CACHE_EXCLUDE_PREFIXES``.
"""

import hashlib
import time

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBase

from core.remembered import generation, request_generation
from pagecache.purge import page_cache

DEFAULT_EXCLUDE_PREFIXES = ("/admin/", "/letters/", "/documents/", "/healthz", "/django-admin/")
UNCACHEABLE_DIRECTIVES = ("private", "no-store", "no-cache")


# Pages this process served recently, so a hit need not re-read the page from the shared folder.
# Keys include the purge generation, read from the shared cache on every request, so a purge retires
# these at once too; entries also expire after a minute and the table is emptied when full.
_RECENT: dict[str, tuple[float, tuple]] = {}
RECENT_MAX_ENTRIES = 256
RECENT_SECONDS = 60.0


def _recent_get(key: str):
    entry = _RECENT.get(key)
    if entry is None or entry[0] < time.monotonic():
        return None
    return entry[1]


def _recent_put(key: str, stored: tuple) -> None:
    if len(_RECENT) >= RECENT_MAX_ENTRIES:
        _RECENT.clear()
    _RECENT[key] = (time.monotonic() + RECENT_SECONDS, stored)


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        with request_generation():  # one read of the purge generation for the whole request
            return self._respond(request)

    def _respond(self, request: HttpRequest) -> HttpResponseBase:
        if not self._request_cacheable(request):
            return self.get_response(request)
        if not getattr(settings, "PAGE_CACHE_ENABLED", False):
            return self._allow_shared_caches(request, self.get_response(request))
        try:
            key = self._key(request)
        except Exception:  # e.g. DisallowedHost: let Django answer it the usual way
            return self.get_response(request)
        cache = page_cache()
        stored = _recent_get(key)
        if stored is None:
            stored = cache.get(key)
            if stored is not None:
                _recent_put(key, stored)
        if stored is not None:
            status, headers, content = stored
            response = HttpResponse(content, status=status)
            for name, value in headers:
                response[name] = value
            response["X-Page-Cache"] = "hit"
            return response
        response = self._allow_shared_caches(request, self.get_response(request))
        if self._response_cacheable(response):
            headers = [(name, value) for name, value in response.items() if name.lower() != "x-page-cache"]
            cache.set(
                key,
                (response.status_code, headers, response.content),
                timeout=getattr(settings, "PAGE_CACHE_SECONDS", 300),
            )
        return response

    def _allow_shared_caches(self, request: HttpRequest, response: HttpResponseBase) -> HttpResponseBase:
        """Let a CDN or proxy hold an anonymous page for ``SHARED_CACHE_SECONDS`` (browsers revalidate).

        Only addresses without a query string: those are the ones a purge can name (every live page,
        ``pagecache.tasks``); listings, filters and search results stay in the app's own cache, which
        a publish retires at once.
        """
        seconds = int(getattr(settings, "SHARED_CACHE_SECONDS", 0) or 0)
        if (
            seconds > 0
            and not request.META.get("QUERY_STRING")
            and "Cache-Control" not in response
            and self._response_cacheable(response)
        ):
            response["Cache-Control"] = f"public, max-age=0, s-maxage={seconds}"
        return response

    @staticmethod
    def _request_cacheable(request: HttpRequest) -> bool:
        if request.method != "GET":
            return False
        prefixes = tuple(getattr(settings, "PAGE_CACHE_EXCLUDE_PREFIXES", DEFAULT_EXCLUDE_PREFIXES))
        if request.path_info.startswith(
            prefixes + (settings.STATIC_URL or "/static/", settings.MEDIA_URL or "/media/")
        ):
            return False
        if "HTTP_AUTHORIZATION" in request.META:
            return False
        cookies = request.COOKIES
        return not (settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies)

    @staticmethod
    def _response_cacheable(response: HttpResponseBase) -> bool:
        if response.status_code != 200 or response.streaming or response.cookies:
            return False
        cache_control = response.get("Cache-Control", "").lower()
        if any(directive in cache_control for directive in UNCACHEABLE_DIRECTIVES):
            return False
        vary = {part.strip().lower() for part in response.get("Vary", "").split(",") if part.strip()}
        if not vary <= {"cookie"}:
            return False
        # A CSP nonce must be new on every response: a page that uses one is never replayed.
        return "'nonce-" not in response.get("Content-Security-Policy", "")

    @staticmethod
    def _key(request: HttpRequest) -> str:
        address = "|".join(
            (
                request.scheme,
                request.get_host(),
                request.path,
                request.META.get("QUERY_STRING", ""),
            )
        )
        digest = hashlib.sha256(address.encode("utf-8", "surrogateescape")).hexdigest()
        return f"pagecache:{generation()}:{digest}"
