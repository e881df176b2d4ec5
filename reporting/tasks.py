"""Background work for reporting, run by the task worker (queued daily by ``manage.py schedule_tasks``)."""

from django_tasks import task


@task()
def delete_expired_contact_emails() -> None:
    """Delete contact emails on reports older than the LMC's retention period (``reporting.retention``)."""
    from reporting.retention import delete_expired_contact_emails as delete

    delete()
