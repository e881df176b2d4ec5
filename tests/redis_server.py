"""A throwaway Redis (Debian's redis-server) on a free port, for tests of the shared caches.

Without redis-server the tests that need it are skipped with the reason (`.ci/run` installs it).
"""

import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"
SKIP_REASON = f"redis-server not found at {REDIS_SERVER} (install it with `apt-get install redis-server`)"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, what: str, *, attempts: int = 200) -> None:
    """Wait until something listens on 127.0.0.1:``port``; fail the test with ``what`` if nothing does."""
    for _ in range(attempts):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.1):
                return
        except OSError:
            time.sleep(0.05)
    pytest.fail(f"{what} did not start")


@contextmanager
def running_redis(folder: Path, port: int | None = None) -> Iterator[str]:
    """Start redis-server (no persistence) and yield its URL; stopped on exit."""
    if not Path(REDIS_SERVER).is_file():
        pytest.skip(SKIP_REASON)
    port = port or free_port()
    server = subprocess.Popen(
        [
            REDIS_SERVER,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(folder),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for_port(port, "redis-server")
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        server.terminate()
        server.wait(timeout=10)


def redis_caches(url: str) -> dict:
    """The CACHES setting production uses with ``REDIS_URL`` (lmc_portal/settings/base.py)."""
    return {
        alias: {
            "BACKEND": "core.caching.FailSafeRedisCache",
            "LOCATION": url,
            "KEY_PREFIX": alias,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
        for alias in ("default", "pages", "ratelimit")
    }
