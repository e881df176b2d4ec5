"""Reporting an interface problem in a real browser: by keyboard alone with axe clean (WCAG 2.2 AA)
at each step, and without JavaScript."""

import datetime
import re

from playwright.sync_api import expect

from reporting.models import InterfaceReport

from .test_journeys import tab_to

URL = "/report-a-problem/"


def choose_radio(page, name: str, value: str) -> None:
    """Tab into a radio group, then arrow to the option and select it with Space."""
    first = page.locator(f"[name='{name}']").first
    tab_to(page, first)
    target = page.locator(f"[name='{name}'][value='{value}']")
    for _ in range(10):
        if target.evaluate("element => element === document.activeElement"):
            break
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Space")
    expect(target).to_be_checked()


def choose_option(page, selector: str, label: str) -> None:
    """Focus a select with Tab and move through its options with the arrow keys until ``label``."""
    select = page.locator(selector)
    tab_to(page, select)
    for _ in range(40):
        if select.evaluate("element => element.options[element.selectedIndex].text") == label:
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"{label} not reached in {selector}")


def type_into(page, selector: str, text: str) -> None:
    tab_to(page, page.locator(selector))
    page.keyboard.type(text)


def test_a_practice_reports_a_problem_by_keyboard_alone(page, site_url, axe_check):
    before = InterfaceReport.objects.count()
    page.goto(site_url + "/")
    link = page.locator("main").get_by_role("link", name="Report an interface problem")
    tab_to(page, link)
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Report an interface problem")
    axe_check("report form")

    # Sending it empty: the error summary takes focus and is accessible too.
    tab_to(page, page.get_by_role("button", name="Send the report"))
    page.keyboard.press("Enter")
    expect(page.locator(".error-summary")).to_be_focused()
    axe_check("report form with errors")

    # An identifier typed by mistake is refused with what to remove.
    type_into(page, "#id_what_happened", "Discharge summary for 943 476 5919 arrived late.")
    tab_to(page, page.get_by_role("button", name="Send the report"))
    page.keyboard.press("Enter")
    expect(page.locator(".error-summary")).to_contain_text("Remove the NHS number.")
    expect(page.locator(".error-summary")).not_to_contain_text("943")
    axe_check("report form refusing an NHS number")

    page.fill("#id_what_happened", "")
    type_into(page, "#id_what_happened", "Discharge summary arrived nine days after discharge.")
    page.fill("#id_practice_ods_code", "")
    type_into(page, "#id_practice_ods_code", "z99009")
    page.fill("#id_practice_name", "")
    type_into(page, "#id_practice_name", "Keyboard Lane Surgery (test)")
    choose_radio(page, "reporter_role", "practice_manager")
    choose_option(page, "#id_provider", "Hull University Teaching Hospitals NHS Trust")
    choose_radio(page, "kind", "discharge_summary")
    choose_option(page, "#id_month", "January")
    page.fill("#id_year", "")
    type_into(page, "#id_year", str(datetime.date.today().year))
    choose_radio(page, "practice_time", "up_to_1h")
    choose_radio(page, "patient_risk", "possible")
    tab_to(page, page.get_by_role("button", name="Send the report"))
    page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(r"/report-a-problem/thank-you/$"))
    expect(page.locator("h1")).to_contain_text("Thank you")
    axe_check("thank-you page")
    assert InterfaceReport.objects.count() == before + 1
    report = InterfaceReport.objects.order_by("-pk").first()
    assert report.practice_ods_code == "Z99009" and report.kind == "discharge_summary"


def test_the_report_form_works_without_javascript(browser, site_url):
    context = browser.new_context(java_script_enabled=False, locale="en-GB")
    page = context.new_page()
    try:
        before = InterfaceReport.objects.count()
        page.goto(site_url + URL)
        page.get_by_role("button", name="Send the report").click()
        expect(page.locator(".error-summary")).to_be_visible()  # server-side validation, no script needed
        page.fill("[name='practice_ods_code']", "Z99010")
        page.fill("[name='practice_name']", "No Script Surgery (test)")
        page.check("[name='reporter_role'][value='gp']")
        page.fill("[name='provider_other']", "A private clinic (test)")
        page.check("[name='kind'][value='workload']")
        fit_note = page.locator("[name='workload_category'] option", has_text="Fit note").first.inner_text()
        page.select_option("[name='workload_category']", label=fit_note)
        page.fill("[name='what_happened']", "Asked to issue a fit note for the whole recovery period.")
        page.select_option("[name='month']", label="January")
        page.fill("[name='year']", str(datetime.date.today().year))
        page.check("[name='practice_time'][value='little']")
        page.check("[name='patient_risk'][value='none']")
        page.get_by_role("button", name="Send the report").click()
        expect(page.locator("h1")).to_contain_text("Thank you")
        assert InterfaceReport.objects.count() == before + 1
        assert InterfaceReport.objects.order_by("-pk").first().provider_name == "A private clinic (test)"
    finally:
        context.close()
