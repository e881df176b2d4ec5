"""Fixtures for the letter generators: published demo wording and options, valid answers, file readers."""

import datetime
import io

import docx
import pypdf
import pytest

from letters import demo
from letters.models import Ask, LetterTemplate, Provider, Reason, RequestCategory, ServiceCondition, Specialty
from letters.placeholders import LetterKind

# The purge generation the published wording and options are remembered under, private to this
# process: another test run on the machine purging must not refresh what these tests check.
from tests.page_cache_fixtures import private_purge_generation  # noqa: F401 (autouse here)

DECLINED_URL = "/letters/declined-referral/"
WORKLOAD_URL = "/letters/workload-rejection/"

# A patient whose details are easy to spot anywhere they should not be.
PATIENT_NAME = "Siân Llŷr O'Brien-Zyxwv"
NHS_NUMBER = "943 476 5919"


TODAY = datetime.date(2026, 6, 10)


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    """ "Today" is 10 June 2026 for these tests, so date checks do not drift with the calendar."""
    monkeypatch.setattr("letters.forms.base._today", lambda: TODAY)
    return TODAY


@pytest.fixture
def letters_demo(db):
    """The demo wording and option lists, all published.

    Options are bulk-created as live rows (what publishing leaves in the table): publishing each with
    a revision, as ``demo.load`` does, takes over a second per test. The wording goes through the
    real publish, so versions and dates are real. ``test_demo.py`` runs ``demo.load`` itself.
    """
    conditions = {
        number: ServiceCondition.objects.create(number=number, title=title, checked_against=checked)
        for number, title, checked in demo.SERVICE_CONDITIONS
    }
    Specialty.objects.bulk_create(
        Specialty(label=label, phrase=phrase, asks_for_text=label == demo.OTHER, sort_order=i)
        for i, (label, phrase) in enumerate(demo.SPECIALTIES)
    )
    Provider.objects.bulk_create(
        Provider(label=label, address=address, source_group=group, sort_order=i)
        for i, (label, address, group) in enumerate(demo.PROVIDERS)
    )
    RequestCategory.objects.bulk_create(
        RequestCategory(
            label=category.label,
            source_group=category.group,
            phrase=category.phrase,
            service_condition=conditions.get(category.service_condition),
            basis=category.basis,
            ask=category.ask,
            patient_advice=category.patient_advice,
            patient_advice_done_once=category.patient_advice_done_once,
            time_critical=category.time_critical,
            asks_for_text=category.label == demo.OTHER,
            sort_order=i,
        )
        for i, category in enumerate(demo.CATEGORIES)
    )
    Reason.objects.bulk_create(
        Reason(
            label=label,
            phrase=phrase,
            letter_kind=kind,
            source_group=group[0] if group else "",
            asks_for_text=label == demo.OTHER,
            sort_order=i,
        )
        for kind, options in (
            (LetterKind.DECLINED_REFERRAL, demo.DECLINED_REASONS),
            (LetterKind.WORKLOAD_REJECTION, demo.WORKLOAD_REASONS),
        )
        for i, (label, phrase, *group) in enumerate(options)
    )
    Ask.objects.bulk_create(
        Ask(label=label, phrase=phrase, asks_for_text=label == demo.OTHER, sort_order=i)
        for i, (label, phrase) in enumerate(demo.ASKS)
    )
    for kind, title, body, note, report in demo.TEMPLATES:
        template = LetterTemplate.objects.create(
            kind=kind, title=title, body=body, patient_note=note, commissioner_report=report
        )
        template.save_revision().publish()


def category_pk(label_start: str, group: str = "nhs") -> str:
    return str(RequestCategory.objects.get(label__startswith=label_start, source_group=group).pk)


def requests_data(*requests: dict) -> dict:
    """The workload form's request rows (a Django formset) for ``requests``, each a dict of fields."""
    data = {"request-TOTAL_FORMS": "3", "request-INITIAL_FORMS": "0"}
    for i, request in enumerate(requests):
        data.update({f"request-{i}-{name}": value for name, value in request.items()})
    return data


def _common(**overrides) -> dict:
    data = {
        "practice_name": "Ysbyty & Partners <Surgery>",
        "practice_address": "1 Heol y Castell\nHull HU1 1AA",
        "practice_phone": "01482 000001",
        "practice_email": "practice@example.nhs.uk",
        "practice_ods_code": "B81001",
        "letter_date": "2026-06-03",
        "recipient_name": "Dr Ana Núñez",
        "recipient_role": "Consultant",
        "recipient_provider": str(Provider.objects.get(label__startswith="Hull University").pk),
        "recipient_organisation": "",
        "recipient_department": "Outpatients",
        "patient_name": PATIENT_NAME,
        "patient_dob": "1961-02-28",
        "nhs_number": NHS_NUMBER,
        "hospital_number": "HX998877",
        "their_reference": "DERM/0420",
        "signatory_name": "Dr Ffion Jones",
        "signatory_role": "GP partner",
    }
    data.update(overrides)
    return data


@pytest.fixture
def workload_data(letters_demo) -> dict:
    """Valid answers for the workload rejection letter (a fit note request from an NHS trust)."""
    return _common(
        source_type="an NHS trust",
        request_date="2026-05-20",
        request_author="Dr Q. Registrar",
        **requests_data({"category": category_pk("Fit note"), "details": "A fit note after knee surgery"}),
        reasons=[str(r.pk) for r in Reason.objects.filter(letter_kind=LetterKind.WORKLOAD_REJECTION)[:2]],
        reasons_other="",
    )


@pytest.fixture
def declined_data(letters_demo) -> dict:
    """Valid answers for the declined referral letter."""
    return _common(
        referral_date="2026-05-01",
        ubrn="0001 2345 6789",
        specialty=str(Specialty.objects.get(label="Dermatology").pk),
        priority="urgent",
        rejection_date="2026-05-15",
        rejection_channel="through e-RS Advice and Guidance",
        triaging_clinician="",
        advice_summary="Try emollients for six weeks.",
        reasons=[str(Reason.objects.filter(letter_kind=LetterKind.DECLINED_REFERRAL).first().pk)],
        reasons_other="",
        asks=[str(Ask.objects.get(label__startswith="Accept the referral").pk)],
        asks_other="",
        response_days="",
        tone="second_request",
        first_letter_date="2026-05-22",
    )


def docx_text(data: bytes) -> str:
    """Every paragraph and table cell of a .docx, read back with python-docx: page 1's header
    (the letterhead), the header of later pages, the body, then the page foot."""
    document = docx.Document(io.BytesIO(data))
    section = document.sections[0]
    parts = [p.text for p in section.first_page_header.paragraphs + section.header.paragraphs]
    parts += [p.text for p in document.paragraphs]
    parts += [p.text for p in section.first_page_footer.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def pdf_text(data: bytes) -> str:
    """The text of every page of a PDF, read back with pypdf."""
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)


def body(response) -> bytes:
    """The bytes of a (possibly streaming) response."""
    return b"".join(response.streaming_content) if response.streaming else response.content
