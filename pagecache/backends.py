"""A file-based cache without compression, for whole pages.

Django's FileBasedCache zlib-compresses every value; for a page read on every request that costs
more than the rest of a cache hit. Pages are small (tens of KB), so they are stored as pickles.
The folder is shared by every gunicorn worker on the machine, so a purge reaches them all.
"""

import pickle

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.filebased import FileBasedCache


class PageFileCache(FileBasedCache):
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
