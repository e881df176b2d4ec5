"""Two app servers behind nginx, as on two machines: throughput with one instance and with two.

Each instance is its own gunicorn (gunicorn.conf.py, production settings) with its own ``VAR_DIR``;
both share the run's database and a Redis the run starts (``REDIS_URL``: page cache, remembered
values and rate-limit counters shared, as docs/deployment.md describes). Two nginx front ends run at
once: one with only instance A upstream, one with A and B; rounds alternate between them (one, two,
one, two, ...) so background load hits both alike. On one 2-core machine both instances share the
same cores, so a second instance cannot double throughput here; on two machines it would add a
machine's worth.
"""

from pathlib import Path

from bench.processes import (
    HOST,
    free_port,
    gunicorn,
    log,
    nginx,
    nginx_conf,
    redis_server_path,
    running_redis,
    wait_for,
)
from bench.targets import Target, prepare
from bench.wrk import summarise

TARGETS = ["guidance_item_many_blocks", "docx_download"]


def instance_env(env: dict, tmp: Path, name: str, redis_url: str) -> dict:
    """An instance's environment: its own var/ folder (media, any file caches), the shared Redis."""
    own = {
        key: value
        for key, value in env.items()
        if key not in {"MEDIA_ROOT", "PAGE_CACHE_DIR", "RATE_LIMIT_CACHE_DIR"}
    }
    return {**own, "VAR_DIR": str(tmp / f"var-{name}"), "REDIS_URL": redis_url, "PAGE_CACHE_ENABLED": "true"}


def run(env: dict, tmp: Path, args, found: dict, *, rounds: int, targets: list[str] = TARGETS) -> dict:
    """{"one": {target: summary}, "two": {...}, "instances": ..., "notes": ...}."""
    if redis_server_path() is None:
        return {"missing": "redis-server is not installed (apt-get install redis-server)"}
    servers = []
    with running_redis(tmp, free_port(args.port + 20)) as redis_url:
        try:
            ports = {}
            for name in ("a", "b"):
                ports[name] = free_port(args.port + 21 + len(ports))
                servers.append(
                    gunicorn(f"instance-{name}", instance_env(env, tmp, name, redis_url), ports[name], tmp)
                )
            for port in ports.values():
                wait_for(f"http://{HOST}:{port}/healthz")
            fronts = {}
            for label, upstream in (("one", ["a"]), ("two", ["a", "b"])):
                port = free_port(args.port + 25 + len(fronts))
                lines = "\n".join(f"        server {HOST}:{ports[n]};" for n in upstream)
                conf = nginx_conf(
                    "nginx-proxy.conf", tmp=str(tmp), name=f"proxy-{label}", port=str(port), upstreams=lines
                )
                servers.append(nginx(f"proxy-{label}", conf, tmp, env))
                fronts[label] = f"http://{HOST}:{port}"
            for base in fronts.values():
                wait_for(f"{base}/healthz")
            prepared = {
                label: {name: prepare(base, name, found, tmp, f"proxy-{label}") for name in targets}
                for label, base in fronts.items()
            }
            runs: dict[str, dict[str, list[dict]]] = {label: {n: [] for n in targets} for label in fronts}
            for round_number in range(1, rounds + 1):
                for label in fronts:
                    for name, target in prepared[label].items():
                        if isinstance(target, Target):
                            log(f"wrk {label} instance(s) behind nginx: {name} (round {round_number})")
                            runs[label][name].append(target.sample(args))
        finally:
            for server in reversed(servers):
                server.stop()
    results: dict = {"rounds": rounds}
    for label in runs:
        results[label] = {
            name: summarise(samples) if samples else prepared[label][name]
            for name, samples in runs[label].items()
        }
    return results
