"""Seed the demo content: site identity, pages, letters. Safe to run any number of times."""

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import import_string
from wagtail.models import Site

from core.models import SiteIdentity

# Each app seeds its own content; every loader is idempotent and takes the command's stdout.
DEMO_LOADERS = ["guidance.demo.load", "letters.demo.load", "reporting.demo.load"]


class Command(BaseCommand):
    help = "Load the demo content (idempotent: a second run changes nothing)."

    @transaction.atomic
    def handle(self, *args, **options) -> None:
        for dotted_path in DEMO_LOADERS:
            import_string(dotted_path)(self.stdout)
        for site in Site.objects.all():
            identity = SiteIdentity.for_site(site)
            if not identity.email:
                identity.address = "Humberside LMC, Hull"
                identity.email = "info@humbersidelmc.example"
                identity.phone = "01482 000000"
                identity.save()
        self.stdout.write(self.style.SUCCESS("Demo content is in place."))
