"""Test settings: like development, but fast hashing, in-memory mail and no DEBUG."""

from .dev import *  # noqa: F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
ALLOWED_HOSTS = ["*"]
MEDIA_ROOT = BASE_DIR / "var" / "test-media"  # noqa: F405
# Throttles off by default so tests may log in and POST freely; tests/security turns them back on.
AXES_ENABLED = False
RATE_LIMIT_ENABLED = False
CACHES = {
    **CACHES,  # noqa: F405
    "ratelimit": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "rl"},
}
