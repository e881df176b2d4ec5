"""Background work, run by the task worker (``manage.py db_worker``) when ``TASKS_BACKEND=database``,
and at once otherwise (``make run``, tests)."""

from django.core.management import call_command
from django_tasks import task


@task()
def read_document_text(document_id: int, file_hash: str) -> None:
    """Read an uploaded document's text for search (with limits: ``guidance.documents``).

    Skipped if the document was deleted, or its file replaced again since (a newer task reads that).
    """
    from guidance.models import GuidanceDocument

    document = GuidanceDocument.objects.filter(pk=document_id, file_hash=file_hash).first()
    if document is None or document.text_source_hash == file_hash:
        return
    document.refresh_text()
    document.save()


@task()
def publish_scheduled_pages() -> None:
    """Publish pages and snippets whose "go live" time has come (and unpublish expired ones)."""
    call_command("publish_scheduled")
