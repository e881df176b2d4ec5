"""Reading configuration from environment variables, with one-line errors for bad values.

A missing or malformed variable stops the process with a message naming the variable
(``SystemExit``), rather than a traceback from deep inside Django.
"""

import os

import dj_database_url

DEFAULT_SQLITE_URL = "sqlite:///var/db.sqlite3"


class ConfigurationError(SystemExit):
    """Raised for a missing or malformed environment variable; prints one line and exits."""

    def __init__(self, message: str) -> None:
        super().__init__(f"Configuration error: {message}")


def env_str(name: str, default: str | None = None) -> str:
    """Return the variable ``name``; without a default it must be set and non-empty."""
    value = os.environ.get(name, "").strip()
    if value:
        return value
    if default is None:
        raise ConfigurationError(f"{name} must be set (see .env.example).")
    return default


def env_bool(name: str, default: bool) -> bool:
    """Return a yes/no variable: 1/true/yes/on or 0/false/no/off."""
    value = os.environ.get(name, "").strip().lower()
    if not value:
        return default
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ConfigurationError(f"{name} must be true or false, not {value!r}.")


def env_list(name: str, default: str | None = None) -> list[str]:
    """Return a comma-separated variable as a list of non-empty items."""
    return [item.strip() for item in env_str(name, default).split(",") if item.strip()]


def database_config(url: str, *, conn_max_age: int = 0) -> dict:
    """Turn a ``DATABASE_URL`` into Django's database settings, or exit with a clear message."""
    try:
        config = dj_database_url.parse(url, conn_max_age=conn_max_age, conn_health_checks=True)
    except (ValueError, KeyError):
        raise ConfigurationError(
            "DATABASE_URL is not a database address Django understands; "
            "use e.g. postgres://user:password@host:5432/lmc_portal or sqlite:///var/db.sqlite3."
        ) from None
    engine = config.get("ENGINE", "")
    if not engine or (not config.get("NAME") and "sqlite" not in engine):
        raise ConfigurationError(
            "DATABASE_URL must name a database, e.g. postgres://user@host:5432/lmc_portal."
        )
    return config
