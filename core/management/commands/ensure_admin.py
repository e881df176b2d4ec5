"""Create a local admin account if there is none, and print how to log in."""

import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

PASSWORD_FILE = Path(settings.BASE_DIR) / "var" / "admin-password.txt"


class Command(BaseCommand):
    help = "Create the 'admin' superuser once (random password kept in var/) and print the login."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--url", default="http://127.0.0.1:8000/admin/")

    def handle(self, *args, url: str, **options) -> None:
        user_model = get_user_model()
        if not user_model.objects.filter(is_superuser=True).exists():
            password = secrets.token_urlsafe(12)
            user_model.objects.create_superuser("admin", "admin@localhost", password)
            PASSWORD_FILE.parent.mkdir(parents=True, exist_ok=True)
            PASSWORD_FILE.write_text(password + "\n")
            PASSWORD_FILE.chmod(0o600)
        self.stdout.write(f"Admin: {url}")
        if PASSWORD_FILE.exists():
            self.stdout.write(f"  username: admin\n  password: {PASSWORD_FILE.read_text().strip()}")
        else:
            self.stdout.write(
                "  An admin account already exists; to set a new password run "
                "`.venv/bin/python manage.py changepassword admin`."
            )
