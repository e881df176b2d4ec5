"""Error reports (Sentry) never carry what a letter form posted: a letter POST that fails is
reported with where it failed, and without the patient's details, the practice's or the cookies."""

import json

import pytest
import sentry_sdk
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import RequestFactory
from sentry_sdk.transport import Transport

from core.error_reporting import init_error_reporting
from tests.letters.conftest import NHS_NUMBER, PATIENT_NAME, WORKLOAD_URL


class CapturedReports(Transport):
    """Keeps each report instead of sending it."""

    sent: list[dict] = []

    def capture_envelope(self, envelope):
        for item in envelope.items:
            if item.type == "event":
                CapturedReports.sent.append(item.payload.json)


CSRF = "k" * 32


def through_wsgi(request) -> int:
    """Run ``request`` through Django's WSGI handler, as gunicorn does (the error reporter hooks in
    there; the test client bypasses it). Returns the status code."""
    status = []
    # As Django's test client does: the test's database transaction must survive the request.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        body = WSGIHandler()(request.environ, lambda code, headers, exc_info=None: status.append(code))
        b"".join(body)
        body.close()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    return int(status[0].split()[0])


@pytest.fixture
def reports():
    CapturedReports.sent = []
    init_error_reporting(dsn="https://public@errors.example/1", environment="test", transport=CapturedReports)
    yield CapturedReports.sent
    sentry_sdk.get_client().close()
    sentry_sdk.init()  # no DSN: reporting off again for the other tests


def test_a_failing_letter_post_is_reported_without_letter_data(reports, workload_data, monkeypatch):
    def fail(**kwargs):
        values = kwargs["facts"].full.values
        raise RuntimeError(f"could not build the letter for {values['patient_name']} {values['nhs_number']}")

    monkeypatch.setattr("letters.views.build_letter", fail)
    status = through_wsgi(
        RequestFactory().post(
            WORKLOAD_URL + "?ref=nhs-9434765919",
            {**workload_data, "action": "letter.docx", "csrfmiddlewaretoken": CSRF},
            HTTP_USER_AGENT="practice-browser",
            HTTP_COOKIE=f"csrftoken={CSRF}; sessionid=a-session-cookie",
        )
    )
    assert status == 500
    sentry_sdk.flush()

    # Reported as the type of the error and where it happened (core.middleware logs nothing more),
    # with the address and harmless headers.
    assert any(event.get("request", {}).get("url", "").endswith(WORKLOAD_URL) for event in reports)
    reported = [event["logentry"]["formatted"] for event in reports if "logentry" in event]
    assert any(
        "Unexpected RuntimeError on POST /letters/" in line and " in fail " in line for line in reported
    )
    everything = json.dumps(reports, ensure_ascii=False)
    for secret in (
        PATIENT_NAME,
        NHS_NUMBER,
        NHS_NUMBER.replace(" ", ""),
        "Heol y Castell",
        "Dr Ffion Jones",
        "a-session-cookie",
        "nhs-9434765919",
        "csrfmiddlewaretoken",
    ):
        assert secret not in everything, secret
    assert "practice-browser" in everything  # harmless headers are kept


def test_an_error_elsewhere_is_reported_with_its_stack_but_no_variables(reports, home_page, monkeypatch):
    def fail(*args, **kwargs):
        secret_local = "".join(reversed("sdloh elbairav lacol a"))  # noqa: F841 (not in the source)
        raise RuntimeError("the menu broke")

    monkeypatch.setattr("core.templatetags.portal_tags.remember", fail)
    assert through_wsgi(RequestFactory().get("/")) == 500
    sentry_sdk.flush()
    exceptions = [value for event in reports for value in event.get("exception", {}).get("values", [])]
    assert any(value["type"] == "RuntimeError" and value["value"] == "the menu broke" for value in exceptions)
    assert "a local variable holds" not in json.dumps(reports)
