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
