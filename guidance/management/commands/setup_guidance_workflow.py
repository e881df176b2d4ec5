"""Create the "LMC editors" / "LMC officers" groups and the approval workflow on every guidance index."""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from guidance.editorial import ensure_editorial_setup
from guidance.models import GuidanceIndexPage


class Command(BaseCommand):
    help = "Create the editorial groups and approval workflow for guidance (idempotent)."

    @transaction.atomic
    def handle(self, *args, **options) -> None:
        sections = list(GuidanceIndexPage.objects.all())
        if not sections:
            raise CommandError('There is no guidance index page yet: create "Interface guidance" first.')
        for section in sections:
            ensure_editorial_setup(section)
            self.stdout.write(f"Editorial groups and approval workflow set on “{section.title}”.")
