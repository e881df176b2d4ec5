"""Seed the demo content: site identity, pages, letters. Safe to run any number of times."""

from django.conf import settings
from django.core.files.images import ImageFile
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import import_string
from wagtail.images import get_image_model
from wagtail.models import Site

from core.models import SiteIdentity

# Each app seeds its own content; every loader is idempotent and takes the command's stdout.
DEMO_LOADERS = ["guidance.demo.load", "letters.demo.load", "reporting.demo.load"]
# The portal's own mark (static/icons), as the demo LMC's logo; never the NHS logo.
DEMO_LOGO_TITLE = "Humberside LMC logo"
DEMO_LOGO_FILE = settings.BASE_DIR / "static" / "icons" / "icon-192.png"


def ensure_demo_logo():
    """The demo logo image, and whether this run created it."""
    image_model = get_image_model()
    image = image_model.objects.filter(title=DEMO_LOGO_TITLE).first()
    if image is not None:
        return image, False
    with DEMO_LOGO_FILE.open("rb") as handle:
        image = image_model(title=DEMO_LOGO_TITLE, file=ImageFile(handle, name="humberside-lmc-logo.png"))
        image.save()
    return image, True


class Command(BaseCommand):
    help = "Load the demo content (idempotent: a second run changes nothing)."

    @transaction.atomic
    def handle(self, *args, **options) -> None:
        for dotted_path in DEMO_LOADERS:
            import_string(dotted_path)(self.stdout)
        logo, logo_is_new = ensure_demo_logo()
        for site in Site.objects.all():
            identity = SiteIdentity.for_site(site)
            if not identity.email:
                identity.address = "Humberside LMC, Hull"
                identity.email = "info@humbersidelmc.example"
                identity.phone = "01482 000000"
                identity.save()
            if logo_is_new and identity.logo_id is None:
                identity.logo = logo
                identity.logo_alt_text = f"{identity.name} logo"
                identity.save()
        self.stdout.write(self.style.SUCCESS("Demo content is in place."))
