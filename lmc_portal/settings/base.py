"""Settings every environment shares. No secrets here: they come from the environment."""

from datetime import timedelta
from pathlib import Path

from csp.constants import NONE, SELF

from .env import DEFAULT_SQLITE_URL, database_config, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent
# This machine's own files: SQLite (make run), media on local disk, the one-machine caches.
VAR_DIR = Path(env_str("VAR_DIR", str(BASE_DIR / "var")))

INSTALLED_APPS = [
    "core",
    "guidance",
    "letters",
    "reporting",
    "pagecache",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.typed_table_block",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.frontend_cache",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail_2fa",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "csp",
    "axes",
    "django_tasks",
    "django_tasks_db",
]

# Background tasks (guidance/tasks.py; Wagtail's own too). TASKS_BACKEND=database queues them in the
# database for `manage.py db_worker` (the compose "worker" service); otherwise they run at once, in
# the request that queued them (make run, tests).
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend"
        if env_str("TASKS_BACKEND", "immediate") == "database"
        else "django_tasks.backends.immediate.ImmediateBackend"
    }
}

MIDDLEWARE = [
    # Anonymous page cache: hits replay the stored page and its headers (security headers and CSP
    # included) before anything below runs; see pagecache/middleware.py.
    "pagecache.middleware.AnonymousPageCacheMiddleware",
    # Private documents are sent with never-cache headers, so neither cache above stores them.
    "guidance.private_documents.NeverCachePrivateDocumentsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "core.middleware.PortalCSPMiddleware",
    "core.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "core.middleware.RateLimitMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Two-factor sign-in for the admin (wagtail-2fa, TOTP apps), required when WAGTAIL_2FA_REQUIRED.
    "wagtail_2fa.middleware.VerifyUserMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "core.middleware.StorageErrorMiddleware",
    "core.middleware.PatientDataErrorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Keep last: turns a locked-out admin sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "lmc_portal.urls"
WSGI_APPLICATION = "lmc_portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

DATABASES = {"default": database_config(env_str("DATABASE_URL", DEFAULT_SQLITE_URL))}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Uploaded documents and images on S3-compatible object storage (AWS S3, MinIO, …) when S3_BUCKET
# is set, shared by every machine; otherwise on this machine's disk (MEDIA_ROOT). Files stay
# private in the bucket: documents are served through Wagtail's view with its permission checks.
S3_BUCKET = env_str("S3_BUCKET", "")
if S3_BUCKET:
    from botocore.config import Config as _BotoConfig

    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "endpoint_url": env_str("S3_ENDPOINT_URL", "") or None,
            "region_name": env_str("S3_REGION", "") or None,
            "access_key": env_str("S3_ACCESS_KEY_ID", "") or None,
            "secret_key": env_str("S3_SECRET_ACCESS_KEY", "") or None,
            "location": env_str("S3_PREFIX", "media"),
            "default_acl": None,
            "querystring_auth": True,
            "file_overwrite": False,
            # A slow or unreachable store fails an upload or download quickly, with a message.
            "client_config": _BotoConfig(
                connect_timeout=3, read_timeout=20, retries={"max_attempts": 2, "mode": "standard"}
            ),
        },
    }

# Complex pages can exceed Django's default of 1000 fields in Wagtail's editor.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Seconds a PDF letter may take before the user is given the Word file instead
# (letters/services/render_pdf.py).
LETTER_PDF_TIMEOUT = float(env_str("LETTER_PDF_TIMEOUT", "20"))

# Logging: request details go to the console; POST bodies and form values are never logged
# (letters carry patient identifiers; see letters/views.py).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

# Two-factor sign-in (wagtail-2fa): off for `make run` and tests, on in production (ADMIN_TWO_FACTOR).
WAGTAIL_2FA_REQUIRED = env_str("ADMIN_TWO_FACTOR", "false").lower() == "true"
OTP_TOTP_ISSUER = "LMC interface portal"

# --- Wagtail ---------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Humberside LMC interface portal"
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_DOCUMENT_MODEL = "guidance.GuidanceDocument"
# Documents go through Django so permissions and headers apply; links stay stable.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "doc", "odt", "xlsx", "csv", "txt", "rtf", "pptx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024  # 20 MB
# Checks that an upload really is what its extension says (guidance/forms.py).
WAGTAILDOCS_DOCUMENT_FORM_BASE = "guidance.forms.GuidanceDocumentForm"
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILADMIN_NOTIFICATION_USE_HTML = True

# --- Security (see core/middleware.py, core/security.py, docs/operations.md) ------------------
# Reverse proxies in front of the app that append to X-Forwarded-For (nginx: 1). 0 = direct.
TRUSTED_PROXY_COUNT = int(env_str("TRUSTED_PROXY_COUNT", "0"))
# The addresses those proxies connect from; X-Forwarded-For from anywhere else is ignored. Default:
# this machine and private networks (a proxy container, a load balancer in the same network).
TRUSTED_PROXY_NETWORKS = env_str(
    "TRUSTED_PROXY_NETWORKS", "127.0.0.0/8,::1/128,10.0.0.0/8,172.16.0.0/12,192.168.0.0/16,fc00::/7"
).split(",")

