"""Document uploads: wrong, disguised and oversized files are refused with a clear message and leave
nothing behind; good files are stored with their text; unreadable ones are kept and flagged."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfReader, PdfWriter
from wagtail.models import Collection

from guidance.models import GuidanceDocument
from tests.guidance.conftest import sample_docx, sample_pdf


def zip_without_word_document() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("payload.txt", "not a Word document")
    return buffer.getvalue()


def encrypted_pdf() -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(sample_pdf())))
    writer.encrypt("owner-and-user-password")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


BAD_UPLOADS = [
    ("page.pdf", b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>", "not a real PDF"),
    ("setup.exe", b"MZ\x90\x00\x03\x00\x00\x00", "Files of this type cannot be uploaded"),
    (
        "logo.svg",
        b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        "cannot be uploaded",
    ),
    ("image.docx", zip_without_word_document(), "without a DOCX document inside"),
    ("notes.txt", b"<html><body>hidden page</body></html>", "web page or image markup"),
    ("data.csv", b"\x00\x01\x02binary", "binary data"),
]


def files_on_disk(media_root) -> set:
    return {path for path in media_root.rglob("*") if path.is_file()}


def add_document(client, name: str, data: bytes):
    return client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "Upload",
            "file": SimpleUploadedFile(name, data),
            "collection": Collection.get_first_root_node().id,
        },
    )


@pytest.mark.django_db
@pytest.mark.parametrize("name, data, message", BAD_UPLOADS, ids=[case[0] for case in BAD_UPLOADS])
def test_bad_upload_is_refused_with_a_message_and_leaves_nothing(
    admin_client, media_root, name, data, message
):
    files_before = files_on_disk(media_root)
    response = add_document(admin_client, name, data)
    assert response.status_code == 200  # the form again, not a redirect
    assert message in response.content.decode()
    assert GuidanceDocument.objects.count() == 0
    assert files_on_disk(media_root) == files_before


@pytest.mark.django_db
@pytest.mark.parametrize("name, data, message", BAD_UPLOADS[:3], ids=[case[0] for case in BAD_UPLOADS[:3]])
def test_bad_upload_through_multiple_upload_is_refused_too(admin_client, media_root, name, data, message):
    files_before = files_on_disk(media_root)
    response = admin_client.post(
        reverse("wagtaildocs:add_multiple"), {"files[]": SimpleUploadedFile(name, data)}
    )
    payload = response.json()
    assert payload["success"] is False
    assert message in payload["error_message"]
    assert GuidanceDocument.objects.count() == 0
    assert files_on_disk(media_root) == files_before


@pytest.mark.django_db
def test_oversized_upload_is_refused(admin_client, media_root, settings):
    files_before = files_on_disk(media_root)
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = (
        1024  # read when the form field is built, so a small limit works here
    )
    response = add_document(admin_client, "big.pdf", b"%PDF-1.4\n" + b"0" * 2048)
    assert "This file is too big" in response.content.decode()
    assert GuidanceDocument.objects.count() == 0
    assert files_on_disk(media_root) == files_before


def test_the_configured_limit_is_20_mb():
    from django.conf import settings

    assert settings.WAGTAILDOCS_MAX_UPLOAD_SIZE == 20 * 1024 * 1024


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name, data, phrase, pages",
    [
        ("guide.pdf", sample_pdf(), "a phrase found only inside the PDF", 1),
        ("letter.docx", sample_docx(), "a phrase found only inside the Word file", None),
    ],
)
def test_good_upload_is_stored_with_its_text(admin_client, name, data, phrase, pages):
    response = add_document(admin_client, name, data)
    assert response.status_code == 302
    assert "could not be read" not in admin_client.get(response.url).content.decode()
    document = GuidanceDocument.objects.get()
    assert phrase in document.text_content
    assert document.text_readable
    assert document.page_count == pages


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name, data",
    [("locked.pdf", encrypted_pdf()), ("broken.pdf", b"%PDF-1.4\nthis is not really a pdf")],
    ids=["encrypted", "corrupt"],
)
def test_unreadable_document_is_stored_indexed_by_title_and_flagged(admin_client, name, data):
    response = add_document(admin_client, name, data)
    assert response.status_code == 302
    after_upload = admin_client.get(response.url).content.decode()
    assert "could not be read" in after_upload and "finds it by its title only" in after_upload
    document = GuidanceDocument.objects.get()
    assert document.text_content == ""
    assert not document.text_readable
    edit_page = admin_client.get(reverse("wagtaildocs:edit", args=[document.id])).content.decode()
    assert "search finds it by its title only" in edit_page
    dashboard = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Documents indexed by their title only" in dashboard


@pytest.mark.django_db
def test_replacing_a_file_with_a_disguised_one_is_refused_and_keeps_the_original(admin_client):
    add_document(admin_client, "guide.pdf", sample_pdf())
    document = GuidanceDocument.objects.get()
    response = admin_client.post(
        reverse("wagtaildocs:edit", args=[document.id]),
        {
            "title": document.title,
            "file": SimpleUploadedFile("guide.pdf", b"<html><script>alert(1)</script></html>"),
            "collection": document.collection_id,
        },
    )
    assert "not a real PDF" in response.content.decode()
    document.refresh_from_db()
    assert document.file.open("rb").read() == sample_pdf()
    assert "a phrase found only inside the PDF" in document.text_content


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name, data, phrase",
    [
        ("REPORT.PDF", sample_pdf("capitalised marmoset findings"), "marmoset"),
        ("Minutes.DOCX", sample_docx("capitalised marmoset minutes"), "marmoset"),
    ],
)
def test_a_file_named_in_capitals_is_read_and_found_by_search(
    admin_client, guidance_index, name, data, phrase
):
    """A practice's "REPORT.PDF" is indexed like "report.pdf": search finds the page offering it."""
    from tests.guidance.factories import GuidanceItemPageFactory

    assert add_document(admin_client, name, data).status_code == 302
    document = GuidanceDocument.objects.get()
    assert phrase in document.text_content
    page = GuidanceItemPageFactory(
        parent=guidance_index,
        title="Audit results",
        body=[{"type": "download", "value": {"title": "", "document": document.id, "description": ""}}],
    )
    page.save_revision().publish()
    results = admin_client.get(reverse("search"), {"q": phrase}).context["results"]
    assert [hit.page.id for hit in results] == [page.id]
    if name.endswith(".PDF"):
        served = admin_client.get(page.download_url(page.body[0].id))
        assert served["Content-Type"] == "application/pdf"
        assert not served["Content-Disposition"].startswith("attachment")
