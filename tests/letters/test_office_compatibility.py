"""The Word letter opens in a real word processor (LibreOffice), not only in python-docx."""

import shutil
import subprocess

import pytest

from .conftest import PATIENT_NAME, WORKLOAD_URL, body

SOFFICE = shutil.which("soffice")


@pytest.mark.slow
@pytest.mark.skipif(
    SOFFICE is None, reason="LibreOffice is not installed (apt-get install libreoffice-writer-nogui)"
)
@pytest.mark.django_db
def test_libreoffice_opens_the_docx_and_reads_the_letter(client, workload_data, tmp_path):
    response = client.post(WORKLOAD_URL, {**workload_data, "action": "letter.docx"})
    letter = tmp_path / "letter.docx"
    letter.write_bytes(body(response))
    result = subprocess.run(
        [
            SOFFICE,
            "--headless",
            "--norestore",
            f"-env:UserInstallation=file://{tmp_path / 'profile'}",
            "--convert-to",
            "txt:Text (encoded):UTF8",
            "--outdir",
            str(tmp_path),
            str(letter),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stderr
    text = (tmp_path / "letter.txt").read_text(encoding="utf-8-sig")
    assert PATIENT_NAME in text
    assert "Ysbyty & Partners <Surgery>" in text
    assert "Dear Dr Núñez," in text
