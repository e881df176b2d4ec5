"""axe-core at WCAG 2.2 AA on every public page type, in a real Chromium with the real CSP on."""

import pytest


@pytest.mark.parametrize(
    ("label", "path", "status"),
    [
        ("home", "/", 200),
        ("letters index", "/letters/", 200),
        ("page not found", "/no-such-page/", 404),
    ],
)
def test_page_has_no_accessibility_violations(page, site_url, axe_check, label, path, status):
    response = page.goto(site_url + path)
    assert response.status == status
    axe_check(label)


def test_the_accessibility_check_catches_a_real_violation(page, site_url, axe_check):
    """Guards the harness itself: a check that cannot fail would prove nothing."""
    page.goto(site_url + "/")
    page.evaluate(
        "document.querySelector('main').append(Object.assign(document.createElement('img'), {src: '/x.png'}))"
    )
    with pytest.raises(AssertionError, match="image-alt"):
        axe_check("home with an unlabelled image")
