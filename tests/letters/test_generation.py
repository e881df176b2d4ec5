"""The letters a practice downloads say what they typed and chose, in Word, PDF and the preview."""

import io
import re
import zipfile
from html import unescape

import docx
import pytest

from letters.models import RequestCategory

from .conftest import DECLINED_URL, NHS_NUMBER, PATIENT_NAME, WORKLOAD_URL, body, docx_text, pdf_text


def flat(text: str) -> str:
    """Whitespace collapsed, so line wrapping in a PDF does not matter."""
    return " ".join(text.split())


def download(client, url: str, data: dict, action: str):
    response = client.post(url, {**data, "action": action})
    assert response.status_code == 200, response.content[:2000]
    return response


def preview_text(response) -> str:
    html = response.content.decode()
    letter = html[html.index('<article class="letter"') : html.index("</article>")]
    return flat(unescape(re.sub(r"<[^>]+>", " ", letter)))


@pytest.mark.django_db
class TestWorkloadRejection:
    def test_docx_carries_patient_category_basis_and_ask(self, client, workload_data):
        response = download(client, WORKLOAD_URL, workload_data, "letter.docx")
        assert response["Content-Type"].startswith("application/vnd.openxmlformats")
        assert response["Content-Disposition"] == 'attachment; filename="workload-rejection-2026-06-03.docx"'
        text = docx_text(body(response))
        category = RequestCategory.objects.get(label__startswith="Fit note")
        for expected in (
            PATIENT_NAME,
            NHS_NUMBER,
            "28 February 1961",
            "HX998877",
            category.label,
            category.contract_basis,
            category.ask,
            "3 June 2026",
            "Ysbyty & Partners <Surgery>",
            "It is not part of the practice's GMS/PMS obligations",
        ):
            assert expected in text

    def test_letter_names_the_request_it_answers(self, client, workload_data):
        text = flat(docx_text(body(download(client, WORKLOAD_URL, workload_data, "letter.docx"))))
        assert "The request is dated 20 May 2026." in text
        assert "It was made by Dr Q. Registrar." in text
        without_author = {**workload_data, "request_author": ""}
        text = flat(docx_text(body(download(client, WORKLOAD_URL, without_author, "letter.docx"))))
        assert "The request is dated 20 May 2026." in text
        assert "It was made by" not in text

    def test_docx_is_a4_with_letterhead_and_patient_table(self, client, workload_data):
        document = docx.Document(
            io.BytesIO(body(download(client, WORKLOAD_URL, workload_data, "letter.docx")))
        )
        section = document.sections[0]
        assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
        assert round(section.left_margin.mm) == 22
        assert document.paragraphs[0].text == "Ysbyty & Partners <Surgery>"
        assert document.paragraphs[0].style.name == "Letterhead Name"
        rows = {row.cells[0].text: row.cells[1].text for row in document.tables[0].rows}
        assert rows == {
            "Name": PATIENT_NAME,
            "Date of birth": "28 February 1961",
            "NHS number": NHS_NUMBER,
            "Hospital number": "HX998877",
        }

    def test_docx_package_is_well_formed(self, client, workload_data):
        data = body(download(client, WORKLOAD_URL, workload_data, "letter.docx"))
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            assert package.testzip() is None
            names = package.namelist()
        assert names.count("word/document.xml") == 1
        assert "[Content_Types].xml" in names and "word/styles.xml" in names

    def test_pdf_is_a4_and_says_the_same(self, client, workload_data):
        response = download(client, WORKLOAD_URL, workload_data, "letter.pdf")
        assert response["Content-Disposition"] == 'attachment; filename="workload-rejection-2026-06-03.pdf"'
        data = body(response)
        assert data.startswith(b"%PDF")
        import pypdf

        page = pypdf.PdfReader(io.BytesIO(data)).pages[0]
        width_mm, height_mm = (float(v) * 25.4 / 72 for v in (page.mediabox.width, page.mediabox.height))
        assert (round(width_mm), round(height_mm)) == (210, 297)
        text = flat(pdf_text(data))
        category = RequestCategory.objects.get(label__startswith="Fit note")
        for expected in (PATIENT_NAME, NHS_NUMBER, category.label, category.contract_basis, category.ask):
            assert flat(expected) in text

    def test_preview_matches_the_files(self, client, workload_data):
        preview = preview_text(download(client, WORKLOAD_URL, workload_data, "preview"))
        word = flat(docx_text(body(download(client, WORKLOAD_URL, workload_data, "letter.docx"))))
        pdf = flat(pdf_text(body(download(client, WORKLOAD_URL, workload_data, "letter.pdf"))))
        for sentence in (
            "We have received a request from Hull University Teaching Hospitals NHS Trust",
            "Contract basis: NHS Standard Contract SC11.11 (fit notes) (2017/18).",
            "Please issue the fit note for the whole expected period of absence.",
            PATIENT_NAME,
        ):
            assert sentence in preview and sentence in word and sentence in pdf
        # Every word of the letter appears in all three, and nothing else (bullet markers aside).
        assert set(preview.split()) == set(word.split()) == set(pdf.replace("•", " ").split())

    def test_user_edits_to_basis_and_ask_are_kept(self, client, workload_data):
        workload_data.update(contract_basis="Local agreement 7.3", the_ask="Please book it at the hospital.")
        text = docx_text(body(download(client, WORKLOAD_URL, workload_data, "letter.docx")))
        assert "Contract basis: Local agreement 7.3." in text
        assert "Please book it at the hospital." in text
        assert "SC11.11" not in text

    def test_other_category_uses_the_users_words(self, client, workload_data):
        other = RequestCategory.objects.get(label__startswith="Other", source_group="nhs")
        workload_data.update(category=str(other.pk), category_other="Completing a blue badge form")
        text = docx_text(body(download(client, WORKLOAD_URL, workload_data, "letter.docx")))
        assert "for the practice to take on: Completing a blue badge form." in text

    def test_private_provider_gets_private_wording(self, client, workload_data):
        private = RequestCategory.objects.get(label="Tests for private care")
        workload_data.update(source_type="private provider", category=str(private.pk))
        text = docx_text(body(download(client, WORKLOAD_URL, workload_data, "letter.docx")))
        assert "NHS care and private care are kept separate" in text
        assert "Please arrange the tests as part of the private care." in text


