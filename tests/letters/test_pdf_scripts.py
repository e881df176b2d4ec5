"""Every name prints in the PDF, whatever script it is written in, and nothing a library logs while
printing it reaches the site's logs (WeasyPrint names each character it cannot draw)."""

import io
import logging
import re

import pypdf
import pytest

from letters.content import LetterContent, Paragraph, Subject
from letters.services.render_pdf import PdfUnavailable, render_pdf

from .conftest import WORKLOAD_URL, body

# Fifty patients: Latin, Welsh, Arabic, Tamil, Devanagari, Chinese and emoji, alone and mixed.
BASE_NAMES = [
    "Amelia Hughes",
    "Siân Llŷr ap Gwynfor",
    "Gwenllïan Ŵyn",
    "محمد الحسيني",
    "فاطمة الزهراء",
    "முருகன் Lee",
    "கவிதா சுப்பிரமணியம்",
    "देवनागरी शर्मा",
    "प्रिया पटेल",
    "王小明",
    "李华",
    "Zoë 😀 Smith",
    "Ali 🌹",
    "Nguyễn Thị Hương",
    "Dvořák Ødegård",
    "Αλέξανδρος Παπαδόπουλος",
    "Олександр Коваленко",
    "עמית כהן",
    "김민준",
    "さくら 田中",
    "ਗੁਰਪ੍ਰੀਤ ਸਿੰਘ",
    "সুমন দাস",
    "Kwame Mensah-Boateng",
    "O'Connor-Dvořák",
    "Ayşe Yıldız",
]
SECOND_NAMES = ["Jones", "خان", "சுப்பையா", "शर्मा", "陈", "🙂", "Evans", "Ó Súilleabháin", "Williams", "Ng"]
NAMES = (BASE_NAMES + [f"{name} {SECOND_NAMES[i % 10]}" for i, name in enumerate(BASE_NAMES)])[:50]
# A character no font on any machine has (a private-use code point): it could only print as a box.
UNPRINTABLE = "\ue000"


def letter_for(name: str) -> LetterContent:
    return LetterContent(
        title="Workload rejection",
        file_stem="t",
        letterhead=("Riverside Surgery",),
        date_line="3 June 2026",
        recipient=("Outpatients",),
        blocks=(Subject((f"Re: {name}, date of birth 1 April 1950",)), Paragraph(f"Dear {name},")),
        footer="Humberside LMC template letter.",
        running_header=f"{name}, NHS number 943 476 5919",
    )


def words_of(name: str) -> list[str]:
    return [word for word in re.split(r"[\s()]+", name) if len(word) > 1]


def test_names_in_every_script_print_and_never_reach_a_log(caplog):
    with caplog.at_level(logging.DEBUG):
        for name in NAMES:
            data = render_pdf(content=letter_for(name))  # raises if any character would print as a box
            text = " ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)
            # The text layer holds the name. Scripts whose vowel signs are reordered for display
            # (Devanagari, Tamil, Gurmukhi, Bengali) and emoji are left to the missing-glyph check above.
            for word in words_of(name):
                if not any(0x0900 <= ord(char) <= 0x0DFF or ord(char) > 0x1F000 for char in word):
                    assert word in text, (name, word)
    logged = "\n".join(record.getMessage() for record in caplog.records)
    for name in NAMES:
        for word in words_of(name):
            assert word not in logged, (name, word)


def test_a_character_no_font_can_print_is_refused_and_not_logged(caplog):
    with caplog.at_level(logging.DEBUG), pytest.raises(PdfUnavailable) as refused:
        render_pdf(content=letter_for(f"Ann{UNPRINTABLE}Lee"))
    assert refused.value.unprintable
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert UNPRINTABLE not in logged and "AnnLee" not in logged and "Ann" not in logged
    assert "withheld" in logged  # the operators still see that WeasyPrint reported something


@pytest.mark.django_db
def test_the_user_is_told_and_still_gets_the_word_file(client, workload_data, caplog):
    data = {**workload_data, "patient_name": f"Ann{UNPRINTABLE} Lee", "action": "letter.pdf"}
    with caplog.at_level(logging.DEBUG):
        response = client.post(WORKLOAD_URL, data)
    page = response.content.decode()
    assert "Some characters you typed cannot be printed in a PDF." in page
    assert 'value="letter.docx"' in page
    word = client.post(WORKLOAD_URL, {**data, "action": "letter.docx"})
    assert word["Content-Disposition"].startswith("attachment")
    assert len(body(word)) > 1000
    assert "Ann" not in "\n".join(record.getMessage() for record in caplog.records)


@pytest.mark.django_db
def test_a_render_that_takes_too_long_gives_the_word_file(client, workload_data, settings, monkeypatch):
    import time

    from letters.services import render_pdf as module

    real = module._render
    # A render far slower than the rest of the request, so a busy machine cannot blur the difference.
    monkeypatch.setattr(module, "_render", lambda content: (time.sleep(2.0), real(content))[1])
    settings.LETTER_PDF_TIMEOUT = 0.05
    started = time.monotonic()
    response = client.post(WORKLOAD_URL, {**workload_data, "action": "letter.pdf"})
    assert time.monotonic() - started < 1.5  # the worker did not wait for the slow render
    page = response.content.decode()
    assert "We could not make the PDF just now." in page
    assert 'value="letter.docx"' in page
