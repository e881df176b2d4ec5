"""Anonymous pages with the portal's own page cache, with the maintained options, and with none.

Issue 12 keeps the in-app page cache (pagecache/) only if this shows the maintained options fall
short. Modes, each a fresh gunicorn with the production settings and gunicorn.conf.py:

- ``pagecache``: the portal's own (production);
- ``django``: Django's per-site cache middleware (bench/settings_page_cache.py);
- ``wagtail-cache``: wagtail-cache's middleware, when the package is importable;
- ``none``: no page cache (every request renders).

Modes are interleaved in rounds (A, B, C, A, B, C, ...) so background load hits each alike.
"""

import importlib.util
import subprocess
from pathlib import Path

from bench.processes import HOST, PYTHON, ROOT, free_port, gunicorn, log, wait_for
from bench.targets import Target, fetch, prepare
from bench.wrk import summarise

TARGETS = ["guidance_item_many_blocks", "search"]
HIT_HEADERS = {"pagecache": "X-Page-Cache", "wagtail-cache": "X-Wagtail-Cache"}


def wagtail_cache_available(env: dict) -> bool:
    """True if wagtail-cache can be imported with the run's PYTHONPATH."""
    code = "import importlib.util, sys; sys.exit(importlib.util.find_spec('wagtailcache') is None)"
    if importlib.util.find_spec("wagtailcache") is not None:
        return True
    return subprocess.run([PYTHON, "-c", code], cwd=ROOT, env=env).returncode == 0


def mode_env(env: dict, mode: str, tmp: Path) -> dict:
    """The environment of one mode's server; each mode gets an empty page cache folder."""
    folder = tmp / f"page-cache-{mode}"
    env = {**env, "PAGE_CACHE_DIR": str(folder)}
    if mode == "pagecache":
        return {**env, "PAGE_CACHE_ENABLED": "true"}
    if mode == "none":
        return {**env, "PAGE_CACHE_ENABLED": "false"}
    return {**env, "DJANGO_SETTINGS_MODULE": "bench.settings_page_cache", "BENCH_PAGE_CACHE": mode}


def _stored_entries(folder: Path) -> int:
    return sum(1 for _ in folder.rglob("*.djcache")) if folder.is_dir() else 0


def compare(env: dict, tmp: Path, args, found: dict, *, rounds: int, targets: list[str] = TARGETS) -> dict:
    """{"modes": {mode: {target: summary}}, "notes": {mode: what was checked}}."""
    modes = ["pagecache", "django", "wagtail-cache", "none"]
    notes: dict[str, str] = {}
    if not wagtail_cache_available(env):
        modes.remove("wagtail-cache")
        notes["wagtail-cache"] = "not installed here (pip install wagtail-cache==3.0.0 to include it)"
    runs: dict[str, dict[str, list[dict]]] = {mode: {name: [] for name in targets} for mode in modes}
    failures: dict[str, dict] = {}
    for round_number in range(1, rounds + 1):
        for mode in modes:
            port = free_port(args.port + 5)
            server_env = mode_env(env, mode, tmp)
            server = gunicorn(f"cache-{mode}", server_env, port, tmp)
            base = f"http://{HOST}:{port}"
            try:
                wait_for(f"{base}/healthz")
            except RuntimeError as error:  # e.g. the package fails to load: report it, measure the rest
                failures[mode] = {name: {"error": f"did not start: {error}"} for name in targets}
                server.stop()
                continue
            try:
                for name in targets:
                    target = prepare(base, name, found, tmp, f"cache-{mode}")
                    if not isinstance(target, Target):
                        failures.setdefault(mode, {})[name] = target
                        continue
                    if round_number == 1:
                        notes.setdefault(mode, _hit_check(base, found["urls"][name], mode, server_env))
                    log(f"wrk page cache {mode}: {name} (round {round_number})")
                    runs[mode][name].append(target.sample(args))
            finally:
                server.stop()
    results = {
        mode: {name: failures.get(mode, {}).get(name) or summarise(samples) for name, samples in by.items()}
        for mode, by in runs.items()
    }
    return {"modes": results, "notes": notes, "rounds": rounds}


def _hit_check(base: str, url: str, mode: str, env: dict) -> str:
    """How we know the mode's cache answered: its hit header, or entries in its folder."""
    _, headers, _ = fetch(base + url, headers={"X-Forwarded-For": "10.255.0.4"})
    if mode in HIT_HEADERS:
        return f"{HIT_HEADERS[mode]}: {headers.get(HIT_HEADERS[mode], 'absent')}"
    # Django's middleware adds no hit header: count the files in its cache folder (with no page cache,
    # only the content generation token is there) and show the Cache-Control it adds.
    entries = _stored_entries(Path(env["PAGE_CACHE_DIR"]))
    if mode == "django":
        return f"{entries} files in the pages cache; Cache-Control: {headers.get('Cache-Control', 'absent')}"
    return f"{entries} files in the pages cache"
