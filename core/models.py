"""Site-wide settings LMC staff edit in the admin (Settings → Site identity)."""

import hashlib
import re

from django.core.exceptions import ValidationError
from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.images import get_image_model_string
from wagtail.models import Site

from core.remembered import remember
from letters.validation import validate_editor_text

HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


# The backgrounds the two brand colours meet (static/css/portal.css, checked by a test): white pages,
# cards and buttons; the grey footer, filters and panels (--surface); warning panels (--warning-bg).
# Text in either colour, or white text on the header colour, must reach WCAG AA on every one of them.
BACKGROUNDS = {
    "#ffffff": "white",
    "#f3f4f5": "the grey of the footer and panels",
    "#fff4e5": "the pale orange of warnings",
}
MIN_CONTRAST = 4.5


def _relative_luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(first: str, second: str) -> float:
    """WCAG contrast ratio between two #RRGGBB colours (1 to 21)."""
    lighter, darker = sorted((_relative_luminance(first), _relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def contrast_with_white(hex_colour: str) -> float:
    """WCAG contrast ratio between ``hex_colour`` and white (1 to 21)."""
    return contrast_ratio(hex_colour, "#ffffff")


def validate_dark_colour(value: str) -> None:
    """A brand colour must be a #RRGGBB hex value readable (WCAG AA, 4.5:1) on every background the
    site shows it on, and with white text on it."""
    if not HEX_COLOUR.match(value):
        raise ValidationError("Enter a colour as # followed by six hex digits, e.g. #1d4f6e.")
    for background, where in BACKGROUNDS.items():
        ratio = contrast_ratio(value, background)
        if ratio < MIN_CONTRAST:
            raise ValidationError(
                f"Text in this colour on {where} ({background}) has a contrast of {ratio:.1f}:1; it needs "
                f"at least {MIN_CONTRAST}:1. Choose a darker colour."
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
        help_text=(
            "Header and button colour, as #RRGGBB; must be dark enough for white text, and to read on "
            "white and on the grey and pale orange panels."
        ),
    )
    accent_colour = models.CharField(
        max_length=7,
        default="#7a2e5c",
        validators=[validate_dark_colour],
        help_text=(
            "Links and highlights, as #RRGGBB; must be dark enough to read on white and on the grey "
            "and pale orange panels."
        ),
    )
    logo = models.ForeignKey(
        get_image_model_string(),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The LMC's own logo, shown in the header beside its name: PNG or JPEG, 96 px high or more.",
    )
    logo_alt_text = models.CharField(
        "logo text alternative",
        max_length=200,
        blank=True,
        validators=[validate_editor_text],
        help_text=(
            'What the logo says, for people who cannot see it, e.g. "Humberside LMC logo". Needed when '
            "a logo is chosen."
        ),
    )
    # Pages linked from every page's footer, chosen (and so renamed or replaced) by the LMC.
    about_page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    contact_page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="privacy notice",
    )
    accessibility_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="accessibility statement",
    )

    FOOTER_PAGE_FIELDS = ("about_page", "contact_page", "privacy_page", "accessibility_page")

    panels = [
        MultiFieldPanel([FieldPanel("name"), FieldPanel("strapline")], heading="Name"),
        MultiFieldPanel([FieldPanel("logo"), FieldPanel("logo_alt_text")], heading="Logo"),
        MultiFieldPanel(
            [FieldPanel("address"), FieldPanel("phone"), FieldPanel("email")], heading="Contact details"
        ),
        FieldPanel("icb_name"),
        MultiFieldPanel([FieldPanel("primary_colour"), FieldPanel("accent_colour")], heading="Colours"),
        MultiFieldPanel(
            [FieldPanel(name) for name in FOOTER_PAGE_FIELDS],
            heading="Footer links",
            help_text="Pages linked at the foot of every page; each shows only while its page is published.",
        ),
    ]

    class Meta:
        verbose_name = "Site identity"

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        """A logo needs its text alternative: the header would otherwise announce nothing for it."""
        super().clean()
        if self.logo_id and not self.logo_alt_text.strip():
            raise ValidationError(
                {"logo_alt_text": 'Say what the logo says, e.g. "Humberside LMC logo", or remove the logo.'}
            )

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
