"""Generating letters stores nothing: no rows, no session data, no files, no log lines, no cached copies."""

import logging
import os
import tempfile
import time

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.cache import caches
from django.test import RequestFactory
from django.utils.html import escape
from django.views.debug import SafeExceptionReporterFilter

from letters.views import WorkloadRejectionView

from .conftest import DECLINED_URL, NHS_NUMBER, PATIENT_NAME, WORKLOAD_URL, body

ACTIONS = [
    "preview",
    "letter.docx",
    "letter.pdf",
    "anonymised.docx",
    "anonymised.pdf",
    "patient-note.docx",
    "patient-note.pdf",
]
PATIENT_VALUES = (
    PATIENT_NAME,
    NHS_NUMBER,
    NHS_NUMBER.replace(" ", ""),
    "HX998877",
    "1961-02-28",
    "28 February 1961",
)


def row_counts() -> dict[str, int]:
    return {model._meta.label: model._base_manager.count() for model in apps.get_models()}


def generate_everything(client, workload_data, declined_data) -> list:
    responses = [client.post(WORKLOAD_URL, {**workload_data, "action": a}) for a in ACTIONS]
    responses += [client.post(DECLINED_URL, {**declined_data, "action": a}) for a in ACTIONS]
    responses.append(client.post(WORKLOAD_URL, {**workload_data, "nhs_number": "999 123 4560"}))  # an error
    for response in responses:
        assert response.status_code == 200
        body(response)  # consume streamed files
    return responses


def files_under(*roots) -> set[str]:
    found = set()
    for root in roots:
        for directory, _, names in os.walk(root):
            found.update(os.path.join(directory, name) for name in names)
    return found


@pytest.mark.django_db
def test_no_database_row_is_written(client, workload_data, declined_data):
    client.get(WORKLOAD_URL)  # any page creates the site's settings row on first view; not our doing
    before = row_counts()
    generate_everything(client, workload_data, declined_data)
    assert row_counts() == before


@pytest.mark.django_db
def test_no_session_is_created_or_filled(client, workload_data, declined_data):
    generate_everything(client, workload_data, declined_data)
    assert Session.objects.count() == 0
    assert settings.SESSION_COOKIE_NAME not in client.cookies
    assert dict(client.session) == {}


@pytest.mark.django_db
def test_no_log_line_mentions_the_patient(client, workload_data, declined_data, caplog, settings):
    settings.DEBUG = True  # SQL is logged too: it must not carry patient details either
    caplog.set_level(logging.DEBUG)
    generate_everything(client, workload_data, declined_data)
    # A name with a character no font has: WeasyPrint logs that character, so something is logged.
    unprintable = {**workload_data, "patient_name": f"{PATIENT_NAME} \ue000", "action": "letter.pdf"}
    assert client.post(WORKLOAD_URL, unprintable).status_code == 200
    assert caplog.records, "expected some logging to inspect"
    logged = "\n".join(record.getMessage() + str(record.args) for record in caplog.records)
    assert "withheld" in logged
    for value in (*PATIENT_VALUES, "\ue000"):
        assert value not in logged


@pytest.mark.django_db
def test_pdf_failure_log_has_no_patient_detail(client, workload_data, caplog, monkeypatch):
    from letters.services import render_pdf

    def broken(*, string):
        raise ValueError(f"cannot lay out {string[:5000]}")  # an error message quoting the letter

    monkeypatch.setattr(render_pdf, "HTML", broken)
    caplog.set_level(logging.DEBUG)
    client.post(WORKLOAD_URL, {**workload_data, "action": "letter.pdf"})
    assert "PDF could not be made" in caplog.text
    for value in PATIENT_VALUES:
        assert value not in caplog.text
    assert all(record.exc_info is None for record in caplog.records)


@pytest.mark.django_db
def test_no_file_is_written(client, workload_data, declined_data):
    roots = [settings.MEDIA_ROOT, settings.BASE_DIR / "var"]
    before = files_under(*[r for r in roots if os.path.isdir(r)])
    started = time.time()
    generate_everything(client, workload_data, declined_data)
    assert files_under(*[r for r in roots if os.path.isdir(r)]) - before == set()
    # Other programs may use the temporary directory meanwhile; none of its new files may hold the letter.
    for path in files_under(tempfile.gettempdir()):
        try:
            if os.path.getmtime(path) >= started and os.path.getsize(path) < 5_000_000:
                with open(path, "rb") as handle:
                    assert PATIENT_NAME.encode() not in handle.read()
        except OSError:
            continue


def in_memory_caches() -> bytes:
    """Every key and (pickled) value held in this process's in-memory caches."""
    held = b""
    for alias in settings.CACHES:
        store = getattr(caches[alias], "_cache", None)  # LocMemCache's own dict
        if isinstance(store, dict):
            held += b"".join(key.encode() + value for key, value in store.items())
    return held


