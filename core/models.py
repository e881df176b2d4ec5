"""Site-wide settings LMC staff edit in the admin (Settings → Site identity)."""

import hashlib
import re

from django.core.exceptions import ValidationError
from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Site

from core.remembered import remember
from letters.validation import validate_editor_text

HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


def _relative_luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_with_white(hex_colour: str) -> float:
    """WCAG contrast ratio between ``hex_colour`` and white (1 to 21)."""
    return 1.05 / (_relative_luminance(hex_colour) + 0.05)


def validate_dark_colour(value: str) -> None:
    """A brand colour must be a #RRGGBB hex value dark enough for white text (WCAG AA, 4.5:1)."""
    if not HEX_COLOUR.match(value):
        raise ValidationError("Enter a colour as # followed by six hex digits, e.g. #1d4f6e.")
    ratio = contrast_with_white(value)
    if ratio < 4.5:
        raise ValidationError(
            f"White text on this colour has a contrast of {ratio:.1f}:1; it needs at least 4.5:1. "
            "Choose a darker colour."
        )


@register_setting(icon="site")
class SiteIdentity(BaseSiteSetting):
    """The LMC's name, contact details and colours, shown in the header, footer and letters."""

    # The name and the ICB are printed in every letter, so they are checked like the letters' wording.
    name = models.CharField(max_length=120, default="Humberside LMC", validators=[validate_editor_text])
    strapline = models.CharField(
        max_length=200,
        blank=True,
        default=(
            "Representing GP practices in Hull, East Riding, North Lincolnshire and North East Lincolnshire"
        ),
    )
    address = models.TextField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    email = models.EmailField(blank=True)
    icb_name = models.CharField(
        "ICB",
        max_length=200,
        default="NHS Humber and North Yorkshire Integrated Care Board",
        validators=[validate_editor_text],
        help_text="The Integrated Care Board (commissioner) that letters copy and report to.",
    )
    primary_colour = models.CharField(
        max_length=7,
        default="#1d4f6e",
        validators=[validate_dark_colour],
        help_text="Header and button colour, as #RRGGBB; must be dark enough for white text.",
    )
    accent_colour = models.CharField(
        max_length=7,
        default="#7a2e5c",
        validators=[validate_dark_colour],
        help_text="Links and highlights, as #RRGGBB; must be dark enough to read on white.",
    )

    panels = [
        MultiFieldPanel([FieldPanel("name"), FieldPanel("strapline")], heading="Name"),
        MultiFieldPanel(
            [FieldPanel("address"), FieldPanel("phone"), FieldPanel("email")], heading="Contact details"
        ),
        FieldPanel("icb_name"),
        MultiFieldPanel([FieldPanel("primary_colour"), FieldPanel("accent_colour")], heading="Colours"),
    ]

    class Meta:
        verbose_name = "Site identity"

    def __str__(self) -> str:
        return self.name

    @classmethod
    def for_request(cls, request):
        """The site's identity, read from the database once per purge (it is on every page and letter).

        Saving the setting purges, so a change shows on the next request. The admin's edit screen uses
        ``for_site`` and always reads the database.
        """
        attr_name = cls.get_cache_attr_name()
        site = None if hasattr(request, attr_name) else Site.find_for_request(request)
        if site is not None:
            identity = remember(f"site-identity:{site.pk}", lambda: cls.for_site(site))
            identity._request = request  # as Wagtail's own for_request does (page URLs)
            setattr(request, attr_name, identity)
        return super().for_request(request)

    @property
    def theme_version(self) -> str:
        """A short hash of the colours, so the theme stylesheet URL changes when they do."""
        return hashlib.sha256(f"{self.primary_colour}{self.accent_colour}".encode()).hexdigest()[:10]