@pytest.mark.django_db
class TestDeclinedReferral:
    def test_docx_and_pdf_carry_referral_reasons_and_asks(self, client, declined_data):
        for action, read in (("letter.docx", docx_text), ("letter.pdf", pdf_text)):
            response = download(client, DECLINED_URL, declined_data, action)
            assert "declined-referral-2026-06-03" in response["Content-Disposition"]
            text = flat(read(body(response)))
            for expected in (
                PATIENT_NAME,
                NHS_NUMBER,
                "0001 2345 6789",
                "Referral to Dermatology declined",
                "On 1 May 2026 we referred the patient above to Dermatology (urgent).",
                "In summary, the advice was: Try emollients for six weeks.",
                "The patient needs an examination or assessment that cannot be done remotely.",
                "Accept the referral as made and book the patient.",
                "Please reply within 10 working days.",
                "This is our second letter about this referral",
                "The reply did not name the clinician",
                "version 1",
            ):
                assert expected in text, (action, expected)
            assert "copying this letter to your medical director" not in text

    def test_preview_shows_the_letter_in_the_page(self, client, declined_data):
        response = download(client, DECLINED_URL, declined_data, "preview")
        assert "Preview of your letter" in response.content.decode()
        assert "Referral to Dermatology declined: please accept the referral" in preview_text(response)


