"""The portal's benchmark: one command (``make bench``), results as ratios to two ceilings.

1. Sets up a database (``DATABASE_URL`` if set, else a fresh SQLite file in a temporary folder),
   migrates, loads the demo content and generates guidance items (bench/make_content.py).
2. In-process timings (bench/inprocess.py, page cache off) of each page type and a search, with
   query counts, at each content scale (default 100 and 5,000 items); the letters' own in-process
   timings (bench/letters_inprocess.py: DOCX, PDF, HTML preview).
3. Serves the portal with the production settings under gunicorn (gunicorn.conf.py) on 127.0.0.1
   and loads it with wrk: home, guidance index, a guidance item with many blocks, a report, search
   results, the letter form and a POST that downloads a DOCX; first with the page cache on (as in
   production), then off. In the same run, the same load against two ceilings: nginx serving a
   saved copy of the guidance item page, and a minimal WSGI app returning the same bytes under the
   same gunicorn settings.
4. Reads the gunicorn workers' peak memory after the load, writes bench/results/latest.{json,md}
   and the results section of docs/performance.md.

Only 127.0.0.1 is ever contacted. ``--quick`` is the smoke-test mode (seconds, tiny content).
"""

import argparse
import contextlib
import datetime
import json
import os
import platform
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
PYTHON = sys.executable
HOST = "127.0.0.1"
DOCS_START = "<!-- bench-results:start -->"
DOCS_END = "<!-- bench-results:end -->"

PAGE_TARGETS = ["home", "guidance_index", "guidance_item_many_blocks", "report", "search"]
LOAD_TARGETS = PAGE_TARGETS + ["letter_form", "docx_download"]


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


# --- Processes ---------------------------------------------------------------------------------


def free_port(start: int) -> int:
    for port in range(start, 8500):
        with socket.socket() as sock:
            try:
                sock.bind((HOST, port))
            except OSError:
                continue
            return port
    raise SystemExit("No free port in 8400-8499.")


def wait_for(url: str, timeout: float = 60.0) -> None:
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
    """A background process (gunicorn or nginx) with its output in a log file."""

    def __init__(self, name: str, args: list[str], env: dict, logdir: Path):
        self.name = name
        self.log_path = logdir / f"{name}.log"
        self.log_file = self.log_path.open("w")
        self.process = subprocess.Popen(
            args, cwd=ROOT, env=env, stdout=self.log_file, stderr=subprocess.STDOUT, start_new_session=True
        )

    def workers(self) -> list[int]:
        path = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        try:
            return [int(pid) for pid in path.read_text().split()]
        except OSError:
            return []

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log_file.close()


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


# --- wrk ---------------------------------------------------------------------------------------


def parse_wrk(output: str) -> dict:
    def number(pattern: str, default: float = 0.0) -> float:
        match = re.search(pattern, output)
        return float(match.group(1)) if match else default

    def latency_ms(label: str) -> float | None:
        match = re.search(rf"^\s*{label}\s+([\d.]+)(us|ms|s)\s*$", output, re.M)
        if not match:
            return None
        value, unit = float(match.group(1)), match.group(2)
        return round(value / 1000 if unit == "us" else value * 1000 if unit == "s" else value, 2)

    socket_errors = 0
    match = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    if match:
        socket_errors = sum(int(g) for g in match.groups())
    return {
        "requests": int(number(r"(\d+) requests in")),
        "rps": round(number(r"Requests/sec:\s+([\d.]+)"), 1),
        "p50_ms": latency_ms("50%"),
        "p99_ms": latency_ms("99%"),
        "non_2xx": int(number(r"Non-2xx or 3xx responses: (\d+)")),
        "socket_errors": socket_errors,
    }


def run_wrk(url: str, args, script: Path | None = None) -> dict:
    command = ["wrk", f"-t{args.threads}", f"-c{args.connections}", f"-d{args.duration}s", "--latency"]
    if script is not None:
        command += ["-s", str(script)]
    command.append(url)
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    result = parse_wrk(output)
    result["errors"] = result["non_2xx"] + result["socket_errors"]
    return result


