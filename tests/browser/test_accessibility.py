"""axe-core at WCAG 2.2 AA on every public page type, in a real Chromium with the real CSP on."""

import pytest
from playwright.sync_api import expect

GUIDANCE = "/interface-guidance/"
ITEM = GUIDANCE + "tasks-in-clinical-systems/"
REPORT = GUIDANCE + "interface-report-january-2024/"
LETTER_FORMS = ["/letters/workload-rejection/", "/letters/declined-referral/"]


@pytest.mark.parametrize(
    ("label", "path", "status"),
    [
        ("home", "/", 200),
        ("guidance index", GUIDANCE, 200),
        ("guidance item", ITEM, 200),
        ("report", REPORT, 200),
        ("search results", "/search/?q=tasks", 200),
        ("search with no results", "/search/?q=zzqqxxnothing", 200),
        ("search with a suggestion", "/search/?q=refferal", 200),
        ("letters index", "/letters/", 200),
        ("workload rejection form", LETTER_FORMS[0], 200),
        ("declined referral form", LETTER_FORMS[1], 200),
        ("page not found", "/no-such-page/", 404),
    ],
)
def test_page_has_no_accessibility_violations(page, site_url, axe_check, label, path, status):
    response = page.goto(site_url + path)
    assert response.status == status
    assert page.locator("h1").count() == 1
    axe_check(label)


@pytest.mark.parametrize("path", LETTER_FORMS)
def test_letter_form_with_errors_has_no_violations_and_focuses_the_summary(page, site_url, axe_check, path):
    page.goto(site_url + path)
    page.get_by_role("button", name="Preview").click()
    summary = page.locator(".error-summary")
    summary.wait_for()
    assert page.title().startswith("Error:")
    assert summary.evaluate("element => element === document.activeElement")
    # Each error links to its field.
    first_link = summary.locator("a").first
    target = first_link.get_attribute("href")
    assert page.locator(target).count() == 1
    axe_check(f"{path} with errors")


def test_the_accessibility_check_catches_a_real_violation(page, site_url, axe_check):
    """Guards the harness itself: a check that cannot fail would prove nothing."""
    page.goto(site_url + "/")
    page.evaluate(
        "document.querySelector('main').append(Object.assign(document.createElement('img'), {src: '/x.png'}))"
    )
    with pytest.raises(AssertionError, match="image-alt"):
        axe_check("home with an unlabelled image")


def test_rate_limit_page_is_accessible(page, site_url, axe_check, settings):
    settings.RATE_LIMIT_ENABLED = True
    settings.RATE_LIMITS = [{"path": "/search/", "methods": ["GET"], "requests": 0, "seconds": 60}]
    response = page.goto(site_url + "/search/?q=tasks")
    assert response.status == 429
    assert page.locator("h1").inner_text() == "Too many requests"
    axe_check("429 page")


def test_sign_in_lockout_page_is_accessible(page, site_url, axe_check, settings):
    from axes.models import AccessAttempt

    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 1
    try:
        page.goto(site_url + "/admin/login/")
        page.get_by_label("Username").fill("someone")
        page.get_by_label("Password").fill("wrong password")
        page.get_by_role("button", name="Sign in").click()
        expect(page.locator("h1")).to_have_text("Sign-in paused")
        axe_check("lockout page")
    finally:
        AccessAttempt.objects.all().delete()
