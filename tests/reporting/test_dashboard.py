"""The officers' panel on the admin dashboard: new reports (linked to the filtered listing), reports of
the last 30 days and Figures; editors without the reporting permission see none of it."""

import datetime
import html
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from guidance.editorial import EDITORS, OFFICERS
from reporting.choices import TriageStatus
from reporting.models import InterfaceReport

from .conftest import make_report

pytestmark = pytest.mark.django_db

HEADING = "Interface reports"


def dashboard(client) -> str:
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    return response.content.decode()


def panel(page: str) -> str:
    """The panel's markup, as plain-ish text with its links (fails if there is no panel)."""
    match = re.search(r'<section[^>]*id="reporting-reports-section".*?</section>', page, re.S)
    assert match, "no reports panel on the dashboard"
    return match.group(0)


def text(markup: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


def link(markup: str, label: str) -> str:
    for href, inner in re.findall(r'<a\b[^>]*href="([^"]*)"[^>]*>(.*?)</a>', markup, re.S):
        if text(inner) == label:
            return html.unescape(href)
    raise AssertionError(f"no link {label!r}")


def received(report: InterfaceReport, days_ago: int) -> InterfaceReport:
    InterfaceReport.objects.filter(pk=report.pk).update(
        created_at=timezone.now() - datetime.timedelta(days_ago)
    )
    return report


@pytest.fixture
def mixed_reports(options):
    """Three new reports (one received 40 days ago), one reviewed and one raised with the ICB."""
    new = [make_report(options, practice_ods_code=f"B8100{n}") for n in (1, 2, 3)]
    received(new[2], 40)
    make_report(options, practice_ods_code="Y11111", status=TriageStatus.REVIEWED)
    received(make_report(options, practice_ods_code="Y22222", status=TriageStatus.RAISED_WITH_ICB), 60)
    return new


def test_an_officer_sees_the_counts_and_the_links(client, staff, mixed_reports):
    client.force_login(staff[OFFICERS])
    markup = panel(dashboard(client))
    words = text(markup)
    assert "<h2" in markup and HEADING in words
    assert "3 new reports waiting for triage." in words
    assert "3 reports received in the last 30 days." in words  # not those of 40 and 60 days ago
    assert link(markup, "Figures") == reverse("reporting_figures")
    assert link(markup, "All interface reports") == reverse("interface_reports:index")
    assert "@" not in words and "Beverley Road" not in words  # counts only, nothing a practice typed


def test_the_new_reports_link_lists_only_new_reports(client, staff, mixed_reports):
    client.force_login(staff[OFFICERS])
    new_url = link(panel(dashboard(client)), "See the new reports")
    assert new_url == f"{reverse('interface_reports:index')}?status=new"
    rows = client.get(new_url).content.decode().split("<tbody", 1)[1]
    assert all(code in rows for code in ("B81001", "B81002", "B81003"))
    assert "Y11111" not in rows and "Y22222" not in rows


def test_one_new_report_is_counted_in_the_singular(client, staff, options):
    make_report(options)
    client.force_login(staff[OFFICERS])
    markup = panel(dashboard(client))
    assert "1 new report waiting for triage." in text(markup)
    assert "1 report received in the last 30 days." in text(markup)
    assert link(markup, "See the new report")


def test_no_new_reports_is_said_plainly(client, staff, options):
    received(make_report(options, status=TriageStatus.RESOLVED), 45)
    client.force_login(staff[OFFICERS])
    markup = panel(dashboard(client))
    assert "No new reports: none is waiting for triage." in text(markup)
    assert "No reports received in the last 30 days." in text(markup)
    assert "?status=new" not in markup


def test_an_editor_without_the_permission_sees_no_panel(client, staff, mixed_reports):
    client.force_login(staff[EDITORS])
    page = dashboard(client)
    assert 'id="reporting-reports-section"' not in page
    assert "waiting for triage" not in page and "received in the last 30 days" not in page
    assert reverse("reporting_figures") not in page
