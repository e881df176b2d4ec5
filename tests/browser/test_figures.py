"""Counted letters and figures in a real browser: counting without JavaScript, a report page's figures
(axe clean at WCAG 2.2 AA, no CSP error from the chart) and the officers' Figures page."""

import datetime
import re

import pytest
from django.db import connection
from playwright.sync_api import expect

from reporting.models import CountedLetter
from tests.browser.conftest import ADMIN_PASSWORD, ADMIN_USERNAME

from .test_journeys import PATIENT, no_js_page  # noqa: F401 (fixture)


def test_a_letter_is_counted_only_when_asked_and_without_javascript(no_js_page, site_url):  # noqa: F811
    page = no_js_page
    before = CountedLetter.objects.count()
    page.goto(site_url + "/letters/workload-rejection/")
    page.fill("[name='practice_name']", "Beverley Road Surgery")
    page.fill("[name='practice_address']", "2 Beverley Road, Hull")
    hull = page.locator("[name='recipient_provider'] option", has_text="Hull University").first.inner_text()
    page.select_option("[name='recipient_provider']", label=hull)
    page.fill("[name='patient_name']", PATIENT)
    page.fill("[name='patient_dob']", "1961-02-28")
    page.fill("[name='nhs_number']", "999 000 0018")
    page.check("[name='source_type'][value='an NHS trust']")
    page.select_option(
        "[name='request-0-category']",
        label=page.locator("[name='request-0-category'] option", has_text="Fit note").first.inner_text(),
    )
    page.locator("[name='reasons']").first.check()
    page.fill("[name='signatory_name']", "Dr Ffion Jones")
    page.fill("[name='signatory_role']", "GP partner")
    page.get_by_role("button", name="Preview").click()
    offer = page.locator("#count-letter")
    expect(offer).to_contain_text("the provider: Hull University Teaching Hospitals NHS Trust")
    expect(offer).to_contain_text("the kinds of request: Fit note")
    expect(offer).not_to_contain_text(PATIENT)
    assert CountedLetter.objects.count() == before  # nothing until asked
    # Ticked beside the preview, the box counts the letter as it downloads, keeping the page.
    offer.get_by_label("Count this letter for the LMC when I download it").check()
    with page.expect_download() as download:
        page.locator("#preview").get_by_role("button", name="Download Word (.docx)").click()
    assert download.value.suggested_filename.endswith(".docx")
    assert CountedLetter.objects.count() == before + 1
    # The button for a letter already downloaded counts nothing more for the same letter.
    page.get_by_role("button", name="Count this letter for the LMC").click()
    expect(page.locator("h1")).to_have_text("Thank you: your letter has been counted")
    assert CountedLetter.objects.count() == before + 1


@pytest.mark.skipif(
    connection.vendor != "sqlite",
    reason="creates its report page inside the test's transaction, which the browser's server sees only "
    "through SQLite's shared in-memory connection; runs in CI's SQLite pass",
)
def test_a_report_pages_figures_are_accessible_and_need_no_script(page, site_url, axe_check):
    from guidance.models import GuidanceIndexPage, ReportPage

    index = GuidanceIndexPage.objects.live().first()
    today = datetime.date.today()
    figures = {
        "source": "letters",
        "start": today.replace(day=1) - datetime.timedelta(days=150),
        "end": today,
        "provider": None,
        "chart": True,
    }
    page_model = ReportPage(
        title="Letters counted by practices",
        slug="letters-counted-by-practices",
        summary="How often practices sent the LMC's letters.",
        publication_date=today,
        last_reviewed=today,
        next_review_due=today.replace(year=today.year + 1),
        body=[
            {"type": "figures", "value": {**figures, "breakdown": "month"}},
            {"type": "figures", "value": {**figures, "breakdown": "provider"}},
        ],
    )
    index.add_child(instance=page_model)
    page_model.save_revision().publish()
    page.goto(site_url + page_model.url)
    expect(page.locator("caption").first).to_contain_text("Letters by month")
    expect(page.locator(".figures-chart")).to_have_count(2)
    expect(page.locator(".figures-chart svg rect").first).to_be_attached()
    axe_check("report page with figures")
    assert page.locator("table.figures-table td", has_text=re.compile(r"^[1-4]$")).count() == 0


def test_the_figures_page_in_the_admin_is_accessible(page, site_url, axe_check):
    page.goto(site_url + "/admin/reporting/figures/")
    page.get_by_label("Username").fill(ADMIN_USERNAME)
    page.get_by_label("Password").fill(ADMIN_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator("h1")).to_have_text("Figures")
    expect(page.locator("caption", has_text="Letters by provider")).to_be_visible()
    axe_check("admin figures")
