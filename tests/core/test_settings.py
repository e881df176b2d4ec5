"""Settings: development defaults, production requirements, and one-line configuration errors."""

import subprocess
import sys
from pathlib import Path

import pytest

from lmc_portal.settings.env import ConfigurationError, database_config, env_bool
from tests.subprocess_env import child_environment

REPO = Path(__file__).resolve().parents[2]
GOOD_KEY = "k3Y-" + "x7Qp2mZ9" * 7  # long and varied enough for check --deploy
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "lmc_portal.settings.production",
    "SECRET_KEY": GOOD_KEY,
    "ALLOWED_HOSTS": "portal.example",
    "DATABASE_URL": "sqlite:///var/settings-test.sqlite3",
}


def run_manage(*args: str, env_overrides: dict[str, str | None]) -> subprocess.CompletedProcess:
    """Run manage.py in a fresh interpreter with the given environment changes (None removes)."""
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=REPO,
        env=child_environment(env_overrides),
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_development_uses_sqlite_by_default():
    config = database_config("sqlite:///var/db.sqlite3")
    assert config["ENGINE"] == "django.db.backends.sqlite3"
    assert str(config["NAME"]).endswith("var/db.sqlite3")


def test_database_url_selects_postgresql():
    config = database_config("postgres://postgres@127.0.0.1:5432/lmc_portal")
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert config["NAME"] == "lmc_portal"
    assert config["CONN_HEALTH_CHECKS"] is True


@pytest.mark.parametrize("url", ["nonsense", "ftp://host/db", "postgres://"])
def test_malformed_database_url_is_a_configuration_error(url):
    with pytest.raises(ConfigurationError) as raised:
        database_config(url)
    assert "DATABASE_URL" in str(raised.value)


def test_env_bool_rejects_values_that_are_not_yes_or_no(monkeypatch):
    monkeypatch.setenv("SECURE_SSL_REDIRECT", "maybe")
    with pytest.raises(ConfigurationError, match="SECURE_SSL_REDIRECT must be true or false"):
        env_bool("SECURE_SSL_REDIRECT", True)


def test_production_settings_pass_the_deployment_checklist():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env_overrides=PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_production_is_hardened_where_development_is_not():
    show = (
        "from django.conf import settings as s; "
        "print(s.DEBUG, s.SESSION_COOKIE_SECURE, s.SECURE_HSTS_SECONDS)"
    )
    production = run_manage("shell", "-c", show, env_overrides=PRODUCTION_ENV)
    development = run_manage(
        "shell", "-c", show, env_overrides={"DJANGO_SETTINGS_MODULE": "lmc_portal.settings.dev"}
    )
    assert production.stdout.splitlines()[-1].split() == ["False", "True", "31536000"]
    assert development.stdout.splitlines()[-1].split()[:2] == ["True", "False"]


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("SECRET_KEY", None, "SECRET_KEY must be set"),
        ("SECRET_KEY", "short", "SECRET_KEY must be at least 50"),
        ("DATABASE_URL", None, "DATABASE_URL must be set"),
        ("DATABASE_URL", "mysql//broken", "DATABASE_URL is not a database address"),
        ("ALLOWED_HOSTS", None, "ALLOWED_HOSTS must be set"),
    ],
)
def test_production_fails_at_start_with_one_line_naming_the_variable(variable, value, message):
    result = run_manage("check", env_overrides={**PRODUCTION_ENV, variable: value})
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr  # one line, no traceback
    assert lines[0].startswith("Configuration error:")
    assert message in lines[0]
