"""Production: everything secret or site-specific comes from the environment.

Required: SECRET_KEY, DATABASE_URL, ALLOWED_HOSTS. A missing or malformed one stops the
process at start with a one-line message naming it.
"""

from .base import *  # noqa: F403
from .env import database_config, env_bool, env_list, env_str

DEBUG = False
SECRET_KEY = env_str("SECRET_KEY")
if len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5:
    raise SystemExit("Configuration error: SECRET_KEY must be at least 50 random characters.")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", ",")
DATABASES = {
    "default": database_config(env_str("DATABASE_URL"), conn_max_age=int(env_str("CONN_MAX_AGE", "60")))
}

# Behind a TLS-terminating proxy that sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
TRUSTED_PROXY_COUNT = int(env_str("TRUSTED_PROXY_COUNT", "1"))  # nginx in front; see core/security.py
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # the container health check speaks plain HTTP
SECURE_HSTS_SECONDS = 31_536_000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"

# Editors confirm each sign-in with a code from an authenticator app (ADMIN_TWO_FACTOR=false turns it off).
WAGTAIL_2FA_REQUIRED = env_bool("ADMIN_TWO_FACTOR", True)

# Cache whole pages for anonymous visitors, purged on publish (pagecache/, docs/performance.md).
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", True)

STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "portal@localhost")
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", f"https://{ALLOWED_HOSTS[0]}")

# One JSON object per line, for the log collector (LOG_FORMAT=text for plain lines).
LOGGING = {
    **LOGGING,  # noqa: F405
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            **({"formatter": "json"} if env_str("LOG_FORMAT", "json") == "json" else {}),
        }
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}

# Error reports (core/error_reporting.py): off unless SENTRY_DSN is set; never personal data.
SENTRY_DSN = env_str("SENTRY_DSN", "")
if SENTRY_DSN:
    from core.error_reporting import init_error_reporting

    init_error_reporting(
        dsn=SENTRY_DSN,
        environment=env_str("SENTRY_ENVIRONMENT", "production"),
        release=env_str("SENTRY_RELEASE", ""),
        traces_sample_rate=float(env_str("SENTRY_TRACES_SAMPLE_RATE", "0")),
    )
