"""Two-factor sign-in for the admin (wagtail-2fa with authenticator-app codes), as in production:
a password alone never opens the admin."""

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

PASSWORD = "correct-horse-battery"


@pytest.fixture
def two_factor(settings):
    settings.WAGTAIL_2FA_REQUIRED = True


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser("officer", "officer@example.com", PASSWORD)


def sign_in(client):
    return client.post(reverse("wagtailadmin_login"), {"username": "officer", "password": PASSWORD})


def test_an_editor_without_an_authenticator_is_sent_to_set_one_up(client, editor, two_factor):
    sign_in(client)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("wagtail_2fa_device_new"))
    setup = client.get(reverse("wagtail_2fa_device_new"))
    assert setup.status_code == 200 and b"qr" in setup.content.lower()
    assert client.get(reverse("wagtailsnippets_letters_lettertemplate:list")).status_code == 302


def test_the_admin_opens_only_with_the_current_code(client, editor, two_factor, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # django-otp makes each retry after a wrong code wait
    device = TOTPDevice.objects.create(user=editor, name="phone", confirmed=True)
    sign_in(client)
    assert client.get(reverse("wagtailadmin_home"))["Location"].startswith(reverse("wagtail_2fa_auth"))

    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    wrong = client.post(reverse("wagtail_2fa_auth"), {"otp_token": f"{(code + 1) % 1_000_000:06d}"})
    assert wrong.status_code == 200  # the form again
    assert client.get(reverse("wagtailadmin_home")).status_code == 302

    client.post(reverse("wagtail_2fa_auth"), {"otp_token": f"{code:06d}"})
    assert client.get(reverse("wagtailadmin_home")).status_code == 200


def test_production_requires_it(monkeypatch):
    import subprocess
    import sys

    from tests.subprocess_env import child_environment

    env = child_environment(
        {
            "DJANGO_SETTINGS_MODULE": "lmc_portal.settings.production",
            "SECRET_KEY": "two-factor-" + "Zq8wX3vR" * 7,
            "ALLOWED_HOSTS": "portal.example",
            "DATABASE_URL": "sqlite:///var/two-factor-check.sqlite3",
        }
    )
    shown = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "shell",
            "-c",
            "from django.conf import settings; print(settings.WAGTAIL_2FA_REQUIRED)",
        ],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()[-1]
    assert shown == "True"
