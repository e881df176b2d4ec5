"""Security middleware: scoped Content-Security-Policy, Permissions-Policy, rate limits, storage faults.

Configured in settings (see ``lmc_portal/settings/base.py``) so other apps' views need no changes.
"""

import errno
import hashlib
import logging
import math
import time
import traceback

from csp.constants import SELF
from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.contrib import messages
from django.core.cache import caches
from django.core.exceptions import BadRequest, PermissionDenied, SuspiciousOperation
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
    HttpResponseRedirect,
    JsonResponse,
)
from django.template.loader import render_to_string

from core.security import client_ip

logger = logging.getLogger(__name__)


class PortalCSPMiddleware(CSPMiddleware):
    """django-csp with a second, relaxed policy for the Wagtail admin only.

    The public site gets ``CONTENT_SECURITY_POLICY`` (no inline script or style, no other origins).
    Wagtail's admin uses inline scripts and style attributes, so paths under
    ``CSP_ADMIN_PATH_PREFIXES`` get ``CSP_ADMIN_DIRECTIVES`` instead; it still allows no other origin.
    Page previews keep the public policy but may be framed by the admin (same origin only).
    """

    def get_policy_parts(
        self, request: HttpRequest, response: HttpResponseBase, report_only: bool = False
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if report_only or parts.config is not None:
            return parts
        prefixes = tuple(getattr(settings, "CSP_ADMIN_PATH_PREFIXES", ()))
        if prefixes and request.path_info.startswith(prefixes):
            parts.config = settings.CSP_ADMIN_DIRECTIVES
        elif getattr(request, "is_preview", False):
            # Wagtail renders a preview through the middleware as if at the page's public address, then
            # shows it in a frame inside the admin: the public policy, except that the admin may frame it.
            parts.replace = {**(parts.replace or {}), "frame-ancestors": [SELF]}
        return parts


class PermissionsPolicyMiddleware:
    """Adds ``Permissions-Policy`` (from ``PERMISSIONS_POLICY``) to every response that lacks one."""

    def __init__(self, get_response):
        self.get_response = get_response
        policy = getattr(settings, "PERMISSIONS_POLICY", {})
        self.header = ", ".join(f"{feature}=({' '.join(allow)})" for feature, allow in policy.items())

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if self.header and "Permissions-Policy" not in response:
            response["Permissions-Policy"] = self.header
        return response


class RateLimitMiddleware:
    """Fixed-window request limits per client IP for the paths listed in ``RATE_LIMITS``.

    Each rule: ``{"path": "/letters/", "methods": ["POST"], "requests": 30, "seconds": 60}``.
    Over the limit the client gets the friendly ``429.html`` page with ``Retry-After``.
    Counters live in the cache named by ``RATE_LIMIT_CACHE`` (shared cache in production);
    the key holds a hash of the address, never the address itself.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if getattr(settings, "RATE_LIMIT_ENABLED", True):
            for index, rule in enumerate(getattr(settings, "RATE_LIMITS", ())):
                if request.method in rule["methods"] and request.path_info.startswith(rule["path"]):
                    retry_after = self._over_limit(request, index, rule)
                    if retry_after:
                        return self._too_many(request, retry_after)
        return self.get_response(request)

    def _over_limit(self, request: HttpRequest, index: int, rule: dict) -> int:
        """Count this request; return seconds to wait if it is over the limit, else 0."""
        seconds = int(rule["seconds"])
        now = time.time()
        window = int(now // seconds)
        who = hashlib.sha256(f"{settings.SECRET_KEY}:{client_ip(request)}".encode()).hexdigest()[:24]
        key = f"ratelimit:{index}:{who}:{window}"
        cache = caches[getattr(settings, "RATE_LIMIT_CACHE", "default")]
        cache.add(key, 0, timeout=seconds + 1)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr: start again
            cache.set(key, 1, timeout=seconds + 1)
            count = 1
        if count > int(rule["requests"]):
            return max(1, math.ceil((window + 1) * seconds - now))
        return 0

    @staticmethod
    def _too_many(request: HttpRequest, retry_after: int) -> HttpResponse:
        try:
            body = render_to_string("429.html", {"retry_after": retry_after}, request=request)
        except Exception:  # the limit must hold even if the friendly page cannot render
            body = "Too many requests. Please wait a minute and try again."
        response = HttpResponse(body, status=429)
        response["Retry-After"] = str(retry_after)
        response["Cache-Control"] = "no-store"
        return response


STORAGE_ERRNOS = {errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EIO, errno.EACCES}
STORAGE_MESSAGE = (
    "The file could not be saved: the portal's file storage is full or unavailable. "
    "Nothing was changed (any earlier version of the file is still in place). "
    "Please try again later, and tell the LMC's web administrator if it keeps happening."
)


def _object_storage_errors() -> tuple[type[Exception], ...]:
    try:
        from botocore.exceptions import BotoCoreError, ClientError
    except ImportError:  # object storage is optional (S3_BUCKET)
        return ()
    return (BotoCoreError, ClientError)


OBJECT_STORAGE_ERRORS = _object_storage_errors()


def _is_storage_failure(exception: Exception) -> bool:
    """A full, read-only or failing disk, or object storage that refused or did not answer."""
    if isinstance(exception, OSError) and exception.errno in STORAGE_ERRNOS:
        return True
    return bool(OBJECT_STORAGE_ERRORS) and isinstance(exception, OBJECT_STORAGE_ERRORS)


class StorageErrorMiddleware:
    """Turns a storage failure (disk full, read-only, I/O error) during an upload into a message.

    Files are written before their database row, so a failed write leaves no row and the previous
    file untouched; the editor is sent back to the form with the message instead of a server error.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponseBase | None:
        if request.method != "POST" or not _is_storage_failure(exception):
            return None
        reason = getattr(exception, "strerror", None) or type(exception).__name__
        logger.error("Storage failure while saving an upload to %s: %s", request.path, reason)
        if request.headers.get("x-requested-with") == "XMLHttpRequest" or "json" in request.headers.get(
            "accept", ""
        ):
            return JsonResponse({"success": False, "error_message": STORAGE_MESSAGE}, status=507)
        messages.error(request, STORAGE_MESSAGE)
        return HttpResponseRedirect(request.get_full_path())


class PatientDataErrorMiddleware:
    """An unexpected error on a page that handles patient data (``PATIENT_DATA_PATH_PREFIXES``).

    Django's own handling would log the exception's message and, with ``ADMINS`` set, email a report;
    a message can quote what the user typed (e.g. a ``UnicodeEncodeError`` holds the text). Here the
    log gets the exception type and where it happened (file, line, function) only, and the user gets
    the static error page. No POST data, local variables or exception message leave the request.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponseBase | None:
        prefixes = tuple(getattr(settings, "PATIENT_DATA_PATH_PREFIXES", ()))
        if not prefixes or not request.path_info.startswith(prefixes):
            return None
        if isinstance(exception, Http404 | PermissionDenied | SuspiciousOperation | BadRequest):
            return None  # Django's usual 404/403/400 handling says nothing about the request body
        frames = traceback.extract_tb(exception.__traceback__)
        where = " <- ".join(
            f"{frame.filename}:{frame.lineno} in {frame.name}" for frame in reversed(frames[-6:])
        )
        logger.error(
            "Unexpected %s on %s %s (message withheld: may hold patient data) at %s",
            type(exception).__name__,
            request.method,
            request.path,
            where,
        )
        response = HttpResponse(render_to_string("500.html"), status=500)
        response["Cache-Control"] = "no-store"
        return response
