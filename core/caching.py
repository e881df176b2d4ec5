"""Caches that degrade instead of failing: a cache fault makes the site slower, never unavailable.

Every cache the portal uses is one of Django's own backends (``RedisCache`` when ``REDIS_URL`` is
set; local memory and files otherwise) with ``FailSafe`` in front: when Redis is down or slow, or the
cache folder is full or read-only, a read is a miss, a write is skipped and a counter reads 0, so
pages are served uncached, letters still generate and rate limits fail open. Each fault is logged
(once a minute per cache and process, without keys or values) and remembered, so ``/healthz`` can
report the cache as degraded.
"""

import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache

from pagecache.backends import SweepingFileCache

logger = logging.getLogger(__name__)

LOG_INTERVAL = 60.0


def _cache_errors() -> tuple[type[BaseException], ...]:
    errors: list[type[BaseException]] = [OSError, EOFError]
    try:
        from redis.exceptions import RedisError

        errors.append(RedisError)
    except ImportError:  # Redis is optional: without REDIS_URL it is never used
        pass
    return tuple(errors)


CACHE_ERRORS = _cache_errors()
REST_SECONDS = 5.0
# Per process, by cache name (its KEY_PREFIX): monotonic time of the last fault, and of the last log.
_last_fault: dict[str, float] = {}
_last_logged: dict[str, float] = {}


def cache_status(cache) -> str:
    """ "ok", or "unavailable" if ``cache`` failed a write-and-read just now (or within a few seconds)."""
    probe = "healthz-probe"
    cache.set(probe, 1, 30)
    cache.get(probe)
    failed = _last_fault.get(cache.key_prefix or "cache")
    return "unavailable" if failed is not None and time.monotonic() - failed < REST_SECONDS else "ok"


class FailSafe:
    """Mixed in before a Django cache backend: faults become misses (see the module docstring).

    After a fault the cache is left alone for ``REST_SECONDS``, so a hung Redis costs one timeout
    per process every few seconds rather than one per cache call.
    """

    def _name(self) -> str:
        return self.key_prefix or "cache"

    def _guarded(self, operation: str, fallback, *args):
        name = self._name()
        failed = _last_fault.get(name)
        if failed is not None and time.monotonic() - failed < REST_SECONDS:
            return fallback
        try:
            return getattr(super(), operation)(*args)
        except CACHE_ERRORS as error:
            now = time.monotonic()
            logged = _last_logged.get(name)
            _last_fault[name] = now
            if logged is None or now - logged > LOG_INTERVAL:
                _last_logged[name] = now
                # The error's type only: its message may quote a key.
                logger.warning(
                    "Cache %r failed on %s (%s); serving without it.", name, operation, type(error).__name__
                )
            return fallback

    def get(self, key, default=None, version=None):
        return self._guarded("get", default, key, default, version)

    def get_many(self, keys, version=None):
        return self._guarded("get_many", {}, keys, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded("set", None, key, value, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded("set_many", list(data), data, timeout, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded("add", False, key, value, timeout, version)

    def incr(self, key, delta=1, version=None):
        # A counter reads 0 when the cache is down: rate limits fail open rather than refuse everyone.
        return self._guarded("incr", 0, key, delta, version)

    def delete(self, key, version=None):
        return self._guarded("delete", False, key, version)

    def delete_many(self, keys, version=None):
        return self._guarded("delete_many", None, keys, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded("touch", False, key, timeout, version)

    def has_key(self, key, version=None):
        return self._guarded("has_key", False, key, version)

    def clear(self):
        return self._guarded("clear", None)


class FailSafeRedisCache(FailSafe, RedisCache):
    """Django's Redis cache, shared by every machine (``REDIS_URL``)."""


class _FailSafeFolder(FailSafe):
    def _createdir(self):
        # Django makes the folder when the cache is first used in a thread; if it cannot (a full or
        # read-only disk), the cache still opens and each use fails softly.
        self._guarded("_createdir", None)


class FailSafeFileCache(_FailSafeFolder, SweepingFileCache):
    """Files shared by the workers of one machine (the embedded default)."""
