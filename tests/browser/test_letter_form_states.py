"""axe (WCAG 2.2 AA) on both letter forms in every state a user meets: everything unfolded, errors
(reached from an address with a #fragment), a preview with the practice's logo, and the PDF that
could not be made; focus lands where a keyboard or screen-reader user needs it."""

import io

import pytest
from playwright.sync_api import expect

from letters.models import Ask, Provider, Reason, RequestCategory, Specialty
from letters.placeholders import LetterKind

WORKLOAD = "/letters/workload-rejection/"
DECLINED = "/letters/declined-referral/"
PATIENT = "Siân Llŷr O'Brien-Zyxwv"


def logo_png() -> bytes:
    from PIL import Image

    picture = io.BytesIO()
    Image.new("RGB", (600, 200), (0, 94, 84)).save(picture, format="PNG")
    return picture.getvalue()


def answers(path: str) -> dict[str, str]:
    """Valid answers for the letter at ``path``, by field name."""
    common = {
        "practice_name": "Beverley Road Surgery",
        "practice_address": "2 Beverley Road\nHull HU5 1AA",
        "recipient_provider": str(Provider.objects.get(label__startswith="Hull University").pk),
        "patient_name": PATIENT,
        "patient_dob": "1961-02-28",
        "nhs_number": "943 476 5919",
        "signatory_name": "Dr Ffion Jones",
        "signatory_role": "GP partner",
    }
    if path == WORKLOAD:
        category = RequestCategory.objects.get(label__startswith="Fit note", source_group="nhs")
        reason = Reason.objects.filter(letter_kind=LetterKind.WORKLOAD_REJECTION).first()
        return {
            **common,
            "source_type": "an NHS trust",
            "request-0-category": str(category.pk),
            "reasons": str(reason.pk),
        }
    reason = Reason.objects.filter(letter_kind=LetterKind.DECLINED_REFERRAL).first()
    return {
        **common,
        "referral_date": "2026-11-02",
        "specialty": str(Specialty.objects.get(label="Dermatology").pk),
        "priority": "urgent",
        "practice_phone": "01482 000002",  # an urgent letter gives a number to call
        "rejection_date": "2026-11-16",
        "rejection_channel": "through e-RS Advice and Guidance",
        "advice_summary": "Try emollients for six weeks.",
        "reasons": str(reason.pk),
        "asks": str(Ask.objects.get(label__startswith="Accept the referral").pk),
    }


def fill(page, values: dict[str, str]) -> None:
    """Fill each field as a user would: pick from lists, tick boxes, type in the rest."""
    for name, value in values.items():
        field = page.locator(f"[name='{name}']")
        kind = field.first.evaluate("element => element.tagName === 'SELECT' ? 'select' : element.type")
        if kind == "select":
            field.select_option(value)
        elif kind in ("radio", "checkbox"):
            page.locator(f"[name='{name}'][value='{value}']").check()
        else:
            field.fill(value)


@pytest.mark.parametrize("path", [WORKLOAD, DECLINED])
def test_every_part_unfolded(page, site_url, axe_check, path):
    page.goto(site_url + path)
    for summary in page.locator("summary").all():
        summary.click()
    assert page.locator("details:not([open])").count() == 0
    axe_check(f"{path} unfolded")


@pytest.mark.parametrize("path", [WORKLOAD, DECLINED])
def test_errors_reached_from_an_address_with_a_fragment(page, site_url, axe_check, path):
    page.goto(site_url + path + "#id_patient_name")
    page.get_by_role("button", name="Preview").click()
    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    axe_check(f"{path} with errors")


@pytest.mark.parametrize("path", [WORKLOAD, DECLINED])
def test_a_preview_with_the_practice_logo(page, site_url, axe_check, path):
    page.goto(site_url + path)
    fill(page, answers(path))
    page.set_input_files(
        "[name='practice_logo']", files=[{"name": "logo.png", "mimeType": "image/png", "buffer": logo_png()}]
    )
    page.get_by_role("button", name="Preview").click()
    preview = page.locator("#preview")
    expect(preview).to_be_focused()
    expect(preview).to_contain_text(PATIENT)
    expect(preview.get_by_role("img", name="Beverley Road Surgery logo")).to_be_visible()
    # The form shows the logo it will print and carries it to the download.
    expect(page.get_by_role("img", name="Your practice logo")).to_be_visible()
    axe_check(f"{path} preview with a logo")


def test_the_pdf_that_could_not_be_made(page, site_url, axe_check, settings):
    settings.LETTER_PDF_TIMEOUT = 0.000001  # every PDF render times out
    page.goto(site_url + WORKLOAD)
    fill(page, answers(WORKLOAD))
    page.get_by_role("button", name="Download PDF").first.click()
    expect(page.locator("#pdf-failed")).to_contain_text("We could not make the PDF just now.")
    expect(page.locator("#preview")).to_contain_text(PATIENT)
    axe_check("PDF not made")
