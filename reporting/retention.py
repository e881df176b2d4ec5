"""Contact emails on reports are deleted after the retention period the LMC sets.

Settings → Interface reports → "delete contact emails after (months)" (default 12), on the default
site. Only the email goes: the rest of the report is kept for the figures and the LMC's records.
Run daily by the task worker (``reporting.tasks``, queued by ``manage.py schedule_tasks``).
"""

import datetime
import logging

from django.utils import timezone
from wagtail.models import Site

from reporting.models import InterfaceReport, ReportingSettings

logger = logging.getLogger(__name__)
DEFAULT_MONTHS = 12


def months_before(moment: datetime.datetime, *, months: int) -> datetime.datetime:
    """The same day and time ``months`` calendar months earlier (the month's last day if it is shorter)."""
    index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    next_month = datetime.date(year + month // 12, month % 12 + 1, 1)
    last_day = (next_month - datetime.timedelta(days=1)).day
    return moment.replace(year=year, month=month, day=min(moment.day, last_day))


def retention_months() -> int:
    """The period set on the default site (the default, 12, when there is no site yet)."""
    site = Site.objects.filter(is_default_site=True).first()
    return ReportingSettings.for_site(site).keep_contact_months if site else DEFAULT_MONTHS


def delete_expired_contact_emails(*, now: datetime.datetime | None = None) -> int:
    """Blank the contact email of every report received more than the retention period ago.

    Returns how many reports were changed; logs that number only.
    """
    cutoff = months_before(now or timezone.now(), months=retention_months())
    changed = (
        InterfaceReport.objects.filter(created_at__lt=cutoff)
        .exclude(contact_email="")
        .update(contact_email="")
    )
    if changed:
        logger.info("Deleted the contact email from %s interface reports past the retention period.", changed)
    return changed
