"""An LMC editor whose upload is refused sees the one message that applies to it (never a stray
'File extension "" is not allowed' beside it); an upload that is kept but cannot be read gets one
warning and no error."""

import re
from html import unescape

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import Collection

from guidance.editorial import EDITORS, ensure_editorial_setup
from guidance.models import GuidanceDocument
from tests.guidance.conftest import sample_pdf
from tests.guidance.test_background_work import zip_bomb
from tests.guidance.test_uploads import zip_without_word_document


@pytest.fixture
def editor_client(client, guidance_index, django_user_model):
    """Signed in as a member of "LMC editors" (not a superuser), as LMC staff work."""
    ensure_editorial_setup(guidance_index)
    editor = django_user_model.objects.create_user("editor", "editor@example.com", "pw-1")
    editor.groups.add(Group.objects.get(name=EDITORS))
    client.force_login(editor)
    return client


def upload(client, name: str, data: bytes):
    return client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "Minutes",
            "file": SimpleUploadedFile(name, data),
            "collection": Collection.get_first_root_node().id,
        },
        follow=True,
    )


def shown_errors(response) -> list[str]:
    """The text of each error box on the form, as the editor reads it."""
    found = re.findall(r'<p class="error-message">(.*?)</p>', response.content.decode(), re.S)
    return [" ".join(unescape(re.sub(r"<[^>]+>", "", text)).split()) for text in found]


def form_errors(response) -> list[str]:
    """Every error the form found (Wagtail shows a field's errors run together in one box)."""
    form = response.context["form"]
    return [message for messages in form.errors.values() for message in messages]


STRAY = "File extension “” is not allowed"


REFUSED = [
    ("too large", "minutes.pdf", b"%PDF-1.4\n" + b"0" * 2048, "This file is too big"),
    ("wrong type", "minutes.exe", b"MZ\x90\x00\x03\x00", "Files of this type cannot be uploaded"),
    ("disguised", "minutes.pdf", b"<html><body>a web page</body></html>", "not a real PDF file"),
    ("zip, not Word", "minutes.docx", zip_without_word_document(), "without a DOCX document inside"),
    ("no extension", "minutes", b"Plain words.", "“minutes” has no extension (such as .pdf)"),
]


@pytest.mark.django_db
@pytest.mark.parametrize("name, data, expected", [case[1:] for case in REFUSED], ids=[c[0] for c in REFUSED])
def test_a_refused_upload_shows_only_the_message_that_applies(editor_client, settings, name, data, expected):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1024  # read when the form is built: "too large" above
    response = upload(editor_client, name, data)
    assert response.status_code == 200
    errors = form_errors(response)
    assert len(errors) == 1 and expected in errors[0], errors
    assert shown_errors(response) == [" ".join(errors[0].split())]
    assert STRAY not in response.content.decode()
    assert GuidanceDocument.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name, data, warning",
    [
        ("minutes.docx", zip_bomb(), "unpacks to far more than its size"),
        ("minutes.pdf", b"%PDF-1.4\nthis is not really a pdf", "damaged or password-protected"),
    ],
    ids=["zip bomb", "unreadable"],
)
def test_an_upload_kept_unreadable_gets_one_warning_and_no_error(editor_client, name, data, warning):
    response = upload(editor_client, name, data)
    html = response.content.decode()
    assert shown_errors(response) == []
    assert STRAY not in html
    assert html.count(warning) == 1
    assert GuidanceDocument.objects.get().text_readable is False


@pytest.mark.django_db
def test_a_good_upload_by_an_editor_has_no_error(editor_client):
    assert shown_errors(upload(editor_client, "minutes.pdf", sample_pdf())) == []
    assert GuidanceDocument.objects.get().text_readable
