"""Faults: the database going away, the disk filling up. Nothing lost, nothing leaked."""

import errno
import hashlib
from unittest import mock

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.handlers.wsgi import WSGIHandler
from django.db import OperationalError, connection
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import Client, RequestFactory
from wagtail.documents import get_document_model

from tests.security.helpers import ensure_wagtail_roots

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def database_down():
    """Every attempt to use the database fails, as when PostgreSQL is stopped."""

    def refuse(self):
        raise OperationalError("connection to server at 127.0.0.1, port 5432 failed: Connection refused")

    return mock.patch.object(BaseDatabaseWrapper, "ensure_connection", refuse)


@pytest.fixture
def visitor():
    """A browser-like client: server errors become responses, as a real visitor would see them."""
    return Client(raise_request_exception=False)


def test_database_down_gives_the_static_error_page_and_recovers(visitor, home_page):
    assert visitor.get("/").status_code == 200
    with database_down():
        response = visitor.get("/")
        health = visitor.get("/healthz")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Sorry, something went wrong" in html
    for leak in ("Traceback", "OperationalError", "5432", "Connection refused", "ensure_connection"):
        assert leak not in html
    assert health.status_code == 503
    assert health.json() == {"status": "error", "database": "unavailable"}
    assert health["Cache-Control"].startswith("max-age=0") or "no-cache" in health["Cache-Control"]
    # The database is back: the very next requests work, with no restart.
    assert visitor.get("/").status_code == 200
    assert visitor.get("/healthz").status_code == 200


def _wsgi_get(path: str) -> int:
    """One request through Django's real WSGI handler, so request_started runs the connection checks
    (the test client switches those off)."""
    environ = RequestFactory()._base_environ(PATH_INFO=path, REQUEST_METHOD="GET")
    status = []
    body = WSGIHandler()(environ, lambda code, headers, exc_info=None: status.append(code))
    b"".join(body)
    body.close()
    return int(status[0].split()[0])


def _kill_portal_connection():
    """Terminate this process's PostgreSQL session from another connection, as a DB restart does."""
    import psycopg2

    pid = connection.connection.info.backend_pid
    params = connection.get_connection_params()
    killer = psycopg2.connect(
        **{k: v for k, v in params.items() if k in {"dbname", "user", "host", "port", "password"}}
    )
    killer.autocommit = True
    with killer.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
    killer.close()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("health_checks", [True, False])
def test_persistent_connection_survives_a_database_restart(health_checks):
    """Production keeps connections open (CONN_MAX_AGE); CONN_HEALTH_CHECKS makes the first request
    after a database restart reconnect instead of failing. The False case shows the check matters."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (set DATABASE_URL=postgres://...): SQLite has no server to restart")
    settings_dict = connection.settings_dict
    saved = settings_dict["CONN_MAX_AGE"], settings_dict["CONN_HEALTH_CHECKS"]
    settings_dict["CONN_MAX_AGE"], settings_dict["CONN_HEALTH_CHECKS"] = 60, health_checks
    connection.close()
    try:
        assert _wsgi_get("/healthz") == 200
        _kill_portal_connection()
        first = _wsgi_get("/healthz")
        assert _wsgi_get("/healthz") == 200  # either way, the request after is fine
    finally:
        settings_dict["CONN_MAX_AGE"], settings_dict["CONN_HEALTH_CHECKS"] = saved
        connection.close()
    assert first == (200 if health_checks else 503)


# --- storage ------------------------------------------------------------------------------------


def disk_full():
    def refuse(self, name, content):
        raise OSError(errno.ENOSPC, "No space left on device")

    return mock.patch.object(FileSystemStorage, "_save", refuse)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def editor_client(admin_user):
    client = Client(raise_request_exception=False)
    client.force_login(admin_user)
    return client


def test_disk_full_during_upload_shows_a_message_and_keeps_nothing(editor_client, media, home_page):
    Document = get_document_model()
    before = Document.objects.count()
    with disk_full():
        response = editor_client.post(
            "/admin/documents/add/",
            {"title": "Interface report", "file": SimpleUploadedFile("report.pdf", PDF, "application/pdf")},
            follow=True,
        )
    html = response.content.decode()
    assert response.status_code in (200, 503, 507)
    assert "space" in html.lower() or "could not be saved" in html.lower(), html[:2000]
    assert "Traceback" not in html and "ENOSPC" not in html
    assert Document.objects.count() == before  # no orphaned row
    assert [p for p in media.rglob("*") if p.is_file()] == []


def test_disk_full_when_replacing_a_file_keeps_the_previous_one(editor_client, media, home_page):
    Document = get_document_model()
    document = Document.objects.create(title="Consensus", file=ContentFile(PDF, name="consensus.pdf"))
    original_name = document.file.name
    original_hash = hashlib.sha256(PDF).hexdigest()
    new_pdf = PDF.replace(b"obj", b"obj ")
    with disk_full():
        response = editor_client.post(
            f"/admin/documents/edit/{document.pk}/",
            {
                "title": "Consensus",
                "file": SimpleUploadedFile("consensus-v2.pdf", new_pdf, "application/pdf"),
            },
            follow=True,
        )
    html = response.content.decode()
    assert "space" in html.lower() or "could not be saved" in html.lower(), html[:2000]
    document.refresh_from_db()
    assert document.file.name == original_name
    with document.file.open("rb") as handle:
        assert hashlib.sha256(handle.read()).hexdigest() == original_hash
    download = Client().get(document.url)
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF


def test_replacing_a_file_normally_still_removes_the_old_one(editor_client, media, home_page):
    Document = get_document_model()
    document = Document.objects.create(title="Consensus", file=ContentFile(PDF, name="consensus.pdf"))
    old_path = media / document.file.name
    new_pdf = PDF.replace(b"obj", b"obj ")
    response = editor_client.post(
        f"/admin/documents/edit/{document.pk}/",
        {"title": "Consensus", "file": SimpleUploadedFile("consensus-v2.pdf", new_pdf, "application/pdf")},
    )
    assert response.status_code == 302
    document.refresh_from_db()
    assert not old_path.exists()
    assert b"".join(Client().get(document.url).streaming_content) == new_pdf


@pytest.mark.django_db(transaction=True)  # real transactions, as in production (no test wrapper)
def test_disk_full_during_multiple_upload_answers_the_uploader_in_json(editor_client, media):
    ensure_wagtail_roots()
    Document = get_document_model()
    with disk_full():
        response = editor_client.post(
            "/admin/documents/multiple/add/",
            {"files[]": SimpleUploadedFile("report.pdf", PDF, "application/pdf")},
            HTTP_X_REQUESTED_WITH="XMLHttpRequest",
        )
    assert response.status_code == 507
    assert response.json()["success"] is False
    assert "storage is full" in response.json()["error_message"]
    assert Document.objects.count() == 0
