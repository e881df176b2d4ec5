""" "e-RS" is never split across two lines ("e-" at the end of one, "RS" at the start of the next), in
the PDF or in the Word file as a word processor lays it out."""

import shutil
import subprocess

import pytest

from .conftest import DECLINED_URL, body

# "e-RS" after words of every length from 1 to 40 letters: across several lines, some line must
# end inside one of them unless the name is kept whole.
SUMMARY = " ".join(f"{'x' * length} e-RS" for length in range(1, 41))[:1000]


def line_breaks_inside_name(text: str) -> list[str]:
    """Lines where "e-RS" was split. pdftotext joins a word broken at a line-end hyphen and drops
    the hyphen, so a split name reads back as "eRS"; a line ending "e-" is caught too."""
    lines = [line.strip() for line in text.splitlines()]
    return [line for line in lines if "eRS" in line or line.endswith(("e-", "e\u2011"))]


def pdf_lines(pdf: bytes, tmp_path) -> str:
    source = tmp_path / "letter.pdf"
    source.write_bytes(pdf)
    return subprocess.run(["pdftotext", str(source), "-"], capture_output=True, text=True, check=True).stdout


@pytest.mark.django_db
def test_pdf_never_breaks_e_rs(client, declined_data, tmp_path):
    response = client.post(DECLINED_URL, {**declined_data, "advice_summary": SUMMARY, "action": "letter.pdf"})
    text = pdf_lines(body(response), tmp_path)
    assert text.count("RS") >= 30  # the summary is printed
    assert line_breaks_inside_name(text) == []


@pytest.mark.django_db
@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice (soffice) is not installed")
def test_word_file_never_breaks_e_rs(client, declined_data, tmp_path):
    response = client.post(
        DECLINED_URL, {**declined_data, "advice_summary": SUMMARY, "action": "letter.docx"}
    )
    (tmp_path / "letter.docx").write_bytes(body(response))
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(tmp_path / "letter.docx"),
        ],
        capture_output=True,
        check=True,
        timeout=120,
    )
    text = pdf_lines((tmp_path / "letter.pdf").read_bytes(), tmp_path)
    assert text.count("RS") >= 30
    assert line_breaks_inside_name(text) == []