def lua_script(
    tmp: Path, name: str, *, host: str, path: str, body: str | None = None, cookie: str | None = None
):
    params = {"host": host, "path": path, "body": body, "cookie": cookie}
    fields = ", ".join(f"{key} = {json.dumps(value)}" for key, value in params.items() if value is not None)
    script = tmp / f"{name}.lua"
    script.write_text(f"params = {{{fields}}}\n" + (BENCH / "wrk_request.lua").read_text())
    return script


# --- Django in a subprocess ----------------------------------------------------------------------


def manage(env: dict, *args: str) -> None:
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)


def in_process(env: dict, runs: int, tmp: Path, label: str) -> dict:
    out = tmp / f"inprocess-{label}.json"
    subprocess.run(
        [PYTHON, str(BENCH / "inprocess.py"), "--runs", str(runs), "--out", str(out)],
        cwd=ROOT,
        env={**env, "PAGE_CACHE_ENABLED": "false"},
        check=True,
    )
    return json.loads(out.read_text())


def discover(env: dict) -> dict:
    output = subprocess.run(
        [PYTHON, str(BENCH / "inprocess.py"), "--discover"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if output.returncode:
        raise RuntimeError(output.stderr[-3000:])
    return json.loads(output.stdout)


def letters_in_process(env: dict, quick: bool) -> dict:
    script = BENCH / "letters_inprocess.py"
    if not script.exists():
        return {"missing": "bench/letters_inprocess.py has not landed yet"}
    command = [PYTHON, str(script)] + (["--quick"] if quick else [])
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=900)
    # It prints a table: "<renderer> <median ms> <p95 ms> [target] [verdict]"; exits 1 on a missed target.
    result: dict = {"returncode": done.returncode, "output": done.stdout.strip()[-3000:], "results": {}}
    for line in done.stdout.splitlines():
        match = re.match(r"^(DOCX|PDF|HTML preview|naive python-docx)\b.*?\s([\d.]+)\s+([\d.]+)(\s|$)", line)
        if match:
            kind = {"DOCX": "docx", "PDF": "pdf", "HTML preview": "html"}.get(match.group(1), "naive_docx")
            result["results"][kind] = {"median_ms": float(match.group(2)), "p95_ms": float(match.group(3))}
    if done.returncode and not result["results"]:
        result["stderr"] = done.stderr[-2000:]
    return result


def ensure_postgres_database(url: str) -> None:
    """Create the database if missing. A database named lmc_bench* is dropped and recreated first, so
    "100 items" means 100; any other database is used as it is (content is only ever added)."""
    parsed = urllib.parse.urlparse(url)
    name = parsed.path.lstrip("/")
    if not parsed.scheme.startswith("postgres") or not name:
        return
    import psycopg2

    connection = psycopg2.connect(
        host=parsed.hostname or HOST,
        port=parsed.port or 5432,
        user=urllib.parse.unquote(parsed.username or "postgres"),
        password=urllib.parse.unquote(parsed.password or "") or None,
        dbname="postgres",
    )
    connection.autocommit = True
    with connection.cursor() as cursor:
        if name.startswith("lmc_bench"):  # the benchmark's own database: start from empty every run
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone() is None:
            cursor.execute(f'CREATE DATABASE "{name}"')
    connection.close()


# --- HTTP helpers (127.0.0.1 only) ---------------------------------------------------------------


def fetch(url: str, data: bytes | None = None, headers: dict | None = None) -> tuple[int, dict, bytes]:
    request = urllib.request.Request(url, data=data, headers=headers or {})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def csrf_for(url: str) -> tuple[str, str]:
    """The CSRF cookie and the form token from a GET of the letter form."""
    request = urllib.request.Request(url, headers={"X-Forwarded-For": "10.255.0.1"})  # noqa: S310
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
        cookies = response.headers.get_all("Set-Cookie") or []
        html = response.read().decode()
    cookie = next(c.split(";")[0] for c in cookies if c.startswith("csrftoken="))
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    return cookie, token


# --- Machine -------------------------------------------------------------------------------------


def machine(env: dict) -> dict:
    cpu = ""
    with contextlib.suppress(OSError):
        lines = Path("/proc/cpuinfo").read_text().splitlines()
        cpu = next((line.split(":", 1)[1].strip() for line in lines if line.startswith("model name")), "")
    memory_gb = 0.0
    with contextlib.suppress(OSError):
        memory_gb = round(int(Path("/proc/meminfo").read_text().split()[1]) / 1024 / 1024, 1)
    versions = subprocess.run(
        [
            PYTHON,
            "-c",
            "import django, wagtail, gunicorn; "
            "print(django.get_version(), wagtail.__version__, gunicorn.__version__)",
        ],
        capture_output=True,
        text=True,
    ).stdout.split()
    wrk_version = subprocess.run(["wrk", "--version"], capture_output=True, text=True).stdout.split(" ")[1]
    nginx_version = (
        subprocess.run(["nginx", "-v"], capture_output=True, text=True).stderr.strip().split("/")[-1]
    )
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": memory_gb,
        "kernel": platform.release(),
        "python": platform.python_version(),
        "django": versions[0] if versions else "",
        "wagtail": versions[1] if len(versions) > 1 else "",
        "gunicorn": versions[2] if len(versions) > 2 else "",
        "wrk": wrk_version,
        "nginx": nginx_version,
        "database": env["DATABASE_URL"].split(":", 1)[0],
        "gunicorn_workers": env.get("GUNICORN_WORKERS", "3"),
        "gunicorn_threads": env.get("GUNICORN_THREADS", "2"),
    }


