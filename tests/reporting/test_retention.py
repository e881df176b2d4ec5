"""Contact emails on reports are deleted after the LMC's retention period, by the daily task."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Site

from reporting.models import InterfaceReport, ReportingSettings
from reporting.retention import delete_expired_contact_emails, months_before

from .conftest import SECRET_EMAIL, make_report

NOW = datetime.datetime(2026, 6, 10, 9, 0, tzinfo=datetime.UTC)


def received(report: InterfaceReport, when: datetime.datetime) -> InterfaceReport:
    InterfaceReport.objects.filter(pk=report.pk).update(created_at=when)
    return report


@pytest.mark.parametrize(
    ("moment", "months", "expected"),
    [
        (NOW, 12, datetime.datetime(2025, 6, 10, 9, 0, tzinfo=datetime.UTC)),
        (
            datetime.datetime(2026, 3, 31, tzinfo=datetime.UTC),
            1,
            datetime.datetime(2026, 2, 28, tzinfo=datetime.UTC),
        ),
        (
            datetime.datetime(2026, 1, 15, tzinfo=datetime.UTC),
            1,
            datetime.datetime(2025, 12, 15, tzinfo=datetime.UTC),
        ),
    ],
)
def test_months_before(moment, months, expected):
    assert months_before(moment, months=months) == expected


@pytest.mark.django_db
def test_an_old_reports_email_is_deleted_and_the_rest_kept(options, home_page):
    old = received(make_report(options), NOW - datetime.timedelta(days=370))
    recent = received(make_report(options), NOW - datetime.timedelta(days=300))
    assert delete_expired_contact_emails(now=NOW) == 1
    old.refresh_from_db()
    recent.refresh_from_db()
    assert old.contact_email == "" and old.what_happened and old.practice_ods_code == "B81001"
    assert recent.contact_email == SECRET_EMAIL
    assert delete_expired_contact_emails(now=NOW) == 0  # nothing left to do


@pytest.mark.django_db
def test_the_lmc_sets_the_period(options, home_page):
    setting = ReportingSettings.for_site(Site.objects.get(is_default_site=True))
    assert setting.keep_contact_months == 12  # the default
    setting.keep_contact_months = 6
    setting.save()
    report = received(make_report(options), NOW - datetime.timedelta(days=200))
    delete_expired_contact_emails(now=NOW)
    report.refresh_from_db()
    assert report.contact_email == ""


@pytest.mark.django_db(transaction=True)
def test_the_scheduler_queues_it_and_the_worker_runs_it(options, settings):
    from tests.security.helpers import ensure_wagtail_roots

    ensure_wagtail_roots()
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    report = received(make_report(options), timezone.now() - datetime.timedelta(days=400))
    call_command("schedule_tasks", "--once")
    report.refresh_from_db()
    assert report.contact_email == SECRET_EMAIL  # queued, not yet run
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    report.refresh_from_db()
    assert report.contact_email == ""
