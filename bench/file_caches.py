"""Django's file cache against the portal's two subclasses (pagecache/backends.py), in-process.

Usage:  .venv/bin/python bench/file_caches.py [--runs 200] [--quick]

The subclasses override private methods of Django's FileBasedCache, which the team allows only with
a measurement showing a gain a user would notice. Two measurements, at the sizes a rush produces:

- a rate-limit counter for a new address (``add`` then ``incr``) when the folder already holds
  500, 2,500 and 10,000 counters (a bulletin brings a new address per practice and minute):
  ``FileBasedCache`` lists the whole folder on every write to see whether it is full;
  ``SweepingFileCache`` looks at most every 30 seconds;
- a cached page read (``get`` of a 40 KB page, as the page cache stores it): ``FileBasedCache``
  zlib-compresses; ``UncompressedFileCache`` (below; the portal's pages used it until this
  measurement showed 0.13 ms saved per page) stores the pickle as it is.
"""

import argparse
import os
import pickle
import random
import statistics
import string
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lmc_portal.settings.dev")

import django  # noqa: E402

django.setup()

from django.core.cache.backends.filebased import FileBasedCache  # noqa: E402

from pagecache.backends import SweepingFileCache  # noqa: E402

MAX_ENTRIES = 20_000  # as the production rate-limit cache (lmc_portal/settings/base.py)


class UncompressedFileCache(SweepingFileCache):
    """Django's file cache storing pickles without zlib (the retired ``PageFileCache``)."""

    def get(self, key, default=None, version=None):
        try:
            with open(self._key_to_file(key, version), "rb") as f:
                if not self._is_expired(f):
                    return pickle.load(f)  # noqa: S301 - a temporary folder this script wrote
        except FileNotFoundError:
            pass
        return default

    def _write_content(self, file, timeout, value):
        file.write(pickle.dumps(self.get_backend_timeout(timeout), self.pickle_protocol))
        file.write(pickle.dumps(value, self.pickle_protocol))


def median_ms(timings: list[float]) -> float:
    return round(statistics.median(timings) * 1000, 3)


def counter_writes(cache_class, existing: int, runs: int) -> float:
    """Median ms to count a new address's first request, with ``existing`` counters on disk."""
    with tempfile.TemporaryDirectory() as folder:
        cache = cache_class(folder, {"OPTIONS": {"MAX_ENTRIES": MAX_ENTRIES}})
        for n in range(existing):
            cache.set(f"old-{n}", 1, timeout=600)
        timings = []
        for n in range(runs):
            started = time.perf_counter()
            cache.add(f"new-{n}", 0, timeout=60)
            cache.incr(f"new-{n}")
            timings.append(time.perf_counter() - started)
        return median_ms(timings)


def page_reads(cache_class, runs: int) -> float:
    """Median ms to read one cached 40 KB page."""
    # Made-up words, so it compresses about as a real page's text does (under 2:1 here; real HTML
    # with its repeated markup compresses more, so this favours Django's zlib less than a real page).
    rng = random.Random(1)
    words = ["".join(rng.choices(string.ascii_lowercase, k=rng.randint(2, 9))) for _ in range(6500)]
    page = {"content": ("<p>" + " ".join(words) + "</p>").encode(), "headers": {"Content-Type": "text/html"}}
    assert len(pickle.dumps(page)) > 40_000
    with tempfile.TemporaryDirectory() as folder:
        cache = cache_class(folder, {"OPTIONS": {"MAX_ENTRIES": 5000}})
        cache.set("page", page, timeout=600)
        timings = []
        for _ in range(runs):
            started = time.perf_counter()
            assert cache.get("page") == page
            timings.append(time.perf_counter() - started)
        return median_ms(timings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--quick", action="store_true", help="small sizes, a few runs (seconds)")
    args = parser.parse_args()
    runs = 20 if args.quick else args.runs
    sizes = (200,) if args.quick else (500, 2_500, 10_000)
    print("Rate-limit counter for a new address (add + incr), median ms:")
    print("| counters on disk | Django FileBasedCache | SweepingFileCache |")
    print("|---:|---:|---:|")
    for existing in sizes:
        plain = counter_writes(FileBasedCache, existing, runs)
        sweeping = counter_writes(SweepingFileCache, existing, runs)
        print(f"| {existing:,} | {plain} | {sweeping} |")
    print("\nCached 40 KB page read (get), median ms:")
    print(f"| Django FileBasedCache (zlib) | {page_reads(FileBasedCache, runs * 5)} |")
    print(f"| without compression | {page_reads(UncompressedFileCache, runs * 5)} |")


if __name__ == "__main__":
    main()
