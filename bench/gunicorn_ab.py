"""Choose gunicorn's settings by measurement: interleaved A/B runs of several configurations.

    .venv/bin/python bench/gunicorn_ab.py                 # about 10 minutes
    .venv/bin/python bench/gunicorn_ab.py --quick         # seconds, to check it works

Sets up a throwaway database as bench/run.py does (``DATABASE_URL`` if set, else SQLite), then for
each round starts gunicorn once per configuration (gunicorn.conf.py with ``GUNICORN_*`` overrides),
loads a cached page and the DOCX download with wrk, reads how often workers were recycled and their
memory, and stops it. Configurations alternate (A, B, C, A, B, C, ...) so background load hits each
alike. Writes bench/results/gunicorn-ab.{json,md}; docs/performance.md records the decision.
"""

import argparse
import datetime
import json
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.prepare import add_content, base_env, discover, set_up_database, uptime  # noqa: E402
from bench.processes import BENCH, HOST, free_port, gunicorn, log, memory_of, wait_for  # noqa: E402
from bench.targets import Target, prepare  # noqa: E402
from bench.wrk import summarise  # noqa: E402


def config(
    max_requests: int, jitter: int = 0, workers: int = 3, threads: int = 2, preload: bool = True
) -> dict:
    """The GUNICORN_* variables of one configuration."""
    return {
        "GUNICORN_MAX_REQUESTS": str(max_requests),
        "GUNICORN_MAX_REQUESTS_JITTER": str(jitter),
        "GUNICORN_WORKERS": str(workers),
        "GUNICORN_THREADS": str(threads),
        "GUNICORN_PRELOAD": "true" if preload else "false",
    }


CONFIGS = {
    "3x2 recycle 2000±200 (old production)": config(2000, 200),
    "3x2 no recycling": config(0),
    "3x2 recycle 50000±5000": config(50_000, 5_000),
    "3x2 recycle 2000±200, no preload": config(2000, 200, preload=False),
    "2x4 recycle 50000±5000": config(50_000, 5_000, workers=2, threads=4),
    "5x1 recycle 50000±5000": config(50_000, 5_000, workers=5, threads=1),
}
TARGETS = ["guidance_item_many_blocks", "docx_download"]


def measure(env: dict, tmp: Path, args, found: dict, configs: dict[str, dict]) -> dict:
    """{config: {target: summary, "recycles": n, "memory": [...]}} from interleaved rounds."""
    runs = {name: {target: [] for target in TARGETS} for name in configs}
    extra = {name: {"recycles": 0, "peak_rss_mb": []} for name in configs}
    for round_number in range(1, args.rounds + 1):
        for name, overrides in configs.items():
            port = free_port(args.port)
            label = f"ab-{list(configs).index(name)}"
            server = gunicorn(label, {**env, **overrides, "PAGE_CACHE_ENABLED": "true"}, port, tmp)
            logged_before = server.log_path.read_text().count("Autorestarting")
            base = f"http://{HOST}:{port}"
            try:
                wait_for(f"{base}/healthz")
                for target_name in TARGETS:
                    target = prepare(base, target_name, found, tmp, label)
                    if not isinstance(target, Target):
                        raise RuntimeError(f"{name} {target_name}: {target}")
                    log(f"wrk {name}: {target_name} (round {round_number})")
                    runs[name][target_name].append(target.sample(args))
                extra[name]["peak_rss_mb"] += [
                    memory_of(pid).get("peak_rss_mb", 0) for pid in server.workers()
                ]
            finally:
                server.stop()
            extra[name]["recycles"] += server.log_path.read_text().count("Autorestarting") - logged_before
    return {
        name: {
            **{target: summarise(samples) for target, samples in runs[name].items()},
            "recycles": extra[name]["recycles"],
            "peak_rss_mb_max": max(extra[name]["peak_rss_mb"], default=None),
            "peak_rss_mb_median": statistics.median(extra[name]["peak_rss_mb"])
            if extra[name]["peak_rss_mb"]
            else None,
            "settings": configs[name],
        }
        for name in configs
    }


def markdown(results: dict) -> str:
    """The comparison as a Markdown table."""
    load = results["load"]
    lines = [
        f"gunicorn A/B, {results['started']}: {results['rounds']} interleaved rounds, "
        f"wrk {load['duration_s']} s per sample, {load['connections']} connections, "
        f"{results['items']} generated items, database {results['database']}. "
        f"Load before: `{results['uptime_before']}`; after: `{results['uptime_after']}`.",
        "",
        "| Configuration | Cached page req/s (min–max) | p50 / p99 ms | DOCX req/s (min–max) | p50 / p99 ms "
        "(worst p99) | recycles | worker peak RSS MB |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name, r in results["configs"].items():
        page, docx = r["guidance_item_many_blocks"], r["docx_download"]
        lines.append(
            f"| {name} | {page['rps']:,.0f} ({page['rps_min']:,.0f}–{page['rps_max']:,.0f}) "
            f"| {page['p50_ms']} / {page['p99_ms']} "
            f"| {docx['rps']:,.0f} ({docx['rps_min']:,.0f}–{docx['rps_max']:,.0f}) "
            f"| {docx['p50_ms']} / {docx['p99_ms']} ({docx['p99_max_ms']}) "
            f"| {r['recycles']} | {r['peak_rss_mb_max']} |"
        )
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description="Interleaved A/B runs of gunicorn configurations.")
    parser.add_argument("--quick", action="store_true", help="check that it works: seconds")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk sample")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--items", type=int, default=100, help="generated guidance items")
    parser.add_argument("--only", nargs="*", help="configuration names (default: all)")
    parser.add_argument("--port", type=int, default=8440)
    parser.add_argument("--results", default=str(BENCH / "results"))
    args = parser.parse_args()
    if args.quick:
        args.rounds, args.duration, args.connections, args.threads, args.items = 1, 1, 2, 1, 5
    os.environ["PATH"] = os.environ.get("PATH", "") + ":/usr/sbin"
    configs = {name: c for name, c in CONFIGS.items() if not args.only or name in args.only}
    shm = Path("/dev/shm")  # noqa: S108 - a private mkdtemp inside it
    tmp = Path(tempfile.mkdtemp(prefix="lmc-gunicorn-ab-", dir=shm if shm.is_dir() else None))
    env = base_env(tmp, args)
    results = {
        "started": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "rounds": args.rounds,
        "items": args.items,
        "database": env["DATABASE_URL"].split(":", 1)[0],
        "load": {"duration_s": args.duration, "connections": args.connections, "wrk_threads": args.threads},
    }
    try:
        set_up_database(env)
        add_content(env, args.items)
        found = discover(env)
        results["uptime_before"] = uptime()
        results["configs"] = measure(env, tmp, args, found, configs)
        results["uptime_after"] = uptime()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    out = Path(args.results)
    out.mkdir(parents=True, exist_ok=True)
    (out / "gunicorn-ab.json").write_text(json.dumps(results, indent=2) + "\n")
    table = markdown(results)
    (out / "gunicorn-ab.md").write_text(table)
    print(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