@pytest.mark.django_db
class TestOtherVersions:
    def test_anonymised_copy_has_no_patient_identifier(self, client, declined_data):
        declined_data["advice_summary"] = (
            f"Advice for {PATIENT_NAME} ({NHS_NUMBER.replace(' ', '')}); Mr o'brien-zyxwv to use cream."
        )
        for action, read in (("anonymised.docx", docx_text), ("anonymised.pdf", pdf_text)):
            response = download(client, DECLINED_URL, declined_data, action)
            assert "anonymised" in response["Content-Disposition"]
            text = read(body(response))
            for identifier in (
                PATIENT_NAME,
                "943 476 5919",
                "9434765919",
                "28 February 1961",
                "HX998877",
                "0001 2345 6789",
                "000123456789",
            ):
                assert identifier not in text, (action, identifier)
            assert "patient identifiers have been removed" in text
            assert "Dermatology" in text

    def test_patient_note_is_addressed_to_the_patient(self, client, workload_data):
        response = download(client, WORKLOAD_URL, workload_data, "patient-note.docx")
        assert "patient-note" in response["Content-Disposition"]
        text = docx_text(body(response))
        assert f"Dear {PATIENT_NAME}," in text
        assert "Contract basis" not in text

    def test_blank_letter_lists_the_choices(self, client, letters_demo):
        response = client.get("/letters/workload-rejection/blank/")
        assert response.status_code == 200
        assert response["Content-Disposition"] == 'attachment; filename="workload-rejection-blank.docx"'
        text = docx_text(body(response))
        assert "☐ Fit note (Med3) for a patient under hospital care: NHS Standard Contract SC11.11" in text
        assert "☐ Private care is outside NHS primary medical services." in text
        assert "[patient's name]" in text or "Name" in text


@pytest.mark.django_db
@pytest.mark.parametrize("url_key", ["declined", "workload"])
def test_special_characters_round_trip_exactly(client, declined_data, workload_data, url_key):
    url, data = (DECLINED_URL, declined_data) if url_key == "declined" else (WORKLOAD_URL, workload_data)
    tricky = "Siôn Ŵyn Ælfrēd O'Connor-Dvořák & <Sons> “quoted” ‘1’"
    data.update(patient_name=tricky, signatory_name="Dr Gwenllïan ap Rhŷs")
    word = docx_text(body(download(client, url, data, "letter.docx")))
    pdf = flat(pdf_text(body(download(client, url, data, "letter.pdf"))))
    preview = preview_text(download(client, url, data, "preview"))
    for text in (word, pdf, preview):
        assert tricky in text
        assert "Dr Gwenllïan ap Rhŷs" in text
        assert "Ysbyty & Partners <Surgery>" in text
        assert "&amp;" not in text and "&lt;" not in text


@pytest.mark.django_db
def test_pdf_failure_is_explained_and_word_still_offered(client, workload_data, monkeypatch):
    from letters.services import render_pdf

    def broken(*args, **kwargs):
        raise OSError("no fonts")

    monkeypatch.setattr(render_pdf, "HTML", broken)
    response = client.post(WORKLOAD_URL, {**workload_data, "action": "letter.pdf"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "We could not make the PDF just now" in page
    assert 'value="letter.docx"' in page
    assert "Preview of your letter" in page


def test_letters_made_at_the_same_time_do_not_mix(client):
    """Many practices at once: each concurrent render carries its own patient and nothing else."""
    from concurrent.futures import ThreadPoolExecutor

    from letters.content import DetailsTable, LetterContent, Paragraph
    from letters.services.render_docx import render_docx
    from letters.services.render_pdf import render_pdf

    def letter(i: int) -> LetterContent:
        return LetterContent(
            title="t",
            file_stem="t",
            letterhead=(f"Practice {i}",),
            date_line="3 June 2026",
            recipient=("Someone",),
            blocks=(DetailsTable("Patient", (("Name", f"Patient #{i}#"),)), Paragraph(f"Body #{i}#.")),
            footer="f",
        )

    def both(i: int) -> tuple[str, str]:
        content = letter(i)
        return docx_text(render_docx(content=content)), flat(pdf_text(render_pdf(content=content)))

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(both, range(16)))
    for i, (word, pdf) in enumerate(results):
        for text in (word, pdf):
            assert f"Patient #{i}#" in text and f"Body #{i}#." in text
            assert not any(f"#{j}#" in text for j in range(16) if j != i)
