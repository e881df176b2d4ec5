"""The Wagtail admin works in a real browser under its (looser, still same-origin) CSP."""

import re

from playwright.sync_api import expect

from tests.browser.conftest import ADMIN_PASSWORD, ADMIN_USERNAME


def test_editor_signs_in_and_the_page_editor_runs_without_csp_errors(page, site_url, csp_violations):
    page.goto(site_url + "/admin/")
    page.get_by_label("Username").fill(ADMIN_USERNAME)
    page.get_by_label("Password").fill(ADMIN_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))
    expect(page.locator("h1")).to_be_visible()

    # Open the editor for a guidance page: its scripts must run (the StreamField UI is built by JS).
    page.goto(site_url + "/admin/pages/search/?q=Tasks")
    page.get_by_role("link", name=re.compile("Tasks")).first.click()
    expect(page).to_have_url(re.compile(r"/admin/pages/\d+/edit/"))
    expect(
        page.locator("[data-streamfield-stream-container], [data-contentpath='body']").first
    ).to_be_attached()
    expect(page.get_by_role("button", name=re.compile("Save draft"))).to_be_visible()
    # The live preview panel loads the page inside the admin's frame.
    page.get_by_role("button", name=re.compile("Toggle preview|Preview")).first.click()
    frame = page.frame_locator("#w-preview-iframe")
    expect(frame.locator("h1")).to_contain_text("Tasks", timeout=15000)
    assert csp_violations == [], csp_violations
    # Leave the editor inside this test: on leaving it sends its editing-session pings and release,
    # which must reach the server (one request at a time) before this test's data is rolled back.
    page.goto(site_url + "/")
    page.wait_for_load_state("networkidle")


def test_signed_in_editor_sees_the_userbar_on_the_public_site_without_csp_errors(
    page, site_url, csp_violations
):
    page.goto(site_url + "/admin/login/")
    page.get_by_label("Username").fill(ADMIN_USERNAME)
    page.get_by_label("Password").fill(ADMIN_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))
    page.goto(site_url + "/interface-guidance/")
    expect(page.locator("wagtail-userbar")).to_be_attached()
    page.wait_for_timeout(1000)  # the userbar's own accessibility check runs after load
    assert csp_violations == [], csp_violations
