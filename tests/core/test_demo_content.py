"""The demo-content and admin commands that `make run` calls."""

from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import Site

from guidance.models import HomePage


def row_counts() -> dict[str, int]:
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


@pytest.mark.django_db
def test_demo_content_is_idempotent(client):
    call_command("load_demo_content", stdout=StringIO())
    after_first = row_counts()
    output = StringIO()
    call_command("load_demo_content", stdout=output)
    assert row_counts() == after_first
    assert "Demo content is in place." in output.getvalue()
    assert HomePage.objects.count() == 1
    assert Site.objects.get(is_default_site=True).root_page.specific_class is HomePage


@pytest.mark.django_db
def test_demo_home_page_routes_to_guidance_and_letters(client):
    call_command("load_demo_content", stdout=StringIO())
    response = client.get("/")
    text = response.content.decode()
    assert response.status_code == 200
    assert "Humberside LMC" in text
    assert 'href="/letters/"' in text
    assert "Interface guidance" in text


@pytest.mark.django_db
def test_ensure_admin_creates_one_admin_once_and_prints_the_login(tmp_path, monkeypatch):
    from core.management.commands import ensure_admin

    monkeypatch.setattr(ensure_admin, "PASSWORD_FILE", tmp_path / "admin-password.txt")
    first, second = StringIO(), StringIO()
    call_command("ensure_admin", stdout=first)
    call_command("ensure_admin", stdout=second)
    assert get_user_model().objects.filter(is_superuser=True).count() == 1
    password = (tmp_path / "admin-password.txt").read_text().strip()
    assert f"password: {password}" in first.getvalue()
    assert f"password: {password}" in second.getvalue()
    assert get_user_model().objects.get(username="admin").check_password(password)


@pytest.mark.django_db
def test_demo_fills_the_home_page_footer_and_logo(client):
    from bs4 import BeautifulSoup

    call_command("load_demo_content", stdout=StringIO())
    soup = BeautifulSoup(client.get("/").content, "html.parser")
    most_used = soup.find(id="home-most-used-heading").find_parent("section")
    picks = [a.get_text(strip=True) for a in most_used.find("ul").find_all("a")]
    assert len(picks) == 5 and picks[0].startswith("Declined referrals")
    for a in most_used.find("ul").find_all("a"):
        assert client.get(a["href"]).status_code == 200
    whats_new = soup.find(id="home-whats-new-heading").find_parent("section")
    assert len(whats_new.find("ul").find_all("time")) == 5
    footer_links = {a.get_text(strip=True): a["href"] for a in soup.find("footer").find("nav").find_all("a")}
    assert list(footer_links) == [
        "About Humberside LMC",
        "Contact the LMC",
        "Privacy notice",
        "Accessibility statement",
    ]
    for href in footer_links.values():
        assert client.get(href).status_code == 200
    logo = soup.find("header").find("img")
    assert logo["alt"] == "Humberside LMC logo"
    assert client.get(logo["src"]).status_code == 200


@pytest.mark.django_db
def test_demo_accessibility_statement_follows_the_govuk_model_and_marks_what_the_lmc_must_add(client):
    from bs4 import BeautifulSoup

    call_command("load_demo_content", stdout=StringIO())
    page = BeautifulSoup(client.get("/accessibility/").content, "html.parser").find("main")
    headings = [h.get_text(strip=True) for h in page.find_all(["h2", "h3"])]
    assert headings == [
        "How accessible this website is",
        "Feedback and contact information",
        "Enforcement procedure",
        "Technical information about this website's accessibility",
        "Compliance status",
        "Non-accessible content",
        "What we're doing to improve accessibility",
        "Preparation of this accessibility statement",
    ]
    text = page.get_text(" ", strip=True)
    assert "fully compliant" in text and "do not claim" in text  # no claim the site was never audited for
    assert "[LMC to add:" in text


@pytest.mark.django_db
def test_a_rerun_leaves_the_lmcs_own_footer_and_home_page_choices_alone(client, admin_user):
    from core.models import SiteIdentity
    from guidance.models import MostUsedGuidance

    call_command("load_demo_content", stdout=StringIO())
    site = Site.objects.get(is_default_site=True)
    identity = SiteIdentity.for_site(site)
    identity.about_page = None
    identity.save()
    home = HomePage.objects.get()
    home.most_used = [MostUsedGuidance(page=home.most_used.first().page)]
    home.save_revision(user=admin_user).publish()
    call_command("load_demo_content", stdout=StringIO())
    assert SiteIdentity.for_site(site).about_page is None
    assert HomePage.objects.get().most_used.count() == 1