# --- The run -------------------------------------------------------------------------------------


def base_env(tmp: Path, args) -> dict:
    env = {
        key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "GUNICORN_BIND"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="lmc_portal.settings.production",
        SECRET_KEY=secrets.token_urlsafe(60),
        ALLOWED_HOSTS=f"{HOST},localhost",
        DATABASE_URL=os.environ.get("DATABASE_URL") or f"sqlite:///{tmp}/bench.sqlite3",
        SECURE_SSL_REDIRECT="false",  # plain HTTP on 127.0.0.1; TLS is the proxy's job
        MEDIA_ROOT=str(tmp / "media"),
        PAGE_CACHE_DIR=str(tmp / "page-cache"),
        RATE_LIMIT_CACHE_DIR=str(tmp / "ratelimit-cache"),
        GUNICORN_MAX_REQUESTS="0",  # no recycling: the memory reading covers the whole run
        LOG_LEVEL="WARNING",
        PYTHONPATH=str(ROOT),
    )
    if args.workers:
        env["GUNICORN_WORKERS"] = str(args.workers)
    return env


def load_portal(env: dict, tmp: Path, args, found: dict, port: int, *, cached: bool, targets: list[str]):
    server_env = {
        **env,
        "GUNICORN_BIND": f"{HOST}:{port}",
        "PAGE_CACHE_ENABLED": "true" if cached else "false",
    }
    label = "portal-cached" if cached else "portal-uncached"
    server = Server(
        label, [PYTHON, "-m", "gunicorn", "-c", "gunicorn.conf.py", "lmc_portal.wsgi"], server_env, tmp
    )
    base = f"http://{HOST}:{port}"
    results: dict = {}
    try:
        wait_for(f"{base}/healthz")
        urls = found["urls"]
        snapshot = tmp / "page.html"
        if not snapshot.exists():  # the bytes both ceilings serve: the guidance item as the portal sends it
            status, _, body = fetch(base + urls["guidance_item_many_blocks"])
            if status != 200:
                raise RuntimeError(f"{urls['guidance_item_many_blocks']} answered {status}")
            snapshot.write_bytes(body)
        for name in targets:
            if name == "docx_download":
                results[name] = load_docx(base, tmp, args, found)
                continue
            if name not in urls:
                results[name] = {"missing": "this page does not exist yet"}
                continue
            status, headers, body = fetch(base + urls[name], headers={"X-Forwarded-For": "10.255.0.2"})
            if status != 200:
                results[name] = {"error": f"GET {urls[name]} answered {status}"}
                continue
            fetch(base + urls[name], headers={"X-Forwarded-For": "10.255.0.2"})  # warm the cache
            script = lua_script(tmp, f"{label}-{name}", host=f"{HOST}:{port}", path=urls[name])
            log(f"wrk {label} {name} {urls[name]}")
            results[name] = {
                "url": urls[name],
                "bytes": len(body),
                **run_wrk(base + urls[name], args, script),
            }
        memory = [memory_of(pid) for pid in server.workers()]
    finally:
        server.stop()
    return results, memory


