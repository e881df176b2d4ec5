"""LMC officers (not superusers) list, filter, triage and export reports; LMC editors reach none of it.
The default export leaves out the reporter's contact email (asking for it: test_export.py)."""

import re

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from guidance.editorial import EDITORS, OFFICERS
from reporting.choices import PatientRisk, ProblemKind, TriageStatus
from reporting.models import InterfaceReport
from tests.reporting.conftest import SECRET_EMAIL, make_report, read_export

pytestmark = pytest.mark.django_db


def url(view: str, *args) -> str:
    return reverse(f"interface_reports:{view}", args=args)


def test_officers_and_only_officers_hold_report_permissions(staff):
    def codenames(group):
        return set(
            Group.objects.get(name=group)
            .permissions.filter(content_type__app_label="reporting")
            .values_list("codename", flat=True)
        )

    assert codenames(OFFICERS) == {
        "view_interfacereport",
        "change_interfacereport",
        "view_reportingsettings",
        "change_reportingsettings",
        "view_countedletter",
        "delete_countedletter",
    }
    assert codenames(EDITORS) == set()
    assert not any(user.is_superuser for user in staff.values())


def test_an_officer_sees_the_listing_with_the_menu_item(client, staff, reports):
    client.force_login(staff[OFFICERS])
    response = client.get(url("index"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Beverley Road" not in html  # the listing shows codes, not typed text
    assert "B81001" in html and "Y12345" in html
    assert "Discharge summary late or missing" in html
    assert url("edit", reports[0].pk) in html
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert url("index") in dashboard


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ("status=raised_icb", "Y12345", "B81001"),
        ("kind=workload", "B81001", "Y12345"),
        ("month=2026-03-01", "Y12345", "B81001"),
        ("practice=b81001", "B81001", "Y12345"),
        ("practice=Goole Health", "Y12345", "B81001"),
    ],
)
def test_an_officer_filters_the_listing(client, staff, reports, query, shown, hidden):
    client.force_login(staff[OFFICERS])
    html = client.get(f"{url('index')}?{query}").content.decode()
    rows = html.split("<tbody", 1)[1]
    assert shown in rows and hidden not in rows


def test_an_officer_filters_by_provider(client, staff, reports, options):
    client.force_login(staff[OFFICERS])
    rows = client.get(f"{url('index')}?provider={options['nlag'].pk}").content.decode().split("<tbody", 1)[1]
    assert "Y12345" in rows and "B81001" not in rows