@pytest.mark.django_db
def test_nothing_remembered_in_memory_holds_patient_data(client, workload_data, declined_data):
    empty_form = client.get(WORKLOAD_URL).content.decode()
    generate_everything(client, workload_data, declined_data)
    held = in_memory_caches()
    assert b"letters:" in held  # the published wording and options are remembered...
    # ...and nothing anyone typed (the test's NHS number is also the form's printed example).
    for value in PATIENT_VALUES:
        if value not in empty_form:
            assert value.encode() not in held


@pytest.mark.django_db
def test_the_empty_form_never_shows_what_someone_typed(client, workload_data):
    client.get(WORKLOAD_URL)
    response = client.post(WORKLOAD_URL, {**workload_data, "nhs_number": "999 123 4560"})
    assert escape(PATIENT_NAME) in response.content.decode()  # the form with an error keeps the answers
    assert escape(PATIENT_NAME) not in client.get(WORKLOAD_URL).content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("url", [WORKLOAD_URL, DECLINED_URL, "/letters/workload-rejection/blank/"])
def test_pages_and_files_are_never_cached(client, letters_demo, url):
    assert "no-store" in client.get(url)["Cache-Control"]


@pytest.mark.django_db
@pytest.mark.parametrize("action", ACTIONS)
def test_every_generated_response_says_no_store(client, workload_data, action):
    response = client.post(WORKLOAD_URL, {**workload_data, "action": action})
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


@pytest.mark.django_db
def test_identifiers_never_travel_in_a_url(client, workload_data):
    page = client.get(WORKLOAD_URL).content.decode()
    assert '<form method="post"' in page
    # The form posts to the page's own path: no query string, no #fragment.
    assert f'action="{WORKLOAD_URL}"' in page.split('<form method="post"')[1].split(">")[0]
    page = client.get(WORKLOAD_URL + "?patient_name=x").content.decode()
    assert f'action="{WORKLOAD_URL}"' in page.split('<form method="post"')[1].split(">")[0]
    response = client.post(WORKLOAD_URL, {**workload_data, "action": "letter.docx"})
    assert PATIENT_NAME not in response["Content-Disposition"]
    assert "Location" not in response
    # A GET carrying patient details generates nothing and echoes nothing.
    response = client.get(WORKLOAD_URL, {"patient_name": PATIENT_NAME, "action": "letter.docx"})
    assert response["Content-Type"].startswith("text/html")
    assert PATIENT_NAME not in response.content.decode()


@pytest.mark.django_db
def test_posting_needs_the_csrf_token(letters_demo, workload_data):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    assert client.post(WORKLOAD_URL, {**workload_data, "action": "letter.docx"}).status_code == 403
    client.get(WORKLOAD_URL)
    token = client.cookies[settings.CSRF_COOKIE_NAME].value
    response = client.post(
        WORKLOAD_URL, {**workload_data, "action": "letter.docx", "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")


@pytest.mark.django_db
def test_error_reports_hide_the_post(letters_demo, workload_data):
    request = RequestFactory().post(WORKLOAD_URL, {**workload_data, "action": "preview"})
    request._dont_enforce_csrf_checks = True
    WorkloadRejectionView.as_view()(request)
    assert request.sensitive_post_parameters == "__ALL__"
    shown = SafeExceptionReporterFilter().get_post_parameters(request)
    assert PATIENT_NAME not in str(dict(shown))


@pytest.mark.django_db
def test_patient_fields_are_not_offered_for_autocomplete_or_remembering(client, letters_demo):
    page = client.get(WORKLOAD_URL).content.decode()
    for name in ("patient_name", "nhs_number", "patient_dob", "hospital_number"):
        tag = (
            page.split(f'name="{name}"')[0].rsplit("<", 1)[1] + page.split(f'name="{name}"')[1].split(">")[0]
        )
        assert "data-remember" not in tag
        assert 'autocomplete="off"' in tag
    assert 'data-remember="practice_name"' in page
    assert 'data-remember="signatory_name"' in page


@pytest.mark.django_db
def test_the_practices_own_details_are_named_for_autofill(client, letters_demo):
    """WCAG 1.3.5: the practice's and signatory's own details carry autocomplete tokens."""
    page = client.get(WORKLOAD_URL).content.decode()
    for name, token in (
        ("practice_name", "organization"),
        ("practice_phone", "tel"),
        ("practice_email", "email"),
        ("signatory_name", "name"),
        ("signatory_role", "organization-title"),
    ):
        tag = page.split(f'name="{name}"')[1].split(">")[0]
        assert f'autocomplete="{token}"' in tag, name
