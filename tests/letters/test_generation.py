"""The letters a practice downloads say what they typed and chose, in Word, PDF and the preview."""

import io
import re
import zipfile
from html import unescape

import docx
import pytest

from letters.models import Reason

from .conftest import (
    DECLINED_URL,
    NHS_NUMBER,
    PATIENT_NAME,
    WORKLOAD_URL,
    body,
    category_pk,
    docx_text,
    pdf_text,
)


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
    def test_docx_carries_patient_request_basis_and_ask(self, client, workload_data):
        response = download(client, WORKLOAD_URL, workload_data, "letter.docx")
        assert response["Content-Type"].startswith("application/vnd.openxmlformats")
        assert response["Content-Disposition"] == 'attachment; filename="workload-rejection-2026-06-03.docx"'
        text = flat(docx_text(body(response)))
        for expected in (
            f"Re: {PATIENT_NAME}, date of birth 28 February 1961",
            f"NHS number {NHS_NUMBER}, hospital number HX998877",
            "Your reference: DERM/0420",
            "Thank you for your request of 20 May 2026 from Dr Q. Registrar",
            "You asked the practice to issue a fit note for a patient under your care. "
            "A fit note after knee surgery.",
            "Service Condition 11 (Transfer of and Discharge from Care; Communication with GPs) of the NHS "
            "Standard Contract",
            "Please issue fit notes yourselves, covering the whole period",
            "3 June 2026",
            "Ysbyty & Partners <Surgery>",
            "It is not part of the primary medical services our GMS/PMS contract covers.",
        ):
            assert expected in text, expected
        # No contract edition older than the one in force is printed, and no old clause numbers.
        for stale in ("2017/18", "SC11.11", "SC12.2"):
            assert stale not in text

    def test_docx_is_a4_with_letterhead_and_re_lines_after_the_greeting(self, client, workload_data):
        document = docx.Document(
            io.BytesIO(body(download(client, WORKLOAD_URL, workload_data, "letter.docx")))
        )
        section = document.sections[0]
        assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
        assert round(section.left_margin.mm) == 22
        # The letterhead is page 1's own header: pasted into the practice's letterhead, the body brings
        # no second one.
        letterhead = section.first_page_header.paragraphs
        assert letterhead[0].text == "Ysbyty & Partners <Surgery>"
        assert letterhead[0].style.name == "Letterhead Name"
        assert [p.text for p in letterhead[1:3]] == ["1 Heol y Castell", "Hull HU1 1AA"]
        assert "Ysbyty & Partners <Surgery>" not in [p.text for p in document.paragraphs[:3]]
        texts = [p.text for p in document.paragraphs]
        greeting = texts.index("Dear Dr Núñez,")
        re_line = next(i for i, text in enumerate(texts) if text.startswith("Re: "))
        assert re_line == greeting + 1
        # A real Word heading (Navigation pane, screen readers), styled as a letter's bold line.
        subject_style = document.paragraphs[re_line].style
        assert subject_style.name == "Heading 1"
        assert subject_style.font.bold and subject_style.font.size.pt == 10.5
        assert subject_style.font.color.rgb == docx.shared.RGBColor(0x11, 0x11, 0x11)
        assert not document.tables  # the patient is named in the Re: lines, not a table

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
        for expected in (
            PATIENT_NAME,
            NHS_NUMBER,
            "Service Condition 11",
            "Please issue fit notes yourselves",
        ):
            assert expected in text

    def test_preview_matches_the_files(self, client, workload_data):
        preview = preview_text(download(client, WORKLOAD_URL, workload_data, "preview"))
        word = flat(docx_text(body(download(client, WORKLOAD_URL, workload_data, "letter.docx"))))
        pdf = flat(pdf_text(body(download(client, WORKLOAD_URL, workload_data, "letter.pdf"))))
        for sentence in (
            "We are returning the work it asks of the practice to you, as set out below.",
            "Please issue fit notes yourselves, covering the whole period you expect the patient to be unfit "
            "for work.",
            PATIENT_NAME,
        ):
            assert sentence in preview and sentence in word and sentence in pdf
        # Every word of the letter appears in all three, and nothing else (bullet markers and the PDF's
        # page numbers aside).
        pdf = re.sub(r"Page \d+ of \d+", " ", pdf.replace("•", " "))
        word = re.sub(r"Page (\d+ )?of( \d+)?", " ", word)  # python-docx reads no text from fields
        # The running header of later pages.
        pdf = pdf.replace(f"{PATIENT_NAME}, NHS number {NHS_NUMBER}", " ")
        word = word.replace(f"{PATIENT_NAME}, NHS number {NHS_NUMBER}", " ")
        pdf = pdf.replace("/ ", "/")  # a line may break after a slash ("GMS/ PMS")
        assert set(preview.split()) == set(word.split()) == set(pdf.split())

    def test_users_own_ask_replaces_the_usual_one(self, client, workload_data):
        workload_data["request-0-ask"] = "Please book it at the fracture clinic"
        text = docx_text(body(download(client, WORKLOAD_URL, workload_data, "letter.docx")))
        assert "Please book it at the fracture clinic." in text
        assert "Please issue fit notes yourselves" not in text

    def test_other_category_uses_the_users_words(self, client, workload_data):
        workload_data.update(
            {
                "request-0-category": category_pk("Other"),
                "request-0-category_other": "to complete a blue badge form",
            }
        )
        text = docx_text(body(download(client, WORKLOAD_URL, workload_data, "letter.docx")))
        assert "You asked the practice to complete a blue badge form." in text

    def test_private_provider_gets_private_wording_and_no_contract(self, client, workload_data):
        private_reasons = Reason.objects.filter(letter_kind="workload_rejection").exclude(source_group="nhs")
        workload_data.update(
            source_type="a private provider",
            reasons=[str(reason.pk) for reason in private_reasons if not reason.asks_for_text],
            **{"request-0-category": category_pk("Tests for", "private")},
        )
        text = flat(docx_text(body(download(client, WORKLOAD_URL, workload_data, "letter.docx"))))
        assert "part of the private care the patient has chosen" in text
        assert (
            "Please arrange the tests as part of the private care, and tell the patient about any cost."
            in text
        )
        assert "(Department of Health guidance, 2009)" in text
        assert "(2009) (2009)" not in text
        assert "NHS Standard Contract" not in text and "Service Condition" not in text
        note = flat(docx_text(body(download(client, WORKLOAD_URL, workload_data, "patient-note.docx"))))
        assert "they may charge for them" in note and "NHS referral" in note
        assert "Contract" not in note


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
                "Referral to dermatology, dated 1 May 2026: please accept and book",
                "Our urgent referral of this patient to dermatology, dated 1 May 2026",
                "In summary, the advice was: “Try emollients for six weeks.”",
                "They need an examination or assessment that cannot be done remotely.",
                "Turn the Advice and Guidance conversation back into a referral in the e-Referral Service",
                "reply within 2 working days",
                "SECOND REQUEST: our first letter was dated 22 May 2026",
                "The reply did not name the clinician who gave the advice.",
                "advice in place of an appointment is not clinically appropriate for this patient",
                "version 1",
            ):
                assert expected in text, (action, expected)
            assert "copying this letter to your medical director" not in text
            # Wrong in an earlier brief: the GP does not keep clinical responsibility until acceptance.
            assert "keeps clinical responsibility" not in text

    def test_preview_shows_the_letter_in_the_page(self, client, declined_data):
        response = download(client, DECLINED_URL, declined_data, "preview")
        assert "Preview of your letter" in response.content.decode()
        assert "Referral to dermatology, dated 1 May 2026: please accept and book" in preview_text(response)