def test_an_officer_triages_a_report_and_cannot_change_who_sent_it(client, staff, reports):
    client.force_login(staff[OFFICERS])
    report = reports[0]
    page = client.get(url("edit", report.pk))
    assert page.status_code == 200
    assert "Beverley Road Surgery" in page.content.decode()  # shown, read-only
    response = client.post(
        url("edit", report.pk),
        {
            "status": TriageStatus.RAISED_WITH_PROVIDER,
            "kind": ProblemKind.WORKLOAD,
            "workload_category": report.workload_category_id,
            "lmc_notes": "Raised at the interface group.",
            # An officer may remove a detail the check cannot recognise (a name), nothing else.
            "what_happened": "Asked to arrange bloods the clinic wanted for [name removed].",
            "practice_ods_code": "Z00000",
            "practice_name": "Changed",
            "contact_email": "changed@example.com",
        },
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == TriageStatus.RAISED_WITH_PROVIDER
    assert report.lmc_notes == "Raised at the interface group."
    assert report.what_happened.endswith("[name removed].")
    assert (report.practice_ods_code, report.practice_name) == ("B81001", "Beverley Road Surgery")
    assert report.contact_email == SECRET_EMAIL


def test_notes_holding_an_identifier_are_refused_in_the_admin(client, staff, reports):
    client.force_login(staff[OFFICERS])
    report = reports[0]
    response = client.post(
        url("edit", report.pk),
        {"status": "reviewed", "kind": "workload", "workload_category": report.workload_category_id,
         "what_happened": report.what_happened, "lmc_notes": "Patient 943 476 5919"},
    )  # fmt: skip
    assert response.status_code == 200
    assert "Remove the NHS number." in response.content.decode()
    report.refresh_from_db()
    assert report.lmc_notes == "" and report.status == "new"


def test_nobody_adds_copies_or_deletes_reports_in_the_admin(client, staff, reports):
    client.force_login(staff[OFFICERS])
    assert client.get(url("add")).status_code in (302, 403)
    assert client.get(url("delete", reports[0].pk)).status_code in (302, 403)
    assert InterfaceReport.objects.count() == 2


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_export_has_every_report_but_no_contact_email(client, staff, reports, fmt):
    client.force_login(staff[OFFICERS])
    response = client.get(f"{url('index')}?export={fmt}")
    assert response.status_code == 200
    rows = read_export(response, fmt)
    heading, body = rows[0], rows[1:]
    assert "What happened" in heading and "Provider" in heading and "Kind of work" in heading
    assert not any("mail" in column.lower() for column in heading)
    text = "\n".join(",".join(row) for row in rows)
    assert SECRET_EMAIL not in text
    assert len(body) == 2
    assert any("Hull University Teaching Hospitals NHS Trust" in row for row in body)
    assert any("May 2026" in row for row in body)
    if fmt == "csv":  # a spreadsheet opening the CSV must not run what a reporter typed as a formula
        assert any(cell.startswith("'=HYPERLINK") for row in body for cell in row)


def test_an_editor_reaches_no_listing_edit_or_export(client, staff, reports):
    client.force_login(staff[EDITORS])
    for address in (url("index"), url("edit", reports[0].pk), f"{url('index')}?export=csv"):
        response = client.get(address)
        assert response.status_code in (302, 403), address
        assert b"B81001" not in (response.content or b"")
    assert url("index") not in client.get(reverse("wagtailadmin_home")).content.decode()
    response = client.post(
        url("edit", reports[0].pk), {"status": "resolved", "kind": "workload", "what_happened": "x"}
    )
    assert response.status_code in (302, 403)
    reports[0].refresh_from_db()
    assert reports[0].status == "new"


def test_an_officer_chooses_who_is_emailed(client, staff, home_page):
    client.force_login(staff[OFFICERS])
    response = client.get(
        reverse("wagtailsettings:edit", args=["reporting", "reportingsettings"]), follow=True
    )
    assert response.status_code == 200 and "Email new reports to" in response.content.decode()
    client.force_login(staff[EDITORS])
    response = client.get(reverse("wagtailsettings:edit", args=["reporting", "reportingsettings"]))
    assert response.status_code in (302, 403)


@pytest.fixture
def risky_reports(options):
    """One report in each band of risk to patients, told apart by their ODS codes."""
    codes = {PatientRisk.NONE: "A11111", PatientRisk.POSSIBLE: "B22222", PatientRisk.HARMED: "C33333"}
    return {
        risk: make_report(options, practice_ods_code=code, patient_risk=risk) for risk, code in codes.items()
    }


def listing_rows(client, query: str = "") -> list[str]:
    html = client.get(f"{url('index')}?{query}").content.decode()
    return re.findall(r"<tr\b.*?</tr>", html.split("<tbody", 1)[1], re.S)


def test_the_listing_says_in_words_whether_a_patient_was_at_risk(client, staff, risky_reports):
    client.force_login(staff[OFFICERS])
    html = client.get(url("index")).content.decode()
    headings = re.search(r"<thead>(?:(?!</thead>).)*Problem.*?</thead>", html, re.S)[0]
    assert "Risk to patients" in headings  # the column's heading, after Status
    assert headings.index("Status") < headings.index("Risk to patients")
    rows = {
        code: row for row in listing_rows(client) for code in ("A11111", "B22222", "C33333") if code in row
    }
    assert "A patient was harmed" in rows["C33333"]
    assert "It could have harmed a patient (a risk or a near miss)" in rows["B22222"]
    assert "No risk to patients that we know of" in rows["A11111"]


@pytest.mark.parametrize(
    ("risk", "shown"), [("harmed", "C33333"), ("possible", "B22222"), ("none", "A11111")]
)
def test_an_officer_filters_by_risk_to_patients(client, staff, risky_reports, risk, shown):
    client.force_login(staff[OFFICERS])
    rows = "".join(listing_rows(client, f"patient_risk={risk}"))
    assert shown in rows
    others = {"A11111", "B22222", "C33333"} - {shown}
    assert not any(code in rows for code in others)


def test_the_risk_to_patients_is_shown_at_the_top_with_the_triage(client, staff, risky_reports):
    client.force_login(staff[OFFICERS])
    html = client.get(url("edit", risky_reports[PatientRisk.HARMED].pk)).content.decode()
    triage = html.index("Triage")
    assert triage < html.index("A patient was harmed") < html.index("What the practice reported")
    assert 'name="patient_risk"' not in html  # shown, not editable: it is what the practice said
