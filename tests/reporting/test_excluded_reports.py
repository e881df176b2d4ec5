"""Reports an officer marks "Not counted" (a duplicate, spam, or not an interface problem) stay in the
listing but leave every count: the admin Figures, the Figures block, the letter to the ICB and the
officers' dashboard panel."""

import datetime
import re

import pytest
from django.urls import reverse

from guidance.editorial import OFFICERS
from reporting import figures
from reporting.choices import TriageStatus
from tests.guidance.conftest import make_guidance_index
from tests.guidance.factories import ReportPageFactory
from tests.letters.conftest import body, docx_text

from .conftest import make_report
from .test_dashboard import dashboard, panel, text

pytestmark = pytest.mark.django_db
MAY = datetime.date(2026, 5, 1)
EXCLUDED = TriageStatus.EXCLUDED


@pytest.fixture
def five_counted_three_excluded(options):
    """Five reports that count and three marked not counted, all Hull, May 2026, work pushed over."""
    # One report in each of the five statuses that count.
    counted = [make_report(options, status=status) for status in TriageStatus if status != EXCLUDED]
    assert len(counted) == 5
    excluded = [make_report(options, practice_ods_code="Z00001", status=EXCLUDED) for _ in range(3)]
    return counted, excluded


def test_the_status_says_why_a_report_is_not_counted():
    assert EXCLUDED == "excluded"
    assert EXCLUDED.label == "Not counted (duplicate, spam or not an interface problem)"


def test_breakdowns_leave_out_excluded_reports(five_counted_three_excluded):
    for breakdown in figures.report_breakdowns(start=MAY, end=MAY):
        assert breakdown.total == 5, breakdown.key


def test_the_admin_figures_leave_them_out_and_say_so(client, staff, five_counted_three_excluded):
    client.force_login(staff[OFFICERS])
    html = client.get(reverse("reporting_figures") + "?start=2026-05&end=2026-05").content.decode()
    assert re.search(r'<th scope="row">May 2026</th><td>5</td>', html)
    assert "<td>8</td>" not in html
    assert "Reports marked “Not counted (duplicate, spam or not an interface problem)” are left out" in html


def test_the_figures_block_leaves_them_out(client, options, five_counted_three_excluded):
    value = {"source": "reports", "breakdown": "month", "start": "2026-05-01", "end": "2026-05-31"}
    block = {"type": "figures", "value": {**value, "provider": None, "chart": False}}
    page = ReportPageFactory(parent=make_guidance_index(), body=[block])
    html = client.get(page.url).content.decode()
    assert re.search(r'<th scope="row">May 2026</th><td>5</td>', html)  # 8 would be shown as 10


def test_the_icb_letter_leaves_them_out(client, staff, options, five_counted_three_excluded, home_page):
    client.force_login(staff[OFFICERS])
    url = reverse("reporting_figures_letter") + f"?start=2026-05&end=2026-05&provider={options['hull'].pk}"
    letter = " ".join(docx_text(body(client.get(url + "&format=docx"))).split())
    assert "Work pushed to the practice that belongs with the provider: 5" in letter
    assert ": 10" not in letter


def test_the_dashboard_panel_counts_none_of_them(client, staff, options):
    make_report(options, status=EXCLUDED)
    make_report(options, status=EXCLUDED)
    make_report(options, status=TriageStatus.REVIEWED)
    client.force_login(staff[OFFICERS])
    words = text(panel(dashboard(client)))
    assert "No new reports: none is waiting for triage." in words
    assert "1 report received in the last 30 days." in words


def test_the_listing_still_lists_them_under_their_status(client, staff, five_counted_three_excluded):
    client.force_login(staff[OFFICERS])
    html = client.get(reverse("interface_reports:index") + "?status=excluded").content.decode()
    rows = html.split("<tbody", 1)[1]
    assert rows.count("Z00001") == 3 and "B81001" not in rows
    assert "Not counted (duplicate, spam or not an interface problem)" in rows
