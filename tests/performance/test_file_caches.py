"""The shared file caches (pages, rate-limit counters) stay bounded without scanning on every write."""

import time

import pytest

from pagecache import backends
from pagecache.backends import SweepingFileCache


@pytest.fixture
def counters(tmp_path):
    return SweepingFileCache(str(tmp_path), {"OPTIONS": {"MAX_ENTRIES": 10}})


def entries(cache) -> int:
    return len(cache._list_cache_files())


def test_writes_do_not_scan_the_folder_each_time(counters, monkeypatch):
    scans = []
    original = counters._list_cache_files
    monkeypatch.setattr(counters, "_list_cache_files", lambda: scans.append(1) or original())
    for n in range(50):  # a bulletin: a new address every request
        counters.add(f"address-{n}", 0, timeout=60)
        counters.incr(f"address-{n}")
    assert len(scans) <= 2  # one sweep for the whole burst (expired entries, then the size)
    assert counters.get("address-49") == 1


def test_a_sweep_removes_expired_entries_and_keeps_live_ones(counters, monkeypatch):
    counters.set("old", 1, timeout=1)
    counters.set("current", 2, timeout=60)
    time.sleep(1.1)
    monkeypatch.setattr(counters, "_next_sweep", 0.0)  # the interval has passed
    counters.set("new", 3, timeout=60)
    assert counters.get("current") == 2 and counters.get("new") == 3
    assert entries(counters) == 2  # "old" is gone from disk, not merely unreadable


def test_the_folder_is_culled_back_under_its_limit_at_the_next_sweep(counters, monkeypatch):
    for n in range(30):
        counters.set(f"k{n}", n, timeout=60)
    assert entries(counters) == 30  # over MAX_ENTRIES until the next sweep
    monkeypatch.setattr(backends, "CULL_INTERVAL", 0.0)
    monkeypatch.setattr(counters, "_next_sweep", 0.0)
    counters.set("one-more", 1, timeout=60)
    assert entries(counters) < 30


def test_an_upgraded_site_ignores_pages_stored_without_compression(tmp_path, settings):
    """Before 2 December 2026 pages (and the purge generation) were stored without zlib, which
    Django's reader cannot open: left readable, the generation would change on every request and
    nothing would ever be remembered again."""
    import pickle

    from django.core.cache import caches

    from core.remembered import GENERATION_KEY, current_generation
    from lmc_portal.settings import base

    # The embedded default's page cache, as settings define it, in a fresh folder.
    settings.CACHES = {**settings.CACHES, "pages": {**base.CACHES["pages"], "LOCATION": str(tmp_path)}}
    old_file = caches["pages"]._key_to_file(GENERATION_KEY, version=1)
    with open(old_file, "wb") as left_behind:
        left_behind.write(pickle.dumps(None))  # never expires
        left_behind.write(pickle.dumps("old-generation"))
    first = current_generation()
    assert first == current_generation() != "old-generation"