def load_docx(base: str, tmp: Path, args, found: dict) -> dict:
    data = found.get("docx_post")
    url = found["urls"].get("letter_form")
    if not data or "invalid" in data or not url:
        return {"missing": f"no valid letter POST ({data and data.get('invalid')})"}
    try:
        cookie, token = csrf_for(base + url)
    except (urllib.error.URLError, StopIteration, AttributeError) as error:
        return {"error": f"could not read the CSRF token from GET {url}: {error}"}
    body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": token}, doseq=True)
    headers = {
        "Cookie": cookie,
        "Content-Type": "application/x-www-form-urlencoded",
        "X-Forwarded-For": "10.255.0.3",
    }
    status, response_headers, content = fetch(base + url, body.encode(), headers)
    if status != 200 or not content.startswith(b"PK"):
        return {"error": f"POST {url} answered {status} {response_headers.get('Content-Type')}, not a DOCX"}
    script = lua_script(tmp, "docx", host=base.split("//")[1], path=url, body=body, cookie=cookie)
    log(f"wrk DOCX POST {url}")
    return {"url": f"POST {url}", "bytes": len(content), **run_wrk(base + url, args, script)}


def load_ceilings(env: dict, tmp: Path, args) -> dict:
    page = (tmp / "page.html").read_bytes()
    root = tmp / "static"
    root.mkdir(exist_ok=True)
    (root / "page.html").write_bytes(page)
    # nginx's workers run as an unprivileged user: let them reach (only) the page.
    tmp.chmod(0o711)
    root.chmod(0o755)
    (root / "page.html").chmod(0o644)
    results = {}

    port = free_port(args.port + 2)
    conf = (BENCH / "nginx.conf").read_text()
    conf = conf.replace("@TMP@", str(tmp)).replace("@PORT@", str(port)).replace("@ROOT@", str(root))
    (tmp / "nginx.conf").write_text(conf)
    nginx = Server("nginx", ["nginx", "-p", str(tmp), "-c", str(tmp / "nginx.conf")], env, tmp)
    results["nginx_static"] = _load_ceiling(
        nginx, port, "nginx (static copy of the guidance item)", page, args
    )

    port = free_port(args.port + 3)
    wsgi_env = {**env, "GUNICORN_BIND": f"{HOST}:{port}", "BENCH_STATIC_FILE": str(root / "page.html")}
    minimal = Server(
        "minimal-wsgi",
        [PYTHON, "-m", "gunicorn", "-c", "gunicorn.conf.py", "bench.minimal_wsgi"],
        wsgi_env,
        tmp,
    )
    label = "minimal WSGI app (same bytes, same gunicorn settings)"
    results["minimal_wsgi"] = _load_ceiling(minimal, port, label, page, args)
    return results


