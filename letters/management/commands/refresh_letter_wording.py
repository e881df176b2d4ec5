"""Publish the demo letter wording and option lists over what is in the database.

For databases seeded before the wording was corrected: each changed entry gets a new published
revision, so editors can see and roll back the change in its history.
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from letters import demo


class Command(BaseCommand):
    help = "Publish the demo letter wording and option lists over existing entries (new revisions)."

    @transaction.atomic
    def handle(self, *args, **options) -> None:
        demo.load(self.stdout, refresh=True)
