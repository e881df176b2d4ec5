"""Document text is read by the task worker, within limits: a "zip bomb" or a runaway parser is
contained and reported to the editor; scheduled pages go live when the worker runs the scheduler's
work."""

import datetime
import io
import time
import zipfile

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from guidance import documents
from guidance.models import GuidanceDocument

from .test_uploads import add_document, sample_pdf

pytestmark = pytest.mark.django_db


def zip_bomb(unpacked_mb: int = 200) -> bytes:
    """A real .docx (it has word/document.xml) carrying a part that unpacks to ``unpacked_mb`` MB."""
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
        with archive.open("word/media/padding.bin", "w", force_zip64=True) as part:
            block = b"\0" * (1024 * 1024)
            for _ in range(unpacked_mb):
                part.write(block)
    return packed.getvalue()


@pytest.fixture
def database_queue(settings):
    """Tasks queued in the database for the worker, as in production (TASKS_BACKEND=database)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def run_worker() -> None:
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)


class TestLimits:
    def test_a_zip_bomb_is_stored_unreadable_with_a_message_and_never_unpacked(
        self, admin_client, monkeypatch
    ):
        bomb = zip_bomb()
        assert len(bomb) < 1024 * 1024  # a small upload...
        opened = []
        monkeypatch.setitem(documents.EXTRACTORS, "docx", lambda data: opened.append(data))
        response = add_document(admin_client, "minutes.docx", bomb)
        assert response.status_code == 302
        document = GuidanceDocument.objects.get()
        assert not document.text_readable and document.text_content == ""
        assert "unpacks to far more than its size" in document.text_problem
        assert opened == []  # refused from the archive's directory, before any part was unpacked
        after_upload = admin_client.get(response.url).content.decode()
        assert "unpacks to far more than its size" in after_upload
        assert "finds it by its title only" in after_upload

    @pytest.mark.parametrize(
        ("entries", "expected"),
        [
            ({"word/document.xml": b"<w:document/>" * 1000}, ""),
            ({"word/document.xml": b"x", **{f"part{n}.xml": b"" for n in range(2001)}}, "unpacks"),
            ({"word/document.xml": b"a" * (2 * 1024 * 1024)}, "unpacks"),  # 2 MB of one letter: ratio
        ],
        ids=["ordinary", "too many parts", "too compressible"],
    )
    def test_archive_checks(self, entries, expected):
        packed = io.BytesIO()
        with zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, data in entries.items():
                archive.writestr(name, data)
        problem = documents.archive_problem(packed.getvalue())
        assert (expected in problem) if expected else problem == ""

    def test_a_parser_that_runs_away_is_stopped(self, monkeypatch):
        monkeypatch.setattr(documents, "EXTRACTION_SECONDS", 1)
        monkeypatch.setitem(documents.EXTRACTORS, "txt", lambda data: time.sleep(30))
        started = time.monotonic()
        result = documents.extract_in_child_process("txt", b"text")
        assert time.monotonic() - started < 10
        assert not result.readable and "took more than 1 seconds" in result.problem

    def test_a_parser_that_eats_memory_is_stopped(self, monkeypatch):
        def hungry(data):
            return [bytearray(100 * 1024 * 1024) for _ in range(50)]  # 5 GB, over the 1 GB limit

        monkeypatch.setitem(documents.EXTRACTORS, "txt", hungry)
        result = documents.extract_in_child_process("txt", b"text")
        assert not result.readable and "too much memory" in result.problem


@pytest.mark.django_db(transaction=True)
class TestWorker:
    @pytest.fixture(autouse=True)
    def wagtail_roots(self):
        from tests.security.helpers import ensure_wagtail_roots

        ensure_wagtail_roots()  # a transactional test may start from an emptied database

    def test_the_worker_reads_an_uploaded_document(self, admin_client, database_queue):
        response = add_document(admin_client, "guide.pdf", sample_pdf())
        document = GuidanceDocument.objects.get()
        # Saved at once; read later, by the worker.
        assert document.text_content == "" and document.text_source_hash != document.file_hash
        assert "being read for search" in admin_client.get(response.url).content.decode()
        run_worker()
        document.refresh_from_db()
        assert "a phrase found only inside the PDF" in document.text_content
        assert document.page_count == 1 and document.text_source_hash == document.file_hash
        results = admin_client.get(reverse("wagtaildocs:index") + "?q=phrase+found+only").content.decode()
        assert "guide" in results

    def test_scheduled_pages_go_live_through_the_worker(self, database_queue):
        from wagtail.models import Page

        from guidance.demo import ensure_home_page

        home = ensure_home_page()
        page = Page(title="Scheduled guidance", slug="scheduled-guidance", live=False)
        home.add_child(instance=page)
        page.save_revision(approved_go_live_at=timezone.now() - datetime.timedelta(minutes=1))
        page.refresh_from_db()
        assert not page.live

        call_command("schedule_tasks", "--once")
        page.refresh_from_db()
        assert not page.live  # queued, not yet run
        run_worker()
        page.refresh_from_db()
        assert page.live