def _load_ceiling(server: Server, port: int, label: str, page: bytes, args) -> dict:
    """Load one ceiling server (already started) with wrk, then stop it."""
    try:
        wait_for(f"http://{HOST}:{port}/")
        log(f"wrk {label}")
        return {"bytes": len(page), **run_wrk(f"http://{HOST}:{port}/", args)}
    finally:
        server.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description="Benchmark the portal against nginx and a minimal WSGI app.")
    parser.add_argument("--quick", action="store_true", help="smoke-test mode: seconds, tiny content")
    parser.add_argument("--duration", type=int, default=15, help="seconds per wrk run")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--runs", type=int, default=200, help="in-process runs per target")
    parser.add_argument("--scales", default="100,5000", help="generated items, comma-separated")
    parser.add_argument("--workers", type=int, help="gunicorn workers (default: gunicorn.conf.py)")
    parser.add_argument("--port", type=int, default=8410, help="first port to try (8400-8499)")
    parser.add_argument("--results", default=str(BENCH / "results"), help="folder for latest.json/.md")
    parser.add_argument("--no-docs", action="store_true", help="do not update docs/performance.md")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (logs)")
    args = parser.parse_args()
    if args.quick:
        args.duration, args.connections, args.threads, args.runs, args.scales = 1, 2, 1, 5, "5"
        args.no_docs = True
    for tool in ("wrk", "nginx"):
        if shutil.which(tool) is None and not Path(f"/usr/sbin/{tool}").exists():
            raise SystemExit(f"{tool} is needed (apt-get install wrk nginx-light).")
    os.environ["PATH"] = os.environ.get("PATH", "") + ":/usr/sbin"
    scales = [int(s) for s in args.scales.split(",") if s.strip()]

    shm = Path("/dev/shm")  # noqa: S108 - a private mkdtemp inside it; memory-backed, no fsync cost
    tmp = Path(tempfile.mkdtemp(prefix="lmc-bench-", dir=shm if shm.is_dir() else None))
    env = base_env(tmp, args)
    started = datetime.datetime.now(datetime.UTC)
    results: dict = {
        "started": started.isoformat(timespec="seconds"),
        "mode": "quick" if args.quick else "full",
        "load": {"duration_s": args.duration, "connections": args.connections, "wrk_threads": args.threads},
        "machine": machine(env),
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
        "in_process": {},
        "content": {},
    }
    try:
        ensure_postgres_database(env["DATABASE_URL"])
        log(f"database {results['machine']['database']}, temporary folder {tmp}")
        manage(env, "migrate", "--no-input", "-v0")
        manage(env, "collectstatic", "--no-input", "-v0")
        manage(env, "load_demo_content")
        for scale in scales:
            log(f"content: {scale} generated items")
            subprocess.run(
                [PYTHON, str(BENCH / "make_content.py"), "--items", str(scale)], cwd=ROOT, env=env, check=True
            )
            results["content"][str(scale)] = scale
            log(f"in-process timings at {scale} items ({args.runs} runs each)")
            results["in_process"][str(scale)] = in_process(env, args.runs, tmp, str(scale))
        log("letters in-process (bench/letters_inprocess.py)")
        results["letters_in_process"] = letters_in_process(env, args.quick)

        found = discover(env)
        results["urls"] = found["urls"]
        port = free_port(args.port)
        results["cached"], memory_cached = load_portal(
            env, tmp, args, found, port, cached=True, targets=LOAD_TARGETS
        )
        results["worker_memory"] = {"cached_run": memory_cached}
        results["ceilings"] = load_ceilings(env, tmp, args)
        if not args.quick:  # the same code path as above with the cache off; the smoke test skips it
            results["uncached"], memory_uncached = load_portal(
                env, tmp, args, found, port, cached=False, targets=PAGE_TARGETS
            )
            results["worker_memory"]["uncached_run"] = memory_uncached
    finally:
        results["finished"] = datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds")
        results["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
        if args.keep:
            log(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)

    from bench.report import evaluate, markdown

    results["targets"] = evaluate(results)
    out = Path(args.results)
    out.mkdir(parents=True, exist_ok=True)
    (out / "latest.json").write_text(json.dumps(results, indent=2) + "\n")
    table = markdown(results)
    (out / "latest.md").write_text(table)
    if not args.no_docs:
        docs = ROOT / "docs" / "performance.md"
        if docs.exists() and DOCS_START in docs.read_text():
            text = docs.read_text()
            before, rest = text.split(DOCS_START, 1)
            after = rest.split(DOCS_END, 1)[1]
            docs.write_text(f"{before}{DOCS_START}\n{table}\n{DOCS_END}{after}")
    print(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
