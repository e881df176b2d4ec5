"""The health check, the theme stylesheet, and the 404 and 500 pages."""

from unittest import mock

import pytest
from django.db import OperationalError
from django.test import Client, override_settings
from django.urls import path

from core.models import SiteIdentity, contrast_with_white, validate_dark_colour


def broken_view(request):
    raise RuntimeError("boom")


urlpatterns = [path("broken/", broken_view)]


@pytest.mark.django_db
def test_healthz_reports_ok_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "database": "ok",
        "caches": {"default": "ok", "pages": "ok", "ratelimit": "ok"},
    }
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_healthz_reports_503_when_the_database_is_down(client):
    with mock.patch("core.views.connection.cursor", side_effect=OperationalError("connection refused")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"


@pytest.mark.django_db
def test_unknown_address_shows_the_friendly_404_page(client, home_page):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    text = response.content.decode()
    assert "Page not found" in text
    assert "Skip to main content" in text
    assert "Humberside LMC" in text  # the site chrome renders, with the LMC's name


@pytest.mark.django_db
def test_500_page_renders_without_touching_the_database(django_assert_num_queries):
    from django.test import RequestFactory
    from django.views.defaults import server_error

    with django_assert_num_queries(0):
        response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert "Sorry, something went wrong" in response.content.decode()


@override_settings(ROOT_URLCONF=__name__)
def test_an_unexpected_error_shows_the_500_page_and_no_traceback():
    response = Client(raise_request_exception=False).get("/broken/")
    assert response.status_code == 500
    text = response.content.decode()
    assert "Sorry, something went wrong" in text
    assert "Traceback" not in text and "boom" not in text


@pytest.mark.django_db
def test_theme_stylesheet_carries_the_lmc_colours(client, home_page):
    identity = SiteIdentity.for_site(home_page.get_site())
    identity.primary_colour = "#123456"
    identity.save()
    response = client.get("/theme.css")
    assert response["Content-Type"].startswith("text/css")
    assert "--brand: #123456;" in response.content.decode()
    page = client.get("/").content.decode()
    assert f"/theme.css?v={identity.theme_version}" in page


def test_brand_colours_must_be_dark_enough_for_white_text():
    from django.core.exceptions import ValidationError

    validate_dark_colour("#1d4f6e")
    assert contrast_with_white("#1d4f6e") >= 4.5
    with pytest.raises(ValidationError, match="contrast"):
        validate_dark_colour("#ffff00")
    with pytest.raises(ValidationError, match="six hex digits"):
        validate_dark_colour("red")
