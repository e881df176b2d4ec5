"""axe-core at WCAG 2.2 AA on every public page type, in a real Chromium with the real CSP on."""

import pytest

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
