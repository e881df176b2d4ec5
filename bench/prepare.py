"""Setting up a benchmark run: the environment, the database and its content, in-process timings and
a description of the machine. Django always runs in a subprocess, with the production settings."""

import contextlib
import json
import os
import platform
import re
import secrets
import subprocess
import urllib.parse
from pathlib import Path

from bench.processes import BENCH, HOST, PYTHON, ROOT, log


def base_env(tmp: Path, args) -> dict:
    """The environment of every Django process the run starts: production settings and production
    gunicorn settings (gunicorn.conf.py), with the run's own database, media and cache folders."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "GUNICORN_", "REDIS_URL", "VAR_DIR"))
    }
    extra_path = os.environ.get("PYTHONPATH", "")  # e.g. a folder holding wagtail-cache for the comparison
    env.update(
        DJANGO_SETTINGS_MODULE="lmc_portal.settings.production",
        SECRET_KEY=secrets.token_urlsafe(60),
        ALLOWED_HOSTS=f"{HOST},localhost",
        DATABASE_URL=os.environ.get("DATABASE_URL") or f"sqlite:///{tmp}/bench.sqlite3",
        SECURE_SSL_REDIRECT="false",  # plain HTTP on 127.0.0.1; TLS is the proxy's job
        VAR_DIR=str(tmp / "var"),
        MEDIA_ROOT=str(tmp / "media"),
        PAGE_CACHE_DIR=str(tmp / "page-cache"),
        RATE_LIMIT_CACHE_DIR=str(tmp / "ratelimit-cache"),
        LOG_LEVEL="WARNING",
        PYTHONPATH=os.pathsep.join(p for p in (str(ROOT), extra_path) if p),
    )
    if getattr(args, "workers", None):
        env["GUNICORN_WORKERS"] = str(args.workers)
    return env


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


def manage(env: dict, *args: str) -> None:
    """``manage.py`` with the run's environment."""
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)


def set_up_database(env: dict) -> None:
    """An empty database (PostgreSQL lmc_bench* is recreated), migrated, with the demo content."""
    ensure_postgres_database(env["DATABASE_URL"])
    manage(env, "migrate", "--no-input", "-v0")
    manage(env, "collectstatic", "--no-input", "-v0")
    manage(env, "load_demo_content")


def add_content(env: dict, items: int) -> None:
    """Top the library up to ``items`` generated guidance items (bench/make_content.py)."""
    log(f"content: {items} generated items")
    command = [PYTHON, str(BENCH / "make_content.py"), "--items", str(items)]
    subprocess.run(command, cwd=ROOT, env=env, check=True)


def in_process(env: dict, runs: int, tmp: Path, label: str) -> dict:
    """bench/inprocess.py's timings (page cache off) at the current content size."""
    out = tmp / f"inprocess-{label}.json"
    subprocess.run(
        [PYTHON, str(BENCH / "inprocess.py"), "--runs", str(runs), "--out", str(out)],
        cwd=ROOT,
        env={**env, "PAGE_CACHE_ENABLED": "false"},
        check=True,
    )
    return json.loads(out.read_text())


def discover(env: dict) -> dict:
    """The URLs the load uses and a valid letter POST (bench/inprocess.py --discover)."""
    output = subprocess.run(
        [PYTHON, str(BENCH / "inprocess.py"), "--discover"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if output.returncode:
        raise RuntimeError(output.stderr[-3000:])
    return json.loads(output.stdout)


def letters_in_process(env: dict, quick: bool) -> dict:
    """bench/letters_inprocess.py's table, parsed."""
    command = [PYTHON, str(BENCH / "letters_inprocess.py")] + (["--quick"] if quick else [])
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


def gunicorn_settings(env: dict) -> dict:
    """The gunicorn settings the run's servers use: gunicorn.conf.py read with the run's environment."""
    code = (
        "import runpy, json; c = runpy.run_path('gunicorn.conf.py'); print(json.dumps({k: c[k] for k in "
        "('workers', 'threads', 'worker_class', 'max_requests', 'max_requests_jitter', 'preload_app')}))"
    )
    done = subprocess.run([PYTHON, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)
    return json.loads(done.stdout) if done.returncode == 0 else {"error": done.stderr[-500:]}


def machine(env: dict) -> dict:
    """The machine, the versions of what is measured, and the gunicorn settings used."""
    cpu = ""
    with contextlib.suppress(OSError):
        lines = Path("/proc/cpuinfo").read_text().splitlines()
        cpu = next((line.split(":", 1)[1].strip() for line in lines if line.startswith("model name")), "")
    memory_gb = 0.0
    with contextlib.suppress(OSError):
        memory_gb = round(int(Path("/proc/meminfo").read_text().split()[1]) / 1024 / 1024, 1)
    code = (
        "import django, wagtail, gunicorn; "
        "print(django.get_version(), wagtail.__version__, gunicorn.__version__)"
    )
    versions = subprocess.run([PYTHON, "-c", code], capture_output=True, text=True).stdout.split()
    wrk_version = subprocess.run(["wrk", "--version"], capture_output=True, text=True).stdout.split(" ")[1]
    nginx_version = (
        subprocess.run(["nginx", "-v"], capture_output=True, text=True).stderr.strip().split("/")[-1]
    )
    gunicorn = gunicorn_settings(env)
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
        "gunicorn_settings": gunicorn,
        "gunicorn_workers": gunicorn.get("workers"),
        "gunicorn_threads": gunicorn.get("threads"),
    }


def uptime() -> str:
    """`uptime`'s line: the load the numbers were measured under."""
    return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
