"""Fixtures for the reporting tests: the letters' provider and category lists, valid answers, sample
reports and the officers and editors who see them (or not)."""

import contextlib
import csv
import datetime
import io
import logging

import openpyxl
import pytest
from django.contrib.auth.models import Group, Permission
from wagtail.models import Site

from guidance.editorial import EDITORS, OFFICERS, grant_model_permissions
from letters.models import Provider, RequestCategory
from reporting.choices import PatientRisk, PracticeTime, ProblemKind, ReporterRole, TriageStatus
from reporting.models import InterfaceReport, ReportingSettings
from tests.letters.conftest import declined_data, letters_demo, workload_data  # noqa: F401 (counted letters)

URL = "/report-a-problem/"
THANKS_URL = "/report-a-problem/thank-you/"
TODAY = datetime.date(2026, 6, 10)
# What a practice might write, with words easy to spot anywhere they should not be.
WHAT_HAPPENED = "Clinic letter asked us to arrange the zyxwv bloods the clinic wanted before review."

# A reporter's contact email, easy to spot anywhere it should not be (exports, listings).
SECRET_EMAIL = "reply-to-me@example.nhs.uk"


def make_report(options, **overrides) -> InterfaceReport:
    """A report as a practice sent it (with a contact email), changed by ``overrides``."""
    values = {
        "practice_ods_code": "B81001",
        "practice_name": "Beverley Road Surgery",
        "reporter_role": ReporterRole.GP,
        "contact_email": SECRET_EMAIL,
        "provider": options["hull"],
        "kind": ProblemKind.WORKLOAD,
        "workload_category": options["tests"],
        "month": datetime.date(2026, 5, 1),
        "what_happened": "Asked to arrange bloods the clinic wanted.",
        "practice_time": PracticeTime.UP_TO_HOUR,
        "patient_risk": PatientRisk.NONE,
        **overrides,
    }
    return InterfaceReport.objects.create(**values)


@pytest.fixture
def reports(options):
    """Two reports: one new with a contact email; one raised with the ICB, without, its text formula-like."""
    return [
        make_report(options),
        make_report(
            options,
            practice_ods_code="Y12345",
            practice_name="Goole Health Centre",
            provider=options["nlag"],
            kind=ProblemKind.DISCHARGE_SUMMARY,
            workload_category=None,
            month=datetime.date(2026, 3, 1),
            what_happened='=HYPERLINK("http://evil.example") summary nine days late',
            status=TriageStatus.RAISED_WITH_ICB,
            contact_email="",
        ),
    ]


def read_export(response, fmt: str) -> list[list[str]]:
    """An exported CSV or XLSX read back as rows of text (an empty cell as "")."""
    data = b"".join(response.streaming_content) if response.streaming else response.content
    if fmt == "csv":
        return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    return [["" if cell is None else str(cell) for cell in row] for row in sheet.iter_rows(values_only=True)]


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    """ "Today" is 10 June 2026 for the report form and the Figures page, so the months they offer
    (at most three years back) do not drift with the calendar."""
    monkeypatch.setattr("reporting.forms._today", lambda: TODAY)
    monkeypatch.setattr("reporting.figures_admin._today", lambda: TODAY)
    return TODAY


@pytest.fixture
def options(db):
    """Two published providers and two request categories, as the letters' demo lists hold them."""
    return {
        "hull": Provider.objects.create(label="Hull University Teaching Hospitals NHS Trust", sort_order=0),
        "nlag": Provider.objects.create(
            label="Northern Lincolnshire and Goole NHS Foundation Trust", sort_order=1
        ),
        "tests": RequestCategory.objects.create(label="Arranging tests the provider wants", sort_order=0),
        "fit_note": RequestCategory.objects.create(label="Fit note (Med3)", sort_order=1),
    }


@pytest.fixture
def answers(options):
    """A complete, valid report, as the browser posts it."""
    return {
        "practice_ods_code": "b81001",
        "practice_name": "Beverley Road Surgery",
        "reporter_role": "practice_manager",
        "contact_email": "manager@example.nhs.uk",
        "provider": str(options["hull"].pk),
        "provider_other": "",
        "service": "Rheumatology",
        "kind": "workload",
        "workload_category": str(options["tests"].pk),
        "what_happened": WHAT_HAPPENED,
        "month": "5",
        "year": "2026",
        "practice_time": "up_to_1h",
        "patient_risk": "none",
        "website": "",
    }


@pytest.fixture
def notify_address(home_page):
    """The LMC's address for new reports, set in Settings → Interface reports."""
    setting = ReportingSettings.for_site(Site.objects.get(is_default_site=True))
    setting.notify_email = "reports@lmc.example"
    setting.save()
    return setting.notify_email


@contextlib.contextmanager
def every_log_record(caplog):
    """Capture every record from every logger at DEBUG, even loggers another test configured not to
    propagate to the root (e.g. the production JSON logging), or disabled, or set to a higher level."""
    loggers = [logging.getLogger()] + [
        logger for logger in logging.Logger.manager.loggerDict.values() if isinstance(logger, logging.Logger)
    ]
    saved = [(logger, logger.level, logger.disabled) for logger in loggers]
    caplog.handler.setLevel(logging.DEBUG)
    for logger in loggers:
        logger.setLevel(logging.DEBUG)
        logger.disabled = False
        # A record rises to the first logger that does not propagate: capture it there, once.
        if logger is loggers[0] or not logger.propagate:
            logger.addHandler(caplog.handler)
    try:
        yield
    finally:
        for logger, level, disabled in saved:
            logger.removeHandler(caplog.handler)
            logger.setLevel(level)
            logger.disabled = disabled


@pytest.fixture
def staff(db, django_user_model):
    """One LMC officer and one LMC editor, neither a superuser, with the groups' permissions."""
    grant_model_permissions(Group, Permission)  # as the migrations do
    people = {}
    for group in (EDITORS, OFFICERS):
        name = group.split()[-1]
        user = django_user_model.objects.create_user(name, f"{name}@example.com", "pw-1")
        user.groups.add(Group.objects.get(name=group))
        people[group] = user
    return people
