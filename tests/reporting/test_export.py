"""Officers export reports without the reporters' contact emails unless they ask for them
("Download CSV/XLSX with contact emails", ``?contact=1``); filters and CSV-injection safety still apply."""

import datetime
import html
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from guidance.editorial import EDITORS, OFFICERS
from reporting.choices import TriageStatus
from reporting.models import InterfaceReport
from reporting.retention import delete_expired_contact_emails
from tests.reporting.conftest import SECRET_EMAIL, make_report, read_export
from tests.reporting.test_admin import url

pytestmark = pytest.mark.django_db

FORMATS = ["csv", "xlsx"]


def export(client, fmt: str, query: str = "") -> list[list[str]]:
    response = client.get(f"{url('index')}?{query}{'&' if query else ''}export={fmt}")
    assert response.status_code == 200
    return read_export(response, fmt)


def by_practice(rows: list[list[str]]) -> dict[str, dict[str, str]]:
    """Each exported report as {heading: value}, keyed by its practice's ODS code."""
    heading, body = rows[0], rows[1:]
    records = [dict(zip(heading, row, strict=True)) for row in body]
    return {record["Practice ODS code"]: record for record in records}


def export_links(page: str) -> dict[str, str]:
    """The listing page's download links, by label."""
    links = re.findall(r'<a\b[^>]*href="([^"]*export=[^"]*)"[^>]*>(.*?)</a>', page, re.S)
    return {" ".join(re.sub(r"<[^>]+>", " ", label).split()): html.unescape(href) for href, label in links}


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_default_export_has_no_contact_column_and_no_email(client, staff, reports, fmt):
    client.force_login(staff[OFFICERS])
    rows = export(client, fmt)
    assert "Contact email" not in rows[0]
    assert not any("@" in cell for row in rows for cell in row)
    assert set(by_practice(rows)) == {"B81001", "Y12345"}


@pytest.mark.parametrize("fmt", FORMATS)
def test_asking_for_contacts_adds_the_column_with_each_email(client, staff, reports, fmt):
    client.force_login(staff[OFFICERS])
    rows = export(client, fmt, "contact=1")
    assert rows[0][-1] == "Contact email"
    assert rows[0][:-1] == export(client, fmt)[0]  # the same columns as ever, the email added last
    records = by_practice(rows)
    assert records["B81001"]["Contact email"] == SECRET_EMAIL
    assert records["Y12345"]["Contact email"] == ""  # the reporter gave none


def test_the_export_with_contacts_is_named_so(client, staff, reports):
    client.force_login(staff[OFFICERS])
    response = client.get(f"{url('index')}?export=csv&contact=1")
    assert 'filename="interface-reports-with-contact-emails.csv"' in response["Content-Disposition"]
    response = client.get(f"{url('index')}?export=csv")
    assert 'filename="interface-reports.csv"' in response["Content-Disposition"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_email_deleted_by_the_retention_task_is_blank(client, staff, reports, fmt):
    client.force_login(staff[OFFICERS])
    long_ago = timezone.now() - datetime.timedelta(days=800)
    InterfaceReport.objects.filter(pk=reports[0].pk).update(created_at=long_ago)
    assert delete_expired_contact_emails() == 1
    rows = export(client, fmt, "contact=1")
    assert by_practice(rows)["B81001"]["Contact email"] == ""
    assert not any(SECRET_EMAIL in cell for row in rows for cell in row)


@pytest.mark.parametrize("fmt", FORMATS)
def test_filters_still_apply_to_the_export_with_contacts(client, staff, reports, options, fmt):
    make_report(options, practice_ods_code="B81002", contact_email="other@example.nhs.uk")
    client.force_login(staff[OFFICERS])
    records = by_practice(export(client, fmt, "status=new&practice=B81002&contact=1"))
    assert set(records) == {"B81002"}
    assert records["B81002"]["Contact email"] == "other@example.nhs.uk"
    raised = by_practice(export(client, fmt, f"status={TriageStatus.RAISED_WITH_ICB}&contact=1"))
    assert set(raised) == {"Y12345"}


def test_the_csv_with_contacts_is_still_safe_to_open(client, staff, reports, options):
    # A valid address may start with "=": it must not run as a formula either.
    make_report(options, practice_ods_code="B81003", contact_email="=cmd@example.com")
    client.force_login(staff[OFFICERS])
    records = by_practice(export(client, "csv", "contact=1"))
    assert records["Y12345"]["What happened"].startswith("'=HYPERLINK")
    assert records["B81003"]["Contact email"] == "'=cmd@example.com"
    assert records["B81001"]["Contact email"] == SECRET_EMAIL  # an ordinary address is left as it is


def test_the_listing_offers_both_downloads_keeping_its_filters(client, staff, reports):
    client.force_login(staff[OFFICERS])
    page = client.get(f"{url('index')}?status=new&contact=1").content.decode()
    links = export_links(page)
    for fmt in ("CSV", "XLSX"):
        assert "contact=1" not in links[f"Download {fmt}"]  # the plain download never carries emails
        assert "status=new" in links[f"Download {fmt}"]
        with_contacts = links[f"Download {fmt} with contact emails"]
        assert "contact=1" in with_contacts and "status=new" in with_contacts
        assert f"export={fmt.lower()}" in with_contacts
    response = client.get(links["Download CSV with contact emails"])
    records = by_practice(read_export(response, "csv"))
    assert set(records) == {"B81001"} and records["B81001"]["Contact email"] == SECRET_EMAIL


def test_filtering_without_a_reload_updates_both_downloads(client, staff, reports):
    # The filters redraw the results (and the header's buttons) from the results view, without a reload.
    client.force_login(staff[OFFICERS])
    fragment = client.get(f"{reverse('interface_reports:index_results')}?status=new").content.decode()
    with_contacts = export_links(fragment)["Download CSV with contact emails"]
    assert "status=new" in with_contacts and "contact=1" in with_contacts
    assert "contact=1" not in export_links(fragment)["Download CSV"]
    assert set(by_practice(read_export(client.get(with_contacts), "csv"))) == {"B81001"}


def test_an_editor_cannot_export_contact_emails(client, staff, reports):
    client.force_login(staff[EDITORS])
    for fmt in FORMATS:
        response = client.get(f"{url('index')}?export={fmt}&contact=1")
        assert response.status_code in (302, 403)
        assert SECRET_EMAIL.encode() not in (response.content or b"")


def test_the_csv_says_when_each_report_arrived_to_the_minute_in_local_time(client, staff, reports, settings):
    settings.TIME_ZONE = "Europe/London"
    arrived = datetime.datetime(2026, 6, 10, 13, 5, 42, 123456, tzinfo=datetime.UTC)  # 14:05 in London
    InterfaceReport.objects.filter(pk=reports[0].pk).update(created_at=arrived)
    client.force_login(staff[OFFICERS])
    records = by_practice(export(client, "csv"))
    assert records[reports[0].practice_ods_code]["Received"] == "2026-06-10 14:05"
