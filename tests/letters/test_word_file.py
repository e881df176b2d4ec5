"""The Word letter is an honest, British-English document: its own title and date, no stale thumbnail,
the patient named at the top of pages after the first and every page numbered, in Word's own fields,
and LibreOffice lays it out as the PDF is laid out (a typical letter on one page)."""

import datetime
import io
import shutil
import subprocess
import zipfile

import docx
import pytest

from .conftest import NHS_NUMBER, PATIENT_NAME, WORKLOAD_URL, body, category_pk, requests_data

SOFFICE = shutil.which("soffice")
PDFTOTEXT = shutil.which("pdftotext")
LONG_DETAILS = "The clinic letter asks for this to be arranged before the next appointment. " * 6


def word_file(client, data: dict, action: str = "letter.docx") -> bytes:
    response = client.post(WORKLOAD_URL, {**data, "action": action})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return body(response)


@pytest.mark.django_db
class TestProperties:
    def test_title_date_language_and_application_are_honest(self, client, workload_data):
        data = word_file(client, workload_data)
        properties = docx.Document(io.BytesIO(data)).core_properties
        assert properties.title == "Workload rejection"
        assert properties.author == "" and properties.last_modified_by == ""
        assert properties.language == "en-GB"
        now = datetime.datetime.now(datetime.UTC)
        assert abs((now - properties.created).total_seconds()) < 120  # made now, not in 2013
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            assert "docProps/thumbnail.jpeg" not in package.namelist()
            assert b"thumbnail" not in package.read("_rels/.rels")
            assert b"<Application>LMC interface portal</Application>" in package.read("docProps/app.xml")
            assert b'w:val="en-GB"' in package.read("word/styles.xml")
            assert b"Macintosh" not in package.read("docProps/app.xml")
            document = package.read("word/document.xml").decode()
        # The letter names the patient; its properties do not.
        assert "Siân" in document
        assert "Siân".encode() not in package_properties(data)

    def test_each_version_has_its_own_title(self, client, workload_data):
        titles = {
            action: docx.Document(io.BytesIO(word_file(client, workload_data, action))).core_properties.title
            for action in ("letter.docx", "anonymised.docx", "patient-note.docx", "icb-report.docx")
        }
        assert titles == {
            "letter.docx": "Workload rejection",
            "anonymised.docx": "Workload rejection: copy without patient details",
            "patient-note.docx": "A note from your GP practice",  # never "rejection" to the patient
            "icb-report.docx": "Workload rejection: report to the ICB",
        }


def package_properties(data: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return package.read("docProps/core.xml") + package.read("docProps/app.xml")


@pytest.mark.django_db
def test_pages_after_the_first_name_the_patient_and_every_page_is_numbered(client, workload_data):
    section = docx.Document(io.BytesIO(word_file(client, workload_data))).sections[0]
    assert section.different_first_page_header_footer
    assert [p.text for p in section.header.paragraphs] == [f"{PATIENT_NAME}, NHS number {NHS_NUMBER}"]
    # Page 1: the letterhead, not the patient.
    first_page_header = [p.text for p in section.first_page_header.paragraphs]
    assert first_page_header[0] == "Ysbyty & Partners <Surgery>"
    assert PATIENT_NAME not in "".join(first_page_header)
    for footer in (section.footer, section.first_page_footer):
        xml = footer._element.xml
        assert 'w:instr=" PAGE "' in xml and 'w:instr=" NUMPAGES "' in xml


def libreoffice_pdf(tmp_path, data: bytes) -> list[str]:
    """The Word file laid out by LibreOffice, as the text of each page."""
    letter = tmp_path / "letter.docx"
    letter.write_bytes(data)
    subprocess.run(
        [
            SOFFICE,
            "--headless",
            "--norestore",
            f"-env:UserInstallation=file://{tmp_path / 'profile'}",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(letter),
        ],
        capture_output=True,
        check=True,
        timeout=180,
    )
    pages = []
    page = 1
    while True:
        result = subprocess.run(
            [PDFTOTEXT, "-f", str(page), "-l", str(page), "-layout", str(tmp_path / "letter.pdf"), "-"],
            capture_output=True,
            text=True,
        )
        if result.returncode != 0 or page > 10:
            return pages
        pages.append(" ".join(result.stdout.split()))
        page += 1


@pytest.mark.slow
@pytest.mark.skipif(SOFFICE is None or PDFTOTEXT is None, reason="needs LibreOffice and poppler-utils")
@pytest.mark.django_db
class TestLaidOutByLibreOffice:
    def test_a_typical_letter_fits_one_page_with_its_signature(self, client, workload_data, tmp_path):
        pages = libreoffice_pdf(tmp_path, word_file(client, workload_data))
        assert len(pages) == 1, pages
        assert "Yours sincerely Dr Ffion Jones GP partner" in pages[0]
        assert "Page 1 of 1" in pages[0]

    def test_a_long_letter_names_the_patient_on_page_two(self, client, workload_data, tmp_path):
        long_letter = {
            **workload_data,
            **requests_data(
                {"category": category_pk("Arranging tests"), "details": LONG_DETAILS},
                {"category": category_pk("Fit note"), "details": LONG_DETAILS, "done_once": "on"},
                {"category": category_pk("Discharge medication"), "details": LONG_DETAILS},
            ),
        }
        pages = libreoffice_pdf(tmp_path, word_file(client, long_letter))
        assert len(pages) >= 2
        for number, text in enumerate(pages[1:], start=2):
            assert text.startswith(f"{PATIENT_NAME}, NHS number {NHS_NUMBER}"), text[:100]
            assert f"Page {number} of {len(pages)}" in text
        # The closing is never split from the name that signs it.
        signing = [text for text in pages if "Yours sincerely" in text]
        assert len(signing) == 1 and "Dr Ffion Jones" in signing[0]


@pytest.mark.slow
@pytest.mark.skipif(SOFFICE is None or PDFTOTEXT is None, reason="needs LibreOffice and poppler-utils")
@pytest.mark.django_db
def test_the_blank_letter_with_its_controls_opens_in_libreoffice(client, letters_demo, tmp_path):
    pages = libreoffice_pdf(tmp_path, body(client.get("/letters/workload-rejection/blank/")))
    text = " ".join(pages)
    assert "Choose the kind of request" in text  # the dropdown's prompt
    assert "☐ It is not part of the primary medical services" in text  # a checkbox and its reason
