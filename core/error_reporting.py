"""Error reports to Sentry (or any Sentry-compatible service), off unless ``SENTRY_DSN`` is set.

Letter forms carry patient details, so an error report must never hold what was posted or anything
derived from it. The SDK is told not to send personal data, request bodies or local variables, and
``scrub`` removes what could still carry it before anything leaves the machine: the request's body,
cookies, query string and all but a few harmless headers; the user; extra context; the values of
exceptions raised while handling a letter (their type and where they happened are kept, which is
what a developer needs); and breadcrumb data.

An error in a letter view does not even reach the SDK as an exception: ``PatientDataErrorMiddleware``
logs its type and location only, and that log line is what is reported. The site's own log lines
never quote form data (tests/letters/test_privacy.py).
"""

from typing import Any

SAFE_HEADERS = {"host", "user-agent", "content-type", "content-length", "accept", "accept-language"}
LETTER_PATH = "/letters/"
WITHHELD = "[withheld: may hold letter text]"


def scrub(event: dict[str, Any], hint: dict | None = None) -> dict[str, Any]:
    """Sentry's ``before_send``: the event without anything a form could have put in it."""
    request = event.get("request") or {}
    for key in ("data", "cookies", "query_string", "env"):
        request.pop(key, None)
    headers = request.get("headers") or {}
    request["headers"] = {name: value for name, value in headers.items() if name.lower() in SAFE_HEADERS}
    for key in ("user", "extra", "contexts_extra"):
        event.pop(key, None)
    from_letters = LETTER_PATH in (request.get("url") or "")
    for exception in (event.get("exception") or {}).get("values", []):
        if from_letters:
            exception["value"] = WITHHELD
        for frame in (exception.get("stacktrace") or {}).get("frames", []):
            frame.pop("vars", None)
    for breadcrumb in (event.get("breadcrumbs") or {}).get("values", []):
        breadcrumb.pop("data", None)
    return event


def init_error_reporting(
    *, dsn: str, environment: str, release: str = "", traces_sample_rate: float = 0.0, **options
) -> None:
    """Start the Sentry SDK for Django with the privacy settings above (``options`` for tests)."""
    import sentry_sdk
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        release=release or None,
        integrations=[DjangoIntegration()],
        send_default_pii=False,
        max_request_body_size="never",
        include_local_variables=False,
        traces_sample_rate=traces_sample_rate,
        before_send=scrub,
        **options,
    )
