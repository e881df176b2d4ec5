"""Queue the portal's periodic work for the task worker: the compose "scheduler" service.

Every ``--interval`` seconds (60) it queues scheduled publishing (Wagtail's ``publish_scheduled``),
which the worker (``manage.py db_worker``) then runs; once a day (and when it starts) it also queues
the deletion of reports' contact emails past the LMC's retention period (``reporting.retention``).
``--once`` queues each a single time.
"""

import time

from django.core.management.base import BaseCommand

from guidance.tasks import publish_scheduled_pages
from reporting.tasks import delete_expired_contact_emails

DAY_SECONDS = 24 * 60 * 60


class Command(BaseCommand):
    help = "Queue scheduled publishing every minute and daily clean-ups for the task worker (--once: once)."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="queue the work once, then exit")
        parser.add_argument("--interval", type=int, default=60, help="seconds between runs (default 60)")

    def handle(self, *args, once: bool, interval: int, **options):
        last_daily = None
        while True:
            publish_scheduled_pages.enqueue()
            if last_daily is None or time.monotonic() - last_daily >= DAY_SECONDS:
                delete_expired_contact_emails.enqueue()
                last_daily = time.monotonic()
            if once:
                return
            time.sleep(interval)
