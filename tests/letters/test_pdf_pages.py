"""The PDF a practice downloads: tagged for screen readers, and pages after the first say whose letter
it is and which page it is."""

import io

import pypdf
import pytest

from .conftest import NHS_NUMBER, PATIENT_NAME, WORKLOAD_URL, body, category_pk, requests_data

LONG_DETAILS = "The clinic letter asks for this to be arranged before the next appointment. " * 6


def pdf_of(client, data: dict, action: str = "letter.pdf") -> pypdf.PdfReader:
    response = client.post(WORKLOAD_URL, {**data, "action": action})
    assert response["Content-Type"] == "application/pdf"
    return pypdf.PdfReader(io.BytesIO(body(response)))


@pytest.fixture
def long_letter(workload_data) -> dict:
    """Three requests with long details: more than one page."""
    return {
        **workload_data,
        **requests_data(
            {"category": category_pk("Arranging tests"), "details": LONG_DETAILS},
            {"category": category_pk("Fit note"), "details": LONG_DETAILS, "done_once": "on"},
            {"category": category_pk("Discharge medication"), "details": LONG_DETAILS},
        ),
    }


@pytest.mark.django_db
class TestPages:
    def test_pages_after_the_first_name_the_patient_and_number_the_page(self, client, long_letter):
        reader = pdf_of(client, long_letter)
        pages = [" ".join(page.extract_text().split()) for page in reader.pages]
        count = len(pages)
        assert count >= 2
        for number, text in enumerate(pages[1:], start=2):
            # Margin boxes come last in the text stream; they print at the top of the page.
            assert f"{PATIENT_NAME}, NHS number {NHS_NUMBER}" in text, text[-200:]
            assert f"Page {number} of {count}" in text
        assert f"Page 1 of {count}" in pages[0]
        assert f"{PATIENT_NAME}, NHS number" not in pages[0]  # page 1 has the letterhead and Re: lines

    def test_the_copy_without_patient_details_runs_no_patient_name(self, client, long_letter):
        reader = pdf_of(client, long_letter, "anonymised.pdf")
        later = " ".join(" ".join(page.extract_text().split()) for page in reader.pages[1:])
        assert "Copy without patient details" in later
        assert PATIENT_NAME not in later and NHS_NUMBER not in later

    def test_a_typical_letter_is_one_page(self, client, workload_data):
        reader = pdf_of(client, workload_data)
        assert len(reader.pages) == 1
        assert "Page 1 of 1" in reader.pages[0].extract_text()


@pytest.mark.django_db
def test_the_pdf_is_tagged_with_its_language_and_title(client, workload_data):
    reader = pdf_of(client, workload_data)
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root  # a structure tree for screen readers
    assert bool(root["/MarkInfo"]["/Marked"])
    assert root["/Lang"] == "en-GB"
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
    assert reader.metadata.title == "Workload rejection"


@pytest.mark.django_db
def test_the_preview_says_how_many_pages_the_letter_takes(client, workload_data, long_letter):
    page = client.post(WORKLOAD_URL, {**workload_data, "action": "preview"}).content.decode()
    assert "This letter fits on one A4 page." in page
    page = client.post(WORKLOAD_URL, {**long_letter, "action": "preview"}).content.decode()
    pages = len(pdf_of(client, long_letter).pages)
    assert f"This letter takes {pages} A4 pages" in page
