"""No patient identifiers reach a report: an NHS number (any spelling passing Modulus 11), a full date,
a hospital number or a UBRN typed in any text box is refused with a message naming what to remove,
without quoting it; nothing of the refused submission is stored or logged.

The spellings are the letters' own (tests/letters/identifier_strategies.py): the ways people type one
patient's identifiers, with the words around them.
"""

import logging
import re

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from letters.validation import nhs_check_digit
from reporting.identifiers import (
    ADDRESS,
    AGE_KIND,
    DATE,
    HOSPITAL,
    NAME,
    NHS,
    PHONE_KIND,
    UBRN_KIND,
    identifiers_in,
)
from reporting.models import InterfaceReport
from tests.letters.identifier_strategies import (
    WRAPPERS,
    address_spellings,
    age_spellings,
    dob_spellings,
    hospital_spellings,
    nhs_spellings,
    patients,
    phone_spellings,
    strip_accents,
    ubrn_spellings,
)

from .conftest import URL, every_log_record

pytestmark = pytest.mark.django_db


def titled_name_spellings(patient) -> st.SearchStrategy[str]:
    """A patient's surname after a title, as a practice might write it: Mrs Hobson, MISS O'BRIEN."""
    surnames = [patient.surname, strip_accents(patient.surname), patient.surname.upper()]
    return st.builds(
        lambda title, surname: f"{title} {surname}",
        st.sampled_from(["Mr", "Mrs", "Ms", "Miss", "Mx", "Mrs.", "MRS", "MISS"]),
        st.sampled_from(surnames),
    )


SPELLINGS = {
    "NHS number": nhs_spellings,
    "date of birth": dob_spellings,
    "UBRN": ubrn_spellings,
    "phone number": phone_spellings,
    "address": address_spellings,
    "age": age_spellings,
    "name after a title": titled_name_spellings,
}
EXPECTED = {
    "NHS number": NHS,
    "date of birth": DATE,
    "UBRN": UBRN_KIND,
    "phone number": PHONE_KIND,
    "address": ADDRESS,
    "age": AGE_KIND,
    "name after a title": NAME,
}
# Every box a reporter types in, with its length limit.
BOXES = {"what_happened": 2000, "practice_name": 120, "service": 120, "provider_other": 200}
FORM_SETTINGS = settings(
    max_examples=40,
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@st.composite
def typed(draw, kind: str) -> tuple[str, str]:
    """One identifier of ``kind``, spelled some way, with words around it: (text typed, identifier)."""
    patient = draw(patients)
    spelling = draw((hospital_spellings if kind == "hospital number" else SPELLINGS[kind])(patient))
    return draw(st.sampled_from(WRAPPERS)).format(spelling), spelling


# --- The check itself, over many spellings -----------------------------------------------------------


@pytest.mark.parametrize("kind", list(EXPECTED))
@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_each_identifier_is_found_and_named(kind, data):
    text, _ = data.draw(typed(kind))
    assert EXPECTED[kind] in identifiers_in(text), text


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_a_hospital_number_is_refused(data):
    text, _ = data.draw(typed("hospital number"))
    found = identifiers_in(text)
    # Its digits can also read as a date (HX17041951): refused either way, named as the date.
    assert HOSPITAL in found or DATE in found, text


def _with_check_digit(first_nine: int) -> str | None:
    check = nhs_check_digit(str(first_nine))
    return None if check is None else f"{first_nine}{check}"


@settings(max_examples=300, deadline=None)
@given(
    number=st.integers(100_000_000, 999_999_999).map(_with_check_digit).filter(bool),
    separator=st.sampled_from(["", " ", "-", " - ", ".", "\u00a0", "\u2013"]),
)
def test_every_valid_nhs_number_is_refused_whatever_its_separators(number, separator):
    spelled = separator.join([number[:3], number[3:6], number[6:]])
    assert NHS in identifiers_in(f"The patient (NHS {spelled}) was sent back to us.")


def test_a_ten_digit_number_failing_modulus_11_is_not_called_an_nhs_number():
    assert NHS not in identifiers_in("reference 999 123 4560 on the letter")  # check digit would be 10


ORDINARY = [
    "The 2024/25 and 2025/26 contracts both say the provider does this (SC11).",
    "We spent 3 hours on 12 Tasks in March 2026, and 45 minutes on the phone.",
    "Since May 2025 about 1 in 4 dermatology referrals has come back as Advice and Guidance.",
    "Clinic letter took 6 weeks; the discharge summary arrived after 9 days, not 24 hours.",
    "Asked for a 7-day supply; they gave 3 days. Ward 10, bay 4.",
    "Between 10 and 12 patients a week, 50% of them urgent.",
    "Dr Patel and Partners, Riverside Surgery",  # practices are named after their doctors
    "Asked for an MR scan and an MS clinic review; 3 patients from Castle Hill Hospital.",
    "The discharge letter did not give the date of birth, and the Ms team never replied.",
]


@pytest.mark.parametrize("text", ORDINARY)
def test_ordinary_report_text_is_accepted(text):
    assert identifiers_in(text) == []


# --- Through the form: refused, named, not quoted, not stored, not logged -------------------------------


def _post_with(client, answers, box: str, text: str, caplog):
    caplog.clear()
    with every_log_record(caplog):
        response = client.post(URL, {**answers, box: text})
        for name in ("django.request", "reporting.views", "django.db.backends"):
            logging.getLogger(name).debug("capture works")  # the check below sees real logs
    assert [r.getMessage() for r in caplog.records].count("capture works") >= 3
    return response


def _assert_refused_quietly(response, caplog, text: str, spelling: str, message: str):
    assert response.status_code == 200
    html = response.content.decode()
    summary = re.search(r'<div class="error-summary".*?</div>', html, re.S)[0]
    assert message in summary
    assert spelling not in summary  # the message names the kind, never the number or date
    assert not InterfaceReport.objects.exists()
    assert mail.outbox == []
    digits = re.sub(r"\D", "", spelling)
    for record in caplog.records:
        logged = record.getMessage() + repr(record.args) + (record.exc_text or "")
        assert spelling not in logged and text not in logged, logged
        # A long number must not appear even re-spaced (an age's two digits are in any traceback).
        assert len(digits) < 6 or digits not in re.sub(r"\D", "", logged), logged


@pytest.mark.parametrize("kind", [*EXPECTED, "hospital number"])
@FORM_SETTINGS
@given(data=st.data())
def test_a_refused_report_names_what_to_remove_and_leaves_no_row_and_no_log(
    client, answers, notify_address, caplog, kind, data
):
    text, spelling = data.draw(typed(kind))
    box = data.draw(st.sampled_from(list(BOXES)))
    response = _post_with(client, answers, box, text[: BOXES[box]], caplog)
    found = identifiers_in(text[: BOXES[box]])
    assert found, text
    _assert_refused_quietly(response, caplog, text, spelling, found[0].message)


def test_the_model_refuses_identifiers_too_so_lmc_notes_cannot_hold_them(answers):
    report = InterfaceReport(lmc_notes="Spoke to ward about 943 476 5919")
    with pytest.raises(ValidationError) as refused:
        report.full_clean()
    assert refused.value.message_dict["lmc_notes"] == [NHS.message]
