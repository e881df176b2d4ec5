"""The portal's benchmark: one command (``make bench``), results as ratios to two ceilings.

1. Sets up a database (``DATABASE_URL`` if set, else a fresh SQLite file in a temporary folder),
   migrates, loads the demo content and generates guidance items (bench/make_content.py).
2. In-process timings (bench/inprocess.py, page cache off) of each page type and three searches
   (one word, four words, four words every item contains), with query counts, at each content scale
   (default 100 and 5,000 items); the letters' own in-process timings (bench/letters_inprocess.py).
3. Serves the portal with the production settings under gunicorn with the production gunicorn
   settings (gunicorn.conf.py, nothing overridden) on 127.0.0.1 and loads it with wrk
   (bench/portal_load.py): page cache on (as in production), then off; in the same rounds, the two
   ceilings (nginx serving a saved copy of the guidance item, a minimal WSGI app returning the same
   bytes under the same gunicorn settings). Each target is sampled ``--samples`` times; results are
   medians with their spread, and ratios are computed from the medians.
4. Anonymous pages with the portal's page cache, Django's cache middleware, wagtail-cache (if
   installed) and none (bench/page_cache_compare.py).
5. Two instances behind nginx sharing the database and a Redis the run starts, against one
   (bench/two_instances.py).
6. Reads the gunicorn workers' peak memory, writes bench/results/latest.{json,md} and the results
   section of docs/performance.md.

Only 127.0.0.1 is ever contacted. ``--quick`` is the smoke-test mode (a minute or two, tiny content).
"""

import argparse
import datetime
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import page_cache_compare, two_instances  # noqa: E402
from bench.portal_load import load_portal  # noqa: E402
from bench.prepare import (  # noqa: E402
    add_content,
    base_env,
    discover,
    in_process,
    letters_in_process,
    machine,
    set_up_database,
    uptime,
)
from bench.processes import BENCH, ROOT, log  # noqa: E402

DOCS_START = "<!-- bench-results:start -->"
DOCS_END = "<!-- bench-results:end -->"


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Benchmark the portal against nginx and a minimal WSGI app.")
    parser.add_argument("--quick", action="store_true", help="smoke-test mode: seconds, tiny content")
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk sample")
    parser.add_argument("--samples", type=int, default=3, help="wrk samples per target (medians reported)")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--runs", type=int, default=200, help="in-process runs per target")
    parser.add_argument("--scales", default="100,5000", help="generated items, comma-separated")
    parser.add_argument("--workers", type=int, help="gunicorn workers (default: gunicorn.conf.py)")
    parser.add_argument("--port", type=int, default=8410, help="first port to try (8400-8499)")
    parser.add_argument("--skip", nargs="*", default=[], choices=["cache-compare", "two-instances"])
    parser.add_argument("--results", default=str(BENCH / "results"), help="folder for latest.json/.md")
    parser.add_argument("--no-docs", action="store_true", help="do not update docs/performance.md")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (logs)")
    args = parser.parse_args()
    if args.quick:
        args.duration, args.samples, args.connections, args.threads = 1, 2, 2, 1
        args.runs, args.scales, args.no_docs = 5, "5", True
    return args


def measure(args, env: dict, tmp: Path, results: dict) -> None:
    """Everything the run measures, into ``results``."""
    log(f"database {results['machine']['database']}, temporary folder {tmp}")
    set_up_database(env)
    for scale in [int(s) for s in args.scales.split(",") if s.strip()]:
        add_content(env, scale)
        results["content"][str(scale)] = scale
        log(f"in-process timings at {scale} items ({args.runs} runs each)")
        results["in_process"][str(scale)] = in_process(env, args.runs, tmp, str(scale))
    log("letters in-process (bench/letters_inprocess.py)")
    results["letters_in_process"] = letters_in_process(env, args.quick)
    found = discover(env)
    results["urls"] = found["urls"]
    results["uptime_before_load"] = uptime()
    results.update(load_portal(env, tmp, args, found))
    rounds = 1 if args.quick else args.samples  # the smoke test only checks these work
    if "cache-compare" not in args.skip:
        targets = ["guidance_item_many_blocks"] if args.quick else page_cache_compare.TARGETS
        results["page_cache_compare"] = page_cache_compare.compare(
            env, tmp, args, found, rounds=rounds, targets=targets
        )
    if "two-instances" not in args.skip:
        results["two_instances"] = two_instances.run(env, tmp, args, found, rounds=rounds)
    results["uptime_after_load"] = uptime()


def main() -> int:
    args = arguments()
    for tool in ("wrk", "nginx"):
        if shutil.which(tool) is None and not Path(f"/usr/sbin/{tool}").exists():
            raise SystemExit(f"{tool} is needed (apt-get install wrk nginx-light).")
    os.environ["PATH"] = os.environ.get("PATH", "") + ":/usr/sbin"
    shm = Path("/dev/shm")  # noqa: S108 - a private mkdtemp inside it; memory-backed, no fsync cost
    tmp = Path(tempfile.mkdtemp(prefix="lmc-bench-", dir=shm if shm.is_dir() else None))
    env = base_env(tmp, args)
    results: dict = {
        "started": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "mode": "quick" if args.quick else "full",
        "load": {
            "duration_s": args.duration,
            "samples": args.samples,
            "connections": args.connections,
            "wrk_threads": args.threads,
        },
        "machine": machine(env),
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
        "in_process": {},
        "content": {},
    }
    try:
        measure(args, env, tmp, results)
    finally:
        results["finished"] = datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds")
        results["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
        if args.keep:
            log(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    write(results, args)
    return 0


def write(results: dict, args) -> None:
    """latest.json, latest.md and (full runs) the results section of docs/performance.md."""
    from bench.report import evaluate, markdown

    results["targets"] = evaluate(results)
    out = Path(args.results)
    out.mkdir(parents=True, exist_ok=True)
    (out / "latest.json").write_text(json.dumps(results, indent=2) + "\n")
    table = markdown(results)
    (out / "latest.md").write_text(table)
    docs = ROOT / "docs" / "performance.md"
    if not args.no_docs and docs.exists() and DOCS_START in docs.read_text():
        text = docs.read_text()
        before, rest = text.split(DOCS_START, 1)
        after = rest.split(DOCS_END, 1)[1]
        docs.write_text(f"{before}{DOCS_START}\n{table}\n{DOCS_END}{after}")
    print(table)


if __name__ == "__main__":
    sys.exit(main())
