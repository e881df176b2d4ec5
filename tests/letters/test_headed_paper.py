"""A practice that prints on its own headed paper gets no letterhead, and room for its own at the top."""

import io
import re
import shutil
import subprocess

import docx
import pypdf
import pytest

from .conftest import WORKLOAD_URL, body


def files(client, data: dict) -> tuple[bytes, bytes]:
    word = body(client.post(WORKLOAD_URL, {**data, "action": "letter.docx"}))
    pdf = body(client.post(WORKLOAD_URL, {**data, "action": "letter.pdf"}))
    return word, pdf


def first_line_height_mm(pdf: bytes, word: str) -> float:
    """How far down the first page ``word`` is printed, in millimetres (poppler's word boxes)."""
    result = subprocess.run(
        ["pdftotext", "-bbox", "-f", "1", "-l", "1", "-", "-"], input=pdf, capture_output=True, check=True
    )
    match = re.search(rf'yMin="([\d.]+)"[^>]*>{re.escape(word)}<', result.stdout.decode())
    assert match, f"{word!r} not on the first page"
    return float(match.group(1)) * 25.4 / 72


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils (pdftotext)")
@pytest.mark.django_db
def test_own_headed_paper_leaves_out_the_letterhead_and_leaves_room(client, workload_data):
    printed_word, printed_pdf = files(client, workload_data)
    own_word, own_pdf = files(client, {**workload_data, "letterhead": "own"})

    printed = docx.Document(io.BytesIO(printed_word))
    own = docx.Document(io.BytesIO(own_word))
    assert printed.sections[0].first_page_header.paragraphs[0].text == "Ysbyty & Partners <Surgery>"
    assert not "".join(p.text for p in own.sections[0].first_page_header.paragraphs)
    own_texts = [p.text for p in own.paragraphs]
    assert "1 Heol y Castell" not in own_texts and "Tel: 01482 000001" not in own_texts
    assert round(own.paragraphs[0].paragraph_format.space_before.mm) == 27  # 18 mm margin + 27 mm
    assert "Ysbyty & Partners <Surgery>" in "\n".join(own_texts)  # still signed by the practice

    pdf_text = pypdf.PdfReader(io.BytesIO(own_pdf)).pages[0].extract_text()
    assert "1 Heol y Castell" not in pdf_text and "(your headed paper)" not in pdf_text
    assert first_line_height_mm(own_pdf, "Your") >= 45
    assert first_line_height_mm(printed_pdf, "Ysbyty") < 25  # our letterhead starts at the top margin
    assert len(pypdf.PdfReader(io.BytesIO(own_pdf)).pages) == 1


@pytest.mark.django_db
def test_the_preview_marks_where_the_headed_paper_goes(client, workload_data):
    page = client.post(
        WORKLOAD_URL, {**workload_data, "letterhead": "own", "action": "preview"}
    ).content.decode()
    assert "letter--headed-paper" in page
    assert "Heol y Castell</p>" not in page.split('class="letter')[1]
