"""File-based caches shared by every gunicorn worker on the machine.

``SweepingFileCache``: Django's file cache lists its whole folder on every write to see whether it
is full. With thousands of entries (a page per address; a rate-limit counter per address and minute
during a bulletin) that listing costs more than the request itself. Here the folder is looked at
most once every ``CULL_INTERVAL`` seconds per process: expired entries are removed first, then, if
it is still over ``MAX_ENTRIES``, Django culls as usual.

``PageFileCache``: whole pages, stored as pickles without Django's zlib compression. Pages are small
(tens of KB) and read on every request; decompressing them cost more than the rest of a cache hit.
"""

import pickle
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.filebased import FileBasedCache

CULL_INTERVAL = 30.0


class SweepingFileCache(FileBasedCache):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._next_sweep = 0.0

    def _cull(self):
        now = time.monotonic()
        if now < self._next_sweep:
            return
        self._next_sweep = now + CULL_INTERVAL
        self._delete_expired()
        super()._cull()

    def _delete_expired(self) -> None:
        for fname in self._list_cache_files():
            try:
                with open(fname, "rb") as f:
                    self._is_expired(f)  # removes the file when it has expired
            except FileNotFoundError:
                pass  # another worker removed it first


class PageFileCache(SweepingFileCache):
    def get(self, key, default=None, version=None):
        fname = self._key_to_file(key, version)
        try:
            with open(fname, "rb") as f:
                if not self._is_expired(f):
                    return pickle.load(f)  # noqa: S301 - our own folder, written only by this class
        except FileNotFoundError:
            pass
        return default

    def _write_content(self, file, timeout, value):
        expiry = self.get_backend_timeout(timeout)
        file.write(pickle.dumps(expiry, self.pickle_protocol))
        file.write(pickle.dumps(value, self.pickle_protocol))

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        value = self.get(key, version=version)
        if value is None:
            return False
        self.set(key, value, timeout=timeout, version=version)
        return True
