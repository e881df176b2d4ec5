"""What a new user does: find guidance and its document, search, and make a letter with the keyboard."""

import hashlib
import re

import docx
import pytest
from playwright.sync_api import expect

PATIENT = "Siân O'Brien-Zyxwv"
NHS_NUMBER = "9434765919"


def read_docx(path) -> str:
    document = docx.Document(str(path))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def tab_to(page, locator, max_presses=300):
    """Press Tab until ``locator`` has focus: proves it can be reached with the keyboard alone."""
    for _ in range(max_presses):
        if locator.evaluate("element => element === document.activeElement"):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Could not reach {locator} with the Tab key")


def date_keystrokes(page, day: str, month: str, year: str) -> str:
    """The digits to type into a date input, in the order this Chromium's date field expects."""
    page.evaluate(
        """() => { const probe = Object.assign(document.createElement('input'), {type: 'date', id: 'probe'});
                   document.body.append(probe); probe.focus(); return null; }"""
    )
    page.keyboard.type("03042001")
    value = page.eval_on_selector(
        "#probe", "element => { const v = element.value; element.remove(); return v; }"
    )
    order = "dmy" if value == "2001-04-03" else "mdy"
    return day + month + year if order == "dmy" else month + day + year


def test_new_user_finds_guidance_and_downloads_its_document(page, site_url, csp_violations):
    from wagtail.documents import get_document_model

    page.goto(site_url + "/")
    page.get_by_role("navigation").get_by_role("link", name="Interface guidance").first.click()
    expect(page.locator("h1")).to_have_text(re.compile("Interface guidance"))
    page.locator("main").get_by_role(
        "link", name=re.compile("Consensus on the primary and secondary care")
    ).first.click()
    expect(page.locator("h1")).to_contain_text("Consensus")
    link = page.locator("main .download a", has_text="Consensus statement")
    expect(link).to_be_visible()
    # PDFs open in the browser's viewer rather than as a download event, so fetch what the link serves.
    response = page.request.get(site_url + link.get_attribute("href"))
    assert response.ok
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["x-content-type-options"] == "nosniff"
    data = response.body()
    assert data.startswith(b"%PDF-")
    # What arrived is byte for byte a document the LMC uploaded (Wagtail keeps each file's SHA-1).
    sha1 = hashlib.sha1(data).hexdigest()  # noqa: S324 - matching Wagtail's file_hash, not security
    assert get_document_model().objects.filter(file_hash=sha1).exists()
    assert csp_violations == []


def test_new_user_searches_the_guidance(page, site_url):
    page.goto(site_url + "/")
    search = page.get_by_role("searchbox", name="Search guidance")
    search.fill("tasks")
    search.press("Enter")
    expect(page).to_have_url(re.compile(r"/search/\?q=tasks"))
    results = page.locator("main").get_by_role("link", name=re.compile("Tasks", re.IGNORECASE))
    expect(results.first).to_be_visible()
    results.first.click()
    expect(page.locator("h1")).to_contain_text("Tasks")


def test_a_misspelt_search_offers_the_right_word_and_the_keyboard_follows_it(page, site_url):
    page.goto(site_url + "/search/?q=dischrage")
    suggestion = page.get_by_role("link", name="discharge")
    expect(page.get_by_role("status")).to_contain_text("Did you mean discharge?")
    expect(suggestion.locator("strong")).to_have_text("discharge")  # bold as well as a link colour
    suggestion.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/search/\?q=discharge$"))
    expect(page.locator(".search-results__item").first).to_be_visible()


def test_a_practices_abbreviation_finds_the_guidance(page, site_url):
    page.goto(site_url + "/search/?q=A%26G")
    results = page.locator("main").get_by_role("link", name=re.compile("Advice and Guidance"))
    expect(results.first).to_be_visible()


def test_workload_letter_with_the_keyboard_only_preview_and_docx(page, site_url, axe_check):
    page.goto(site_url + "/letters/workload-rejection/")
    keyboard = page.keyboard
    dob = date_keystrokes(page, "28", "02", "1961")
    page.evaluate("document.activeElement && document.activeElement.blur()")

    def type_into(name, text):
        field = page.locator(f"[name='{name}']")
        tab_to(page, field)
        keyboard.type(text)

    type_into("practice_name", "Ysbyty & Partners <Surgery>")
    type_into("practice_address", "1 Heol y Castell")
    keyboard.press("Enter")
    keyboard.type("Hull HU1 1AA")
    tab_to(page, page.locator("[name='recipient_provider']"))
    keyboard.type("Hull University")
    type_into("patient_name", PATIENT)
    type_into("patient_dob", dob)
    type_into("nhs_number", NHS_NUMBER)
    tab_to(page, page.locator("[name='source_type']").first)
    keyboard.press("Space")  # the first choice: an NHS hospital trust
    tab_to(page, page.locator("[name='request-0-category']"))
    keyboard.type("Fit note")
    tab_to(page, page.locator("[name='reasons']").first)
    keyboard.press("Space")
    type_into("signatory_name", "Dr Ffion Jones")
    type_into("signatory_role", "GP partner")
    assert page.locator("[name='request-0-category'] option:checked").inner_text().startswith("Fit note")

    tab_to(page, page.get_by_role("button", name="Preview"))
    keyboard.press("Enter")
    preview = page.locator("#preview")
    expect(preview).to_be_visible()
    expect(preview).to_contain_text(PATIENT)
    expect(preview).to_contain_text("943 476 5919")
    expect(page.locator(".error-summary")).to_have_count(0)
    axe_check("letter preview")

    tab_to(page, page.get_by_role("button", name="Download Word (.docx)").first)
    with page.expect_download() as download_info:
        keyboard.press("Enter")
    download = download_info.value
    assert download.suggested_filename.endswith(".docx")
    assert "Zyxwv" not in download.suggested_filename and NHS_NUMBER not in download.suggested_filename
    text = read_docx(download.path())
    for expected in (
        PATIENT,
        "943 476 5919",
        "Ysbyty & Partners <Surgery>",
        "Dr Ffion Jones",
        "28 February 1961",
    ):
        assert expected in text, expected


@pytest.fixture
def no_js_page(browser):
    context = browser.new_context(java_script_enabled=False, accept_downloads=True, locale="en-GB")
    yield context.new_page()
    context.close()


def test_letter_form_works_without_javascript(no_js_page, site_url):
    page = no_js_page
    page.goto(site_url + "/letters/workload-rejection/")
    page.get_by_role("button", name="Preview").click()
    expect(page.locator(".error-summary")).to_be_visible()  # server-side validation, no script needed
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
    expect(page.locator("#preview")).to_contain_text(PATIENT)
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download Word (.docx)").first.click()
    text = read_docx(download_info.value.path())
    assert PATIENT in text and "999 000 0018" in text
    assert "You asked the practice to issue a fit note for a patient under your care." in text