@pytest.mark.django_db
class TestOtherVersions:
    def test_anonymised_copy_has_no_patient_identifier(self, client, declined_data):
        declined_data["advice_summary"] = (
            f"Advice for {PATIENT_NAME} ({NHS_NUMBER.replace(' ', '-')}, born 28/02/1961); HX998877."
        )
        for action, read in (("anonymised.docx", docx_text), ("anonymised.pdf", pdf_text)):
            response = download(client, DECLINED_URL, declined_data, action)
            assert "anonymised" in response["Content-Disposition"]
            text = flat(read(body(response)))
            for identifier in (
                "Siân",
                "O'Brien",
                "943",
                "5919",
                "1961",
                "HX998877",
                "0001 2345 6789",
                "DERM/0420",
                "1 May 2026",
                "3 June 2026",
            ):
                assert identifier not in text, (action, identifier)
            assert "Re: a patient of the practice (their details are left out of this copy)" in text
            assert (
                "the details typed about the patient and the request, and dates more exact than the month"
                in text
            )
            assert "Referral to dermatology, dated May 2026" in text

    def test_patient_note_is_addressed_to_the_patient(self, client, workload_data):
        response = download(client, WORKLOAD_URL, workload_data, "patient-note.docx")
        assert "patient-note" in response["Content-Disposition"]
        text = docx_text(body(response))
        assert f"Dear {PATIENT_NAME}," in text
        assert "Service Condition" not in text
        assert "contact the practice straight away: you will not be left without it." in text
        assert "two weeks" not in text  # a fit note is time-critical: never "wait two weeks"

    def test_blank_letter_offers_real_checkboxes_and_a_dropdown(self, client, letters_demo):
        response = client.get("/letters/workload-rejection/blank/")
        assert response.status_code == 200
        assert response["Content-Disposition"] == 'attachment; filename="workload-rejection-blank.docx"'
        data = body(response)
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            xml = package.read("word/document.xml").decode()
        reasons = Reason.objects.filter(letter_kind="workload_rejection").count()
        conditional = xml.count("[Delete unless: ")
        # One Word checkbox per reason and per optional paragraph; no typed "☐" glyphs.
        assert xml.count("<w14:checkbox>") == reasons + conditional
        assert "☐ " not in docx_text(data)
        # The kind of request is a dropdown of the published kinds.
        listed = re.findall(r'<w:listItem w:displayText="([^"]+)"', xml)
        assert unescape(listed[0]) == "Onward referral to another specialty"
        assert any(unescape(item).startswith("Fit note (Med3)") for item in listed)
        text = docx_text(data)
        assert "Fit note (Med3) for a patient under the provider's care: Under Service Condition 11" in text
        assert "Private care is not part of NHS primary medical services." in text
        assert "Re: [patient's name], date of birth [date of birth]" in text
        # Pages after the first are headed with the patient, as in a generated letter.
        header = docx.Document(io.BytesIO(data)).sections[0].header
        assert [p.text for p in header.paragraphs] == ["[Patient's name], NHS number [NHS number]"]

    def test_blank_letter_cites_the_service_conditions(self, client, letters_demo):
        text = docx_text(body(client.get("/letters/declined-referral/blank/")))
        assert (
            "Under Service Condition 6 (Choice and Referral) of the NHS Standard Contract, providers" in text
        )


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

    from letters.content import LetterContent, Paragraph, Subject
    from letters.services.render_docx import render_docx
    from letters.services.render_pdf import render_pdf

    def letter(i: int) -> LetterContent:
        return LetterContent(
            title="t",
            file_stem="t",
            letterhead=(f"Practice {i}",),
            date_line="3 June 2026",
            recipient=("Someone",),
            blocks=(Subject((f"Re: Patient #{i}#",)), Paragraph(f"Body #{i}#.")),
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
