"""The benchmark's background processes: gunicorn, nginx and Redis, on 127.0.0.1 only."""

import contextlib
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
PYTHON = sys.executable
HOST = "127.0.0.1"


def log(message: str) -> None:
    """One progress line on stdout."""
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


def free_port(start: int) -> int:
    """The first port from ``start`` up to 8499 that nothing listens on."""
    for port in range(start, 8500):
        with socket.socket() as sock:
            try:
                sock.bind((HOST, port))
            except OSError:
                continue
            return port
    raise SystemExit(f"No free port in {start}-8499.")


def wait_for(url: str, timeout: float = 60.0) -> None:
    """Wait until ``url`` answers 200."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - 127.0.0.1 only
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer within {timeout:.0f} s")


class Server:
    """A background process (gunicorn, nginx or Redis) with its output in a log file."""

    def __init__(self, name: str, args: list[str], env: dict, logdir: Path):
        self.name = name
        self.log_path = logdir / f"{name}.log"
        self.log_file = self.log_path.open("a")
        self.process = subprocess.Popen(
            args, cwd=ROOT, env=env, stdout=self.log_file, stderr=subprocess.STDOUT, start_new_session=True
        )

    def workers(self) -> list[int]:
        """The process ids of its children (gunicorn's workers)."""
        path = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        try:
            return [int(pid) for pid in path.read_text().split()]
        except OSError:
            return []

    def stop(self) -> None:
        """SIGTERM, then SIGKILL after 20 s."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log_file.close()


def gunicorn(name: str, env: dict, port: int, logdir: Path, app: str = "lmc_portal.wsgi") -> Server:
    """gunicorn with the production settings file (gunicorn.conf.py), bound to 127.0.0.1:``port``."""
    server_env = {**env, "GUNICORN_BIND": f"{HOST}:{port}"}
    return Server(name, [PYTHON, "-m", "gunicorn", "-c", "gunicorn.conf.py", app], server_env, logdir)


def nginx(name: str, conf: str, logdir: Path, env: dict) -> Server:
    """nginx with ``conf`` (a filled-in template from bench/) and its own prefix in ``logdir``."""
    path = logdir / f"{name}.conf"
    path.write_text(conf)
    return Server(name, ["nginx", "-p", str(logdir), "-c", str(path)], env, logdir)


def nginx_conf(template: str, **values: str) -> str:
    """bench/``template`` with each ``@KEY@`` replaced."""
    text = (BENCH / template).read_text()
    for key, value in values.items():
        text = text.replace(f"@{key.upper()}@", value)
    return text


def redis_server_path() -> str | None:
    """Debian's redis-server, if installed."""
    found = shutil.which("redis-server") or "/usr/bin/redis-server"
    return found if Path(found).is_file() else None


@contextlib.contextmanager
def running_redis(logdir: Path, port: int) -> Iterator[str]:
    """A throwaway redis-server without persistence (as tests/redis_server.py); yields its URL."""
    binary = redis_server_path()
    if binary is None:
        raise RuntimeError("redis-server is not installed (apt-get install redis-server)")
    args = [binary, "--port", str(port), "--bind", HOST, "--save", "", "--appendonly", "no"]
    server = Server("redis", [*args, "--dir", str(logdir)], {}, logdir)
    try:
        for _ in range(200):
            with contextlib.suppress(OSError), socket.create_connection((HOST, port), timeout=0.1):
                break
            time.sleep(0.05)
        else:
            raise RuntimeError("redis-server did not start")
        yield f"redis://{HOST}:{port}/0"
    finally:
        server.stop()


def memory_of(pid: int) -> dict:
    """Peak and current resident memory (and PSS, which shares copy-on-write pages fairly), in MB."""
    result = {"pid": pid}
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(("VmHWM:", "VmRSS:")):
                key = "peak_rss_mb" if line.startswith("VmHWM") else "rss_mb"
                result[key] = round(int(line.split()[1]) / 1024, 1)
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                result["pss_mb"] = round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return result
