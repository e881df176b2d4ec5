"""Letters under stress: failures inside generation, and any text at all in any field (Hypothesis)."""

import logging
import re
from unittest import mock

import pytest
from django.core import mail
from django.test import Client
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from letters.forms import DeclinedReferralForm, WorkloadRejectionForm
from tests.letters.conftest import NHS_NUMBER, PATIENT_NAME, body, docx_text, pdf_text

WORKLOAD_URL = "/letters/workload-rejection/"
DECLINED_URL = "/letters/declined-referral/"
PATIENT_FIELDS = ("patient_name", "nhs_number", "patient_dob", "hospital_number")


def leaked(text: str, data: dict) -> list[str]:
    """Which patient values (in any of their usual spellings) appear in ``text``."""
    values = {
        PATIENT_NAME,
        PATIENT_NAME.split()[-1],
        NHS_NUMBER,
        NHS_NUMBER.replace(" ", ""),
        data["hospital_number"],
        data["patient_dob"],
        "28 February 1961",
    }
    return sorted(value for value in values if value and value in text)


@pytest.fixture
def visitor():
    return Client(raise_request_exception=False)


@pytest.mark.parametrize(
    ("target", "action"),
    [
        ("letters.views.build_letter", "letter.docx"),
        ("letters.views.render_html", "preview"),
        ("letters.services.render_docx.render_docx", "letter.docx"),
    ],
)
def test_failure_inside_letter_generation_is_friendly_and_leaks_nothing(
    visitor, workload_data, settings, caplog, target, action
):
    settings.ADMINS = [("Portal operations", "ops@example.com")]
    # The worst case: a library error that quotes the user's text in its message.
    error = ValueError(f"cannot place {PATIENT_NAME!r} (NHS number {NHS_NUMBER}) in the letter")
    patch = (
        mock.patch.dict("letters.views.FORMATS", {"docx": (mock.Mock(side_effect=error), "x")})
        if target.endswith("render_docx")
        else mock.patch(target, side_effect=error)
    )
    with patch, caplog.at_level(logging.DEBUG):
        response = visitor.post(WORKLOAD_URL, {**workload_data, "action": action})
    assert response.status_code == 500
    page = response.content.decode()
    assert "Sorry, something went wrong" in page and "Nothing you entered has been kept" in page
    assert response["Cache-Control"] == "no-store"
    assert leaked(page, workload_data) == []
    # The operators still learn what failed and where...
    logged = "\n".join(
        record.getMessage()
        + (logging.Formatter().formatException(record.exc_info) if record.exc_info else "")
        for record in caplog.records
    )
    assert "ValueError" in logged
    # ...but neither the logs nor any emailed error report holds a patient detail.
    assert leaked(logged, workload_data) == []
    reports = "\n".join(message.subject + message.body for message in mail.outbox)
    assert leaked(reports, workload_data) == []


# --- Hypothesis: any text in any field ---------------------------------------------------------------

ANY_TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=160)
# Free-text fields whose cleaned value the letter repeats as it is.
ECHOED = {
    WORKLOAD_URL: (
        WorkloadRejectionForm,
        [
            "practice_name",
            "recipient_name",
            "patient_name",
            "signatory_name",
            "signatory_role",
            "request-0-details",
        ],
    ),
    DECLINED_URL: (
        DeclinedReferralForm,
        ["practice_name", "recipient_department", "patient_name", "signatory_name", "advice_summary"],
    ),
}
PROPERTY_SETTINGS = hypothesis_settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def check_any_text(client, url, data, field, value, fmt="docx"):
    form_class, _ = ECHOED[url]
    response = client.post(url, {**data, field: value, "action": f"letter.{fmt}"})
    assert response.status_code == 200, f"{field}={value!r} gave {response.status_code}"
    form = form_class({**data, field: value})
    if response.get("Content-Disposition", "").startswith("attachment"):
        assert form.is_valid(), f"{field}={value!r}: a file was made from answers the form refuses"
        prefix = "request-0-"
        if field.startswith(prefix):  # a field of the first request (a formset form)
            cleaned = form.requests.forms[0].cleaned_data[field.removeprefix(prefix)]
        else:
            cleaned = form.cleaned_data[field]
        text = docx_text(body(response)) if fmt == "docx" else pdf_text(body(response))
        if cleaned:
            assert squash(cleaned) in squash(text), f"{field}: {cleaned!r} is not in the {fmt} as typed"
    else:
        assert not form.is_valid(), f"{field}={value!r}: valid answers gave no file"
        assert "There is a problem" in response.content.decode()


@pytest.mark.parametrize("field", ECHOED[WORKLOAD_URL][1])
@PROPERTY_SETTINGS
@given(value=ANY_TEXT)
def test_workload_letter_any_text_gives_an_error_or_a_faithful_docx(client, workload_data, field, value):
    check_any_text(client, WORKLOAD_URL, workload_data, field, value)


@pytest.mark.parametrize("field", ECHOED[DECLINED_URL][1])
@PROPERTY_SETTINGS
@given(value=ANY_TEXT)
def test_declined_letter_any_text_gives_an_error_or_a_faithful_docx(client, declined_data, field, value):
    check_any_text(client, DECLINED_URL, declined_data, field, value)


@hypothesis_settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
# Format characters (soft hyphen, zero-width space) are invisible in print by design, so a PDF cannot
# show them; the DOCX properties above cover them. (A name made only of them is accepted: reported.)
@given(
    value=st.text(
        st.characters(codec="latin-1", exclude_categories=("Cc", "Cs", "Cf")), min_size=1, max_size=60
    )
)
def test_pdf_any_text_in_the_patient_name_gives_an_error_or_a_faithful_pdf(client, workload_data, value):
    check_any_text(client, WORKLOAD_URL, workload_data, "patient_name", value, fmt="pdf")


@pytest.mark.parametrize("charset", ["iso-8859-1", "windows-1252", "utf-16"])
@pytest.mark.parametrize("path", ["/letters/workload-rejection/", "/letters/declined-referral/", "/search/"])
def test_a_form_posted_in_another_character_set_is_a_bad_request_not_an_error(
    letters_demo, home_page, path, charset
):
    """Django accepts forms only in UTF-8; a browser or script sending another charset gets a 400."""
    from django.test import RequestFactory

    from tests.security.test_error_reports import CSRF, through_wsgi

    request = RequestFactory().post(
        path,
        data=f"csrfmiddlewaretoken={CSRF}&practice_name=caf%E9".encode(),
        content_type="application/x-www-form-urlencoded",
        HTTP_COOKIE=f"csrftoken={CSRF}",
    )
    request.environ["CONTENT_TYPE"] = f"application/x-www-form-urlencoded; charset={charset}"
    assert through_wsgi(request) in (400, 405)  # 405: search takes GET only


def test_a_form_that_fails_its_csrf_check_gets_the_portals_own_page(letters_demo, workload_data):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post("/letters/workload-rejection/", workload_data)
    page = response.content.decode()
    assert response.status_code == 403 and "no-store" in response["Cache-Control"]
    assert "Please send the form again" in page and "Nothing you entered has been kept" in page
    assert "CSRF" not in page and "Forbidden" not in page  # not Django's technical page
    assert workload_data["patient_name"] not in page
