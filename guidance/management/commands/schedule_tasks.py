"""Queue the portal's periodic work for the task worker: the compose "scheduler" service.

Every ``--interval`` seconds (60) it queues scheduled publishing (Wagtail's ``publish_scheduled``),
which the worker (``manage.py db_worker``) then runs. ``--once`` queues it a single time.
"""

import time

from django.core.management.base import BaseCommand

from guidance.tasks import publish_scheduled_pages


class Command(BaseCommand):
    help = "Queue scheduled publishing every minute for the task worker (--once: a single time)."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="queue the work once, then exit")
        parser.add_argument("--interval", type=int, default=60, help="seconds between runs (default 60)")

    def handle(self, *args, once: bool, interval: int, **options):
        while True:
            publish_scheduled_pages.enqueue()
            if once:
                return
            time.sleep(interval)
