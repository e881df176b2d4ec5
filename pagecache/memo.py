"""Values derived from published content, kept in this process until the next purge.

The site chrome, the site a host name maps to, the site settings and the published letter wording
change only when an editor publishes or saves content, and every such change mints a new purge
generation (``pagecache.purge``). ``remember`` keeps a value in Django's per-process default cache
under the current generation, so it is computed once per worker per change and is never served
stale. The default cache (local memory) pickles values, so every caller gets its own copy: model
instances are never shared between requests or threads.

The generation is read once per request (``request_generation``, entered by the page cache
middleware) instead of once per value.
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TypeVar

from django.core.cache import cache

from pagecache.purge import current_generation

T = TypeVar("T")

MEMO_SECONDS = 600
_MISSING = object()
_generation: ContextVar[str | None] = ContextVar("pagecache_generation", default=None)


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
    """``compute()``, kept in this process until content changes (or ``timeout`` seconds pass)."""
    full_key = f"memo:{generation()}:{key}"
    value = cache.get(full_key, _MISSING)
    if value is _MISSING:
        value = compute()
        cache.set(full_key, value, timeout)
    return value
