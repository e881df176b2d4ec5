"""The site identity an LMC edits: its logo (with a text alternative), the footer's pages and colours
readable on every background the site shows them on."""

import io
import re

import pytest
from bs4 import BeautifulSoup
from django.conf import settings as django_settings
from django.core.exceptions import ValidationError
from django.core.files.images import ImageFile
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Site

from core.models import BACKGROUNDS, SiteIdentity, contrast_ratio, validate_dark_colour
from tests.guidance.factories import InformationPageFactory


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def identity(home_page) -> SiteIdentity:
    return SiteIdentity.for_site(Site.objects.get(is_default_site=True))


def make_logo(title: str = "Our logo"):
    buffer = io.BytesIO()
    PILImage.new("RGB", (300, 150), "#1d4f6e").save(buffer, "PNG")
    return get_image_model().objects.create(title=title, file=ImageFile(buffer, name="logo.png"))


def header_of(client) -> BeautifulSoup:
    return BeautifulSoup(client.get("/").content, "html.parser").find("header")


@pytest.mark.django_db
def test_the_logo_shows_in_the_header_with_its_text_alternative_from_this_site(client, identity, media):
    identity.logo = make_logo()
    identity.logo_alt_text = "Humberside LMC logo"
    identity.full_clean()
    identity.save()
    image = header_of(client).find("img")
    assert image["alt"] == "Humberside LMC logo"
    assert image["height"] == "96"
    assert image["src"].startswith("/images/")  # this site's own address: the CSP allows only 'self'
    served = client.get(image["src"])
    assert served.status_code == 200
    assert served["Content-Type"] == "image/png"
    assert PILImage.open(io.BytesIO(b"".join(served.streaming_content))).height == 96


@pytest.mark.django_db
def test_without_a_logo_the_header_has_no_image(client, identity):
    assert header_of(client).find("img") is None


@pytest.mark.django_db
def test_a_logo_whose_file_is_missing_leaves_the_name_alone(client, identity, media):
    identity.logo = make_logo()
    identity.logo_alt_text = "Logo"
    identity.save()
    (media / identity.logo.file.name).unlink()
    response = client.get("/")
    assert response.status_code == 200
    assert BeautifulSoup(response.content, "html.parser").find("header").find("img") is None


@pytest.mark.django_db
def test_a_logo_needs_its_text_alternative(identity, media):
    identity.logo = make_logo()
    identity.logo_alt_text = "  "
    with pytest.raises(ValidationError) as error:
        identity.full_clean()
    assert "logo_alt_text" in error.value.message_dict


@pytest.mark.django_db
def test_the_admin_form_refuses_a_logo_without_alt_text_and_says_why(client, identity, media, admin_user):
    client.force_login(admin_user)
    logo = make_logo()
    url = reverse("wagtailsettings:edit", args=["core", "siteidentity", identity.site_id])
    form = client.get(url)
    assert form.status_code == 200
    data = {
        "name": identity.name,
        "strapline": identity.strapline,
        "icb_name": identity.icb_name,
        "primary_colour": identity.primary_colour,
        "accent_colour": identity.accent_colour,
        "logo": logo.pk,
        "logo_alt_text": "",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Say what the logo says" in response.content.decode()
    identity.refresh_from_db()
    assert identity.logo_id is None
    response = client.post(url, {**data, "logo_alt_text": "Humberside LMC logo"})
    assert response.status_code == 302
    identity.refresh_from_db()
    assert identity.logo_id == logo.pk


@pytest.mark.django_db
def test_the_footer_links_the_pages_chosen_in_the_site_identity_while_they_are_published(client, identity):
    about = InformationPageFactory(parent=identity.site.root_page, title="About us")
    privacy = InformationPageFactory(parent=identity.site.root_page, title="Privacy notice")
    draft = InformationPageFactory(
        parent=identity.site.root_page, title="Accessibility statement", live=False
    )
    identity.about_page, identity.privacy_page, identity.accessibility_page = about, privacy, draft
    identity.save()
    footer = BeautifulSoup(client.get("/").content, "html.parser").find("footer")
    links = [(a.get_text(strip=True), a["href"]) for a in footer.find("nav").find_all("a")]
    assert links == [("About us", about.url), ("Privacy notice", privacy.url)]
    # Renaming the page renames the link: the LMC edits the page, not the footer.
    about.title = "About Humberside LMC"
    about.save_revision().publish()
    footer = BeautifulSoup(client.get("/").content, "html.parser").find("footer")
    assert footer.find("nav").find("a").get_text(strip=True) == "About Humberside LMC"


@pytest.mark.django_db
def test_an_information_page_renders_its_summary_as_the_description(client, identity):
    page = InformationPageFactory(
        parent=identity.site.root_page, title="Contact the LMC", summary="How to reach us."
    )
    response = client.get(page.url)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.find("h1").get_text() == "Contact the LMC"
    assert soup.find("meta", attrs={"name": "description"})["content"] == "How to reach us."


def test_a_colour_readable_on_white_but_not_on_the_grey_footer_is_refused():
    assert contrast_ratio("#767676", "#ffffff") >= 4.5  # the old check, against white only, accepted it
    with pytest.raises(ValidationError, match="grey of the footer"):
        validate_dark_colour("#767676")
    validate_dark_colour("#6f6f6f")  # 4.56:1 on the grey: readable everywhere


def test_the_checked_backgrounds_are_the_stylesheets_own():
    """The backgrounds the colours meet are read from the stylesheet, so the check follows it."""
    css = (django_settings.BASE_DIR / "static" / "css" / "portal.css").read_text()
    properties = dict(re.findall(r"--([\w-]+):\s*(#[0-9a-fA-F]{6})", css))
    assert set(BACKGROUNDS) == {"#ffffff", properties["surface"].lower(), properties["warning-bg"].lower()}
    # Every background colour the stylesheet gives a panel is one of them (or white / a print rule).
    panels = set(re.findall(r"background(?:-color)?:\s*var\(--([\w-]+)\)", css)) - {"brand", "focus"}
    assert {properties[name].lower() for name in panels} <= set(BACKGROUNDS)
