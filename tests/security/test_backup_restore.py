"""scripts/backup.sh and scripts/restore.sh against the real PostgreSQL: nothing lost in the round trip."""

import hashlib
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from wagtail.documents import get_document_model
from wagtail.models import Page

from tests.security.helpers import ensure_wagtail_roots

ROOT = Path(__file__).resolve().parents[2]


def database_url() -> str:
    s = connection.settings_dict
    password = f":{s['PASSWORD']}" if s.get("PASSWORD") else ""
    return f"postgres://{s['USER']}{password}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


def run(script: str, *args: str, media: Path) -> str:
    env = {**os.environ, "DATABASE_URL": database_url(), "MEDIA_ROOT": str(media)}
    connection.close()  # restore replaces tables: hold no connection open meanwhile
    result = subprocess.run([str(ROOT / "scripts" / script), *args], env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.django_db(transaction=True)
def test_backup_then_restore_brings_back_pages_and_documents(settings, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: runs in the PostgreSQL pass of CI (DATABASE_URL=postgres://...)")
    if not (shutil.which("pg_dump") and shutil.which("pg_restore")):
        pytest.skip("pg_dump/pg_restore not installed (apt-get install postgresql-client)")
    media = tmp_path / "media"
    media.mkdir()
    settings.MEDIA_ROOT = media
    ensure_wagtail_roots()
    call_command("load_demo_content", stdout=open(os.devnull, "w"))  # noqa: SIM115
    pages = Page.objects.count()
    live_titles = sorted(Page.objects.live().values_list("title", flat=True))
    document = get_document_model().objects.order_by("id").first()
    assert pages > 5 and document is not None
    document_path = media / document.file.name
    checksum = sha256(document_path)

    backup_dir = Path(run("backup.sh", str(tmp_path / "backup"), media=media).strip().splitlines()[-1])
    assert {p.name for p in backup_dir.iterdir()} == {"database.dump", "media.tar.gz", "SHA256SUMS"}
    assert oct(backup_dir.stat().st_mode & 0o777) == "0o700"

    # Disaster: a page tree deleted, a file overwritten, another uploaded after the backup.
    Page.objects.filter(depth__gte=4).first().delete()
    document_path.write_bytes(b"corrupted")
    (media / "documents" / "after-backup.txt").write_text("newer than the backup")
    assert Page.objects.count() < pages

    # Without --yes nothing happens.
    env = {**os.environ, "DATABASE_URL": database_url(), "MEDIA_ROOT": str(media)}
    connection.close()
    refused = subprocess.run(
        [str(ROOT / "scripts/restore.sh"), str(backup_dir)], env=env, capture_output=True
    )
    assert refused.returncode == 3
    assert Page.objects.count() < pages

    run("restore.sh", str(backup_dir), "--yes", media=media)
    assert Page.objects.count() == pages
    assert sorted(Page.objects.live().values_list("title", flat=True)) == live_titles
    restored = get_document_model().objects.get(pk=document.pk)
    assert sha256(media / restored.file.name) == checksum
    assert not (media / "documents" / "after-backup.txt").exists()
    assert any(p.name.startswith("media.before-restore-") for p in tmp_path.iterdir())


def test_restore_refuses_a_damaged_backup(tmp_path):
    backup = tmp_path / "backup"
    backup.mkdir()
    for name in ("database.dump", "media.tar.gz"):
        (backup / name).write_bytes(b"original")
    subprocess.run("sha256sum database.dump media.tar.gz > SHA256SUMS", shell=True, cwd=backup, check=True)  # noqa: S602
    (backup / "database.dump").write_bytes(b"tampered")
    env = {
        **os.environ,
        "DATABASE_URL": "postgres://nobody@127.0.0.1:1/none",
        "MEDIA_ROOT": str(tmp_path / "m"),
    }
    result = subprocess.run(
        [str(ROOT / "scripts/restore.sh"), str(backup), "--yes"], env=env, capture_output=True, text=True
    )
    assert result.returncode == 1
    assert "damaged" in result.stderr
