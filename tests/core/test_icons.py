"""The portal's own icon (no 404 for /favicon.ico on every page, no borrowed logo)."""

import re

import pytest
from django.contrib.staticfiles import finders

pytestmark = pytest.mark.django_db


def test_pages_name_the_icon_and_favicon_ico_leads_to_it(client, home_page):
    html = client.get("/").content.decode()
    icons = re.findall(r'<link rel="(?:icon|apple-touch-icon)" href="([^"]+)"', html)
    assert len(icons) == 3
    for url in icons:
        assert finders.find(url.removeprefix("/static/")), url  # each file is shipped
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"] == "/static/icons/favicon.ico"


def test_the_icon_is_our_own_mark():
    with open(finders.find("icons/favicon.svg")) as icon:
        svg = icon.read()
    assert "<svg" in svg and "NHS" not in svg and "http" not in svg.replace("http://www.w3.org/2000/svg", "")