# A form whose CSRF check fails gets the portal's own page (templates/403_csrf.html).
CSRF_FAILURE_VIEW = "core.views.csrf_failure"

# Content-Security-Policy (django-csp): no inline script or style, nothing from other origins.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        # data: for the practice's logo in the letter preview, carried in the page, never fetched.
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# Wagtail's admin (and its page previews) needs inline scripts and style attributes; still same-origin.
CSP_ADMIN_PATH_PREFIXES = ["/admin/"]
# No Gravatar: it is a third-party origin and would tell it which editors use the admin.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
CSP_ADMIN_DIRECTIVES = {
    "default-src": [SELF],
    "script-src": [SELF, "'unsafe-inline'"],
    "style-src": [SELF, "'unsafe-inline'"],
    "img-src": [SELF, "data:", "blob:"],
    "font-src": [SELF, "data:"],
    "connect-src": [SELF],
    "frame-src": [SELF],
    "object-src": [NONE],
    "base-uri": [SELF],
    "form-action": [SELF],
    "frame-ancestors": [SELF],
}
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
}

# Rate limits per client IP (core.middleware.RateLimitMiddleware); over the limit → templates/429.html.
RATE_LIMIT_ENABLED = True
RATE_LIMIT_CACHE = "ratelimit"  # a cache every worker shares (Redis when there are several machines)
RATE_LIMITS = [
    {"path": "/letters/", "methods": ["POST"], "requests": 30, "seconds": 60},
    {"path": "/search/", "methods": ["GET", "HEAD"], "requests": 60, "seconds": 60},
    {"path": "/admin/login/", "methods": ["POST"], "requests": 20, "seconds": 300},
    # Reports of interface problems: generous, as a practice may send several and practices on the
    # NHS network can share one outward address; enough to stop a script filling the LMC's inbox.
    {"path": "/report-a-problem/", "methods": ["POST"], "requests": 20, "seconds": 600},
    # Letters counted for the LMC: one press per letter, so as many as a busy shared address makes.
    {"path": "/count-a-letter/", "methods": ["POST"], "requests": 30, "seconds": 600},
]

# Unexpected errors under these paths are logged without their message (core.middleware).
PATIENT_DATA_PATH_PREFIXES = ["/letters/", "/report-a-problem/", "/count-a-letter/"]

# Admin sign-in throttling (django-axes): 5 failures for one username from one address → 15 minutes.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "core.security.client_ip"
AXES_LOCKOUT_TEMPLATE = "lockout.html"

# --- Caches (core/caching.py) and the anonymous page cache (pagecache/, docs/performance.md) -----
# The page cache is off here (development sees template edits at once); production turns it on.
# Three caches: "default" (values remembered until content changes, Wagtail's own), "pages" (whole
# pages and the content version every machine must agree on) and "ratelimit" (counters). Without
# REDIS_URL (make run, tests, one machine): memory and folders under var/, shared by the workers of
# this machine only. With REDIS_URL all three live in Redis, shared by every machine. A fault in
# any of them degrades the site (served uncached) and never fails a request.
PAGE_CACHE_ENABLED = False
PAGE_CACHE_SECONDS = int(env_str("PAGE_CACHE_SECONDS", "600"))
PAGE_CACHE_ALIAS = "pages"
# A CDN or caching proxy in front (docs/deployment.md): how long it may hold an anonymous page, and
# where to send purges (Wagtail's frontend cache, HTTP PURGE as nginx or Varnish take it).
SHARED_CACHE_SECONDS = int(env_str("SHARED_CACHE_SECONDS", "0"))
FRONTEND_CACHE_PURGE_URL = env_str("FRONTEND_CACHE_PURGE_URL", "")
WAGTAILFRONTENDCACHE = (
    {
        "proxy": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": FRONTEND_CACHE_PURGE_URL,
        }
    }
    if FRONTEND_CACHE_PURGE_URL
    else {}
)
REDIS_URL = env_str("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        alias: {
            "BACKEND": "core.caching.FailSafeRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": alias,
            # Fail fast when Redis is unreachable or hung: the page is then served without it.
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
        for alias in ("default", "pages", "ratelimit")
    }
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "KEY_PREFIX": "default"},
        "pages": {
            "BACKEND": "core.caching.FailSafeFileCache",
            "LOCATION": env_str("PAGE_CACHE_DIR", str(VAR_DIR / "page-cache")),
            "KEY_PREFIX": "pages",
            # Version 1 files were stored without compression (the retired PageFileCache), which
            # Django's reader cannot open: version 2 keys never read them.
            "VERSION": 2,
            "OPTIONS": {"MAX_ENTRIES": 5000},
        },
        # Rate-limit counters (core.middleware.RateLimitMiddleware): shared by every gunicorn worker.
        "ratelimit": {
            "BACKEND": "core.caching.FailSafeFileCache",
            "LOCATION": env_str("RATE_LIMIT_CACHE_DIR", str(VAR_DIR / "ratelimit-cache")),
            "KEY_PREFIX": "ratelimit",
            "OPTIONS": {"MAX_ENTRIES": 20000},
        },
    }
