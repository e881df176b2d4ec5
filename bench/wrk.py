"""Running wrk and summarising its samples: median and spread of several runs of the same load."""

import json
import re
import statistics
import subprocess
from pathlib import Path

from bench.processes import BENCH


def parse_wrk(output: str) -> dict:
    """Requests, requests/s, median and p99 latency (ms) and errors from ``wrk --latency`` output."""

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
    """One wrk run of ``args.duration`` seconds at ``args.connections`` connections."""
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
) -> Path:
    """bench/wrk_request.lua with its parameters (host, path, POST body, cookie) filled in."""
    params = {"host": host, "path": path, "body": body, "cookie": cookie}
    fields = ", ".join(f"{key} = {json.dumps(value)}" for key, value in params.items() if value is not None)
    script = tmp / f"{name}.lua"
    script.write_text(f"params = {{{fields}}}\n" + (BENCH / "wrk_request.lua").read_text())
    return script


def summarise(samples: list[dict]) -> dict:
    """Several wrk runs of one target as one result: the median requests/s and latencies, the lowest
    and highest requests/s, the spread ((highest − lowest) / median) and every sample's requests/s.

    Ratios are computed from these medians: one sample moves a ratio by about ±15% on a busy machine.
    """
    samples = [s for s in samples if "rps" in s]
    if not samples:
        return {"error": "no sample"}
    rates = [s["rps"] for s in samples]
    median = statistics.median(rates)

    def median_of(key: str) -> float | None:
        values = [s[key] for s in samples if s.get(key) is not None]
        return round(statistics.median(values), 2) if values else None

    return {
        "rps": round(median, 1),
        "rps_min": min(rates),
        "rps_max": max(rates),
        "spread": round((max(rates) - min(rates)) / median, 3) if median else None,
        "samples": rates,
        "p50_ms": median_of("p50_ms"),
        "p99_ms": median_of("p99_ms"),
        "p99_max_ms": max((s["p99_ms"] for s in samples if s.get("p99_ms") is not None), default=None),
        "requests": sum(s["requests"] for s in samples),
        "errors": sum(s["errors"] for s in samples),
    }
