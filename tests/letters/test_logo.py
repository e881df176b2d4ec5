"""A practice's logo in its letterhead: chosen in the form, printed in page 1's header of the Word file
and at the top of the PDF, carried from the preview to the download in the page, never stored."""

import base64
import io
import re
import zipfile

import docx
import pypdf
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from letters.logo import MAX_UPLOAD_BYTES

from .conftest import WORKLOAD_URL, body, docx_text

CARRIED = re.compile(r'name="practice_logo_carried" value="([^"]+)"')


def image_file(fmt: str = "PNG", size=(1200, 400), colour=(0, 94, 184), **save) -> SimpleUploadedFile:
    picture = io.BytesIO()
    Image.new("RGB", size, colour).save(picture, format=fmt, **save)
    return SimpleUploadedFile(f"logo.{fmt.lower()}", picture.getvalue(), content_type=f"image/{fmt.lower()}")


def post(client, data: dict, action: str, **files):
    return client.post(WORKLOAD_URL, {**data, **files, "action": action})


def header_images(docx_bytes: bytes) -> list[Image.Image]:
    """The pictures in page 1's header of a Word file."""
    header = docx.Document(io.BytesIO(docx_bytes)).sections[0].first_page_header
    blobs = [rel.target_part.blob for rel in header.part.rels.values() if "image" in rel.reltype]
    return [Image.open(io.BytesIO(blob)) for blob in blobs]


def figures(pdf: pypdf.PdfReader) -> list[str]:
    """The text alternative of every /Figure element in the PDF's structure tree."""
    found, pending = [], [pdf.trailer["/Root"]["/StructTreeRoot"]]
    while pending:
        node = pending.pop().get_object()
        if isinstance(node, pypdf.generic.ArrayObject):
            pending += list(node)
        elif isinstance(node, pypdf.generic.DictionaryObject):
            if node.get("/S") == "/Figure":
                found.append(str(node.get("/Alt")))
            if "/K" in node:
                pending.append(node["/K"])
    return found


@pytest.mark.django_db
class TestLogo:
    def test_preview_shows_the_logo_and_the_download_carries_it_without_a_new_upload(
        self, client, workload_data
    ):
        page = post(client, workload_data, "preview", practice_logo=image_file()).content.decode()
        assert 'class="letter__logo" src="data:image/png;base64,' in page
        carried = CARRIED.search(page).group(1)
        # Redrawn to fit the letterhead (at most 600 x 240 pixels), as PNG.
        shown = Image.open(io.BytesIO(base64.b64decode(carried)))
        assert shown.format == "PNG" and shown.size == (600, 200)

        # The download buttons submit the form again, without the file: the page carries the logo.
        word = body(post(client, {**workload_data, "practice_logo_carried": carried}, "letter.docx"))
        [picture] = header_images(word)
        assert picture.size == (600, 200)
        assert docx_text(word).startswith("\nYsbyty & Partners <Surgery>")  # the logo, then the name

        pdf = pypdf.PdfReader(
            io.BytesIO(body(post(client, {**workload_data, "practice_logo_carried": carried}, "letter.pdf")))
        )
        assert len(pdf.pages[0].images) == 1 and len(pdf.pages) == 1
        # Tagged as a figure with its text alternative (PDF/UA needs one).
        assert figures(pdf) == ["Ysbyty & Partners <Surgery> logo"]

    def test_the_logo_is_redrawn_without_its_metadata(self, client, workload_data):
        exif = Image.Exif()
        exif[0x010E] = "Taken at 1 Secret Lane"  # ImageDescription
        jpeg = image_file("JPEG", exif=exif.tobytes())
        word = body(post(client, workload_data, "letter.docx", practice_logo=jpeg))
        [picture] = header_images(word)
        assert picture.format == "PNG"
        with zipfile.ZipFile(io.BytesIO(word)) as package:
            assert not any(b"Secret Lane" in package.read(name) for name in package.namelist())

    def test_without_a_logo_the_letterhead_has_no_picture(self, client, workload_data):
        assert header_images(body(post(client, workload_data, "letter.docx"))) == []

    def test_remove_drops_the_carried_logo(self, client, workload_data):
        page = post(client, workload_data, "preview", practice_logo=image_file()).content.decode()
        carried = CARRIED.search(page).group(1)
        data = {**workload_data, "practice_logo_carried": carried, "practice_logo_remove": "1"}
        page = post(client, data, "preview").content.decode()
        assert "letter__logo" not in page and "practice_logo_carried" not in page
        assert header_images(body(post(client, data, "letter.docx"))) == []

    def test_own_headed_paper_and_the_copies_print_no_logo(self, client, workload_data):
        own = body(
            post(client, {**workload_data, "letterhead": "own"}, "letter.docx", practice_logo=image_file())
        )
        assert header_images(own) == []
        copy = body(post(client, workload_data, "anonymised.docx", practice_logo=image_file()))
        assert header_images(copy) == []

    @pytest.mark.parametrize(
        "upload",
        [
            SimpleUploadedFile("logo.png", b"not really a picture", content_type="image/png"),
            image_file("GIF"),
        ],
        ids=["not an image", "gif"],
    )
    def test_a_file_that_is_not_a_png_or_jpeg_is_refused_and_nothing_else_is_lost(
        self, client, workload_data, upload
    ):
        response = post(client, workload_data, "letter.docx", practice_logo=upload)
        page = response.content.decode()
        assert response.status_code == 200 and "text/html" in response["Content-Type"]
        assert "The logo must be a PNG or JPEG image." in page
        assert 'href="#id_practice_logo"' in page  # linked from the error summary
        assert 'value="Dr Ffion Jones"' in page  # what they typed is still there

    def test_a_changed_carried_logo_is_checked_again(self, client, workload_data):
        data = {**workload_data, "practice_logo_carried": base64.b64encode(b"<svg onload=alert(1)>").decode()}
        assert "The logo must be a PNG or JPEG image." in post(client, data, "preview").content.decode()
        data["practice_logo_carried"] = "not base64!"
        assert "The logo must be a PNG or JPEG image." in post(client, data, "preview").content.decode()

    def test_a_file_over_the_limit_is_refused_without_touching_the_disk(
        self, client, workload_data, monkeypatch
    ):
        def no_temporary_files(*args, **kwargs):
            raise AssertionError("an upload was written to a temporary file")

        monkeypatch.setattr(
            "django.core.files.uploadedfile.TemporaryUploadedFile.__init__", no_temporary_files
        )
        # 3 MB: over FILE_UPLOAD_MAX_MEMORY_SIZE, so Django's own handlers would write it to disk.
        big = SimpleUploadedFile(
            "logo.png", b"\x89PNG" + b"0" * 3 * MAX_UPLOAD_BYTES, content_type="image/png"
        )
        response = post(client, workload_data, "preview", practice_logo=big)
        assert "The logo must be smaller than 1 MB." in response.content.decode()
        assert 'value="Dr Ffion Jones"' in response.content.decode()

    def test_the_form_still_needs_its_csrf_token(self, workload_data):
        response = Client(enforce_csrf_checks=True).post(WORKLOAD_URL, {**workload_data, "action": "preview"})
        assert response.status_code == 403
