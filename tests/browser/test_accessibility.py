"""axe-core at WCAG 2.2 AA on every public page type, in a real Chromium with the real CSP on."""

import io
import unicodedata

import pypdf
import pytest
from playwright.sync_api import expect

GUIDANCE = "/interface-guidance/"
ITEM = GUIDANCE + "tasks-in-clinical-systems/"
REPORT = GUIDANCE + "interface-report-january-2024/"
LETTER_FORMS = ["/letters/workload-rejection/", "/letters/declined-referral/"]

PUBLIC_PAGES = [
    ("home", "/", 200),
    ("guidance index", GUIDANCE, 200),
    ("guidance item", ITEM, 200),
    ("guidance item with a table", GUIDANCE + "workload-rejection-template-letter/", 200),
    (
        "guidance item with a contacts table",
        GUIDANCE + "medical-examiner-community-communications-south-bank/",
        200,
    ),
    (
        "guidance item with a responsibilities table",
        GUIDANCE + "primary-secondary-care-consensus-northern-lincolnshire/",
        200,
    ),
    ("report", REPORT, 200),
    ("search results", "/search/?q=tasks", 200),
    ("search with no results", "/search/?q=zzqqxxnothing", 200),
    ("search with a suggestion", "/search/?q=refferal", 200),
    ("report an interface problem", "/report-a-problem/", 200),
    ("letters index", "/letters/", 200),
    ("workload rejection form", LETTER_FORMS[0], 200),
    ("declined referral form", LETTER_FORMS[1], 200),
    ("about page", "/about/", 200),
    ("contact page", "/contact/", 200),
    ("privacy notice", "/privacy/", 200),
    ("accessibility statement", "/accessibility/", 200),
    ("page not found", "/no-such-page/", 404),
]
# Desktop, the narrowest phone (what 400% zoom of a 1280 px window shows) and high-contrast modes.
MODES = {
    "1280px": {"width": 1280, "forced_colors": "none"},
    "320px": {"width": 320, "forced_colors": "none"},
    "forced colours": {"width": 1280, "forced_colors": "active"},
}


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(("label", "path", "status"), PUBLIC_PAGES, ids=[page[0] for page in PUBLIC_PAGES])
def test_page_has_no_accessibility_violations(page, site_url, axe_check, label, path, status, mode):
    settings = MODES[mode]
    page.set_viewport_size({"width": settings["width"], "height": 900})
    page.emulate_media(forced_colors=settings["forced_colors"])
    response = page.goto(site_url + path)
    assert response.status == status
    assert page.locator("h1").count() == 1
    axe_check(f"{label} at {mode}")
    if settings["width"] == 320:
        # Reflow (WCAG 1.4.10): nothing but a wide table's own scrolling box may scroll sideways.
        assert page.evaluate("document.documentElement.scrollWidth") <= 320, f"{label} scrolls sideways"


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


FOCUS_CONTRAST_JS = """
element => {
  const parse = value => (value.match(/[\\d.]+/g) || []).slice(0, 4).map(Number);
  const luminance = ([r, g, b]) => {
    const linear = [r, g, b].map(c => {
      c /= 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2];
  };
  const style = getComputedStyle(element);
  const fg = luminance(parse(style.color));
  const bg = luminance(parse(style.backgroundColor));
  const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
  return {text: element.textContent.trim(), color: style.color, background: style.backgroundColor, ratio};
}
"""


@pytest.mark.parametrize("path", ["/", ITEM])
def test_every_focused_link_and_button_in_the_page_chrome_is_readable_on_the_focus_colour(
    page, site_url, path
):
    """Tab through the header, navigation and the first links of the page: the focused element's text
    must keep 4.5:1 on its (yellow) focus background; the navigation was white on yellow (1.6:1)."""
    page.goto(site_url + path)
    checked = []
    for _ in range(12):
        page.keyboard.press("Tab")
        focused = page.evaluate_handle("document.activeElement")
        if focused.evaluate("el => el.tagName") not in {"A", "BUTTON"}:
            continue
        result = focused.evaluate(FOCUS_CONTRAST_JS)
        if result["background"] in {"rgba(0, 0, 0, 0)", "transparent"}:
            continue
        checked.append(result)
        assert result["ratio"] >= 4.5, (
            f"focused {result['text']!r}: {result['color']} on {result['background']}"
        )
    assert any(item["text"] == "Interface guidance" for item in checked), checked


def test_a_printed_guidance_page_shows_the_answers_of_closed_accordions(page, site_url):
    page.goto(site_url + ITEM)
    details = page.locator("main details").first
    assert details.get_attribute("open") is None
    answer = details.locator("> :not(summary)").first
    assert not answer.is_visible()  # on screen, a closed accordion hides its answer
    page.emulate_media(media="print")
    assert answer.is_visible()
    # And on paper: the answer's words are in the PDF Chromium prints.
    words = " ".join(answer.inner_text().split()[:6])
    pages = pypdf.PdfReader(io.BytesIO(page.pdf(format="A4"))).pages
    text = unicodedata.normalize("NFKC", " ".join(" ".join(p.extract_text().split()) for p in pages))
    assert words in text  # NFKC: the PDF's typesetting joins "fi" into one ligature character
