"""Benchmark-only settings: production with a maintained page cache instead of the portal's own.

Used by bench/page_cache_compare.py, never by a deployment. ``BENCH_PAGE_CACHE`` chooses:

- ``django``: Django's per-site cache (UpdateCacheMiddleware first, FetchFromCacheMiddleware last,
  as Django's documentation says), in the same shared ``pages`` cache the portal's own cache uses;
- ``wagtail-cache``: wagtail-cache's middleware (https://pypi.org/project/wagtail-cache/), also in
  ``pages``; only if the package is importable (it is not a dependency of the portal).

The portal's page cache (``pagecache``) is switched off in both; its middleware stays in place (it
also reads the content generation once per request for everything remembered).
"""

import os

from lmc_portal.settings.production import *  # noqa: F403
from lmc_portal.settings.production import INSTALLED_APPS, MIDDLEWARE, PAGE_CACHE_SECONDS

PAGE_CACHE_ENABLED = False
BENCH_PAGE_CACHE = os.environ.get("BENCH_PAGE_CACHE", "django")

if BENCH_PAGE_CACHE == "django":
    MIDDLEWARE = [
        "django.middleware.cache.UpdateCacheMiddleware",
        *MIDDLEWARE,
        "django.middleware.cache.FetchFromCacheMiddleware",
    ]
    CACHE_MIDDLEWARE_ALIAS = "pages"
    CACHE_MIDDLEWARE_SECONDS = PAGE_CACHE_SECONDS
    CACHE_MIDDLEWARE_KEY_PREFIX = "site"
elif BENCH_PAGE_CACHE == "wagtail-cache":
    INSTALLED_APPS = [*INSTALLED_APPS, "wagtailcache"]
    MIDDLEWARE = [
        "wagtailcache.cache.UpdateCacheMiddleware",
        *MIDDLEWARE,
        "wagtailcache.cache.FetchFromCacheMiddleware",
    ]
    WAGTAIL_CACHE_BACKEND = "pages"
    CACHE_MIDDLEWARE_SECONDS = PAGE_CACHE_SECONDS
else:
    raise SystemExit(f"BENCH_PAGE_CACHE must be django or wagtail-cache, not {BENCH_PAGE_CACHE!r}")
