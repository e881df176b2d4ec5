"""Values remembered until content changes: the one place for "compute once, until the next publish".

The site chrome, the site a host name maps to, the site settings and the published letter wording
change only when an editor publishes or saves content, and every such change mints a new content
*generation* (``new_generation``, called by ``pagecache.purge`` on Wagtail's signals). The generation
lives in the shared "pages" cache (Redis when there are several machines), so every worker on every
machine sees a change at once. ``remember`` keeps a value in Django's default cache under the current
generation, so it is computed once per change and never served stale. The cache pickles values, so
every caller gets its own copy: model instances are never shared between requests or threads.

The generation is read once per request (``request_generation``, entered by the page cache
middleware) instead of once per value. Whole cached pages are keyed by it too (pagecache).
"""

import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache, caches

T = TypeVar("T")

MEMO_SECONDS = 600
GENERATION_KEY = "pagecache:generation"
_MISSING = object()
_generation: ContextVar[str | None] = ContextVar("content_generation", default=None)


def _shared_cache():
    return caches[getattr(settings, "PAGE_CACHE_ALIAS", "pages")]


def current_generation() -> str:
    """The token every remembered value's and cached page's key includes; minted if it was evicted.

    If the shared cache is down, a fresh token each time: nothing is remembered until it is back.
    """
    shared = _shared_cache()
    generation = shared.get(GENERATION_KEY)
    if generation is None:
        shared.add(GENERATION_KEY, uuid.uuid4().hex, timeout=None)
        generation = shared.get(GENERATION_KEY) or uuid.uuid4().hex
    return generation


def new_generation() -> None:
    """Retire every remembered value and cached page now, in every process sharing the cache."""
    _shared_cache().set(GENERATION_KEY, uuid.uuid4().hex, timeout=None)


@contextmanager
def request_generation() -> Iterator[None]:
    """Read the purge generation once for everything ``remember`` does inside the block."""
    token = _generation.set(current_generation())
    try:
        yield
    finally:
        _generation.reset(token)


def generation() -> str:
    """The purge generation of the current request (read now when outside one)."""
    return _generation.get() or current_generation()


def remember(key: str, compute: Callable[[], T], timeout: int = MEMO_SECONDS) -> T:
    """``compute()``, remembered until content changes (or ``timeout`` seconds pass)."""
    full_key = f"memo:{generation()}:{key}"
    value = cache.get(full_key, _MISSING)
    if value is _MISSING:
        value = compute()
        cache.set(full_key, value, timeout)
    return value
