"""The main load: the portal under gunicorn (page cache on, then off) and the two ceilings, nginx
serving a saved copy of the guidance item and a minimal WSGI app returning the same bytes.

Every target is sampled ``args.samples`` times in rounds (ceilings, then each portal target; again),
so background load hits the portal and the ceilings alike; results are medians of the samples.
"""

from pathlib import Path

from bench.processes import HOST, Server, free_port, gunicorn, log, memory_of, nginx, nginx_conf, wait_for
from bench.targets import LOAD_TARGETS, PAGE_TARGETS, Target, fetch, prepare
from bench.wrk import run_wrk, summarise

CEILINGS = {
    "nginx_static": "nginx (static copy of the guidance item)",
    "minimal_wsgi": "minimal WSGI app (same bytes, same gunicorn settings)",
}


def _snapshot(base: str, found: dict, tmp: Path) -> Path:
    """The guidance item as the portal sends it: the bytes both ceilings serve."""
    url = found["urls"]["guidance_item_many_blocks"]
    status, _, body = fetch(base + url)
    if status != 200:
        raise RuntimeError(f"{url} answered {status}")
    root = tmp / "static"
    root.mkdir(exist_ok=True)
    page = root / "page.html"
    page.write_bytes(body)
    # nginx's workers run as an unprivileged user: let them reach (only) the page.
    tmp.chmod(0o711)
    root.chmod(0o755)
    page.chmod(0o644)
    return page


def _start_ceilings(env: dict, tmp: Path, args, page: Path) -> tuple[list[Server], dict[str, str]]:
    port = free_port(args.port + 2)
    conf = nginx_conf("nginx.conf", tmp=str(tmp), port=str(port), root=str(page.parent))
    servers = [nginx("nginx", conf, tmp, env)]
    bases = {"nginx_static": f"http://{HOST}:{port}/"}
    port = free_port(port + 1)
    wsgi_env = {**env, "BENCH_STATIC_FILE": str(page)}
    servers.append(gunicorn("minimal-wsgi", wsgi_env, port, tmp, app="bench.minimal_wsgi"))
    bases["minimal_wsgi"] = f"http://{HOST}:{port}/"
    for url in bases.values():
        wait_for(url)
    return servers, bases


def _portal_phase(env: dict, tmp: Path, args, found: dict, port: int, *, cached: bool, ceilings, samples):
    """Load the portal's targets (and the ceilings, in the same rounds); the workers' memory after."""
    label = "portal-cached" if cached else "portal-uncached"
    server_env = {**env, "PAGE_CACHE_ENABLED": "true" if cached else "false"}
    server = gunicorn(label, server_env, port, tmp)
    base = f"http://{HOST}:{port}"
    names = LOAD_TARGETS if cached else PAGE_TARGETS
    try:
        wait_for(f"{base}/healthz")
        if ceilings["bases"] is None:
            page = _snapshot(base, found, tmp)
            ceilings["servers"], ceilings["bases"] = _start_ceilings(env, tmp, args, page)
        prepared = {name: prepare(base, name, found, tmp, label) for name in names}
        runs: dict[str, list[dict]] = {name: [] for name, t in prepared.items() if isinstance(t, Target)}
        for round_number in range(1, args.samples + 1):
            for name, url in ceilings["bases"].items():
                log(f"wrk {CEILINGS[name]} (round {round_number})")
                samples.setdefault(name, []).append(run_wrk(url, args))
            for name in runs:
                log(f"wrk {label} {name} {prepared[name].label} (round {round_number})")
                runs[name].append(prepared[name].sample(args))
        memory = [memory_of(pid) for pid in server.workers()]
    finally:
        server.stop()
    results = {}
    for name, target in prepared.items():
        if isinstance(target, Target):
            results[name] = {"url": target.label, "bytes": target.bytes, **summarise(runs[name])}
        else:
            results[name] = target
    return results, memory


def load_portal(env: dict, tmp: Path, args, found: dict) -> dict:
    """{"cached", "uncached" (full mode), "ceilings", "worker_memory"}: medians of ``args.samples``."""
    port = free_port(args.port)
    ceilings: dict = {"servers": [], "bases": None}
    samples: dict[str, list[dict]] = {}
    results: dict = {"worker_memory": {}}
    try:
        results["cached"], results["worker_memory"]["cached_run"] = _portal_phase(
            env, tmp, args, found, port, cached=True, ceilings=ceilings, samples=samples
        )
        if not args.quick:  # the same code path with the page cache off; the smoke test skips it
            results["uncached"], results["worker_memory"]["uncached_run"] = _portal_phase(
                env, tmp, args, found, port, cached=False, ceilings=ceilings, samples=samples
            )
    finally:
        for server in ceilings["servers"]:
            server.stop()
    page_bytes = (tmp / "static" / "page.html").stat().st_size
    results["ceilings"] = {name: {"bytes": page_bytes, **summarise(runs)} for name, runs in samples.items()}
    return results
