"""Turn a benchmark run (bench/run.py) into target checks and the Markdown results table."""

DOCX_MEDIAN_MS = 1000  # the letter download target (see the check below)

LABELS = {
    "home": "Home page",
    "guidance_index": "Guidance index",
    "guidance_item_many_blocks": "Guidance item (many blocks)",
    "guidance_item_typical": "Guidance item (typical)",
    "guidance_item_many_blocks_after_purge": "Guidance item (many blocks), first view after a publish",
    "guidance_item_typical_after_purge": "Guidance item (typical), first view after a publish",
    "report": "Report",
    "search": "Search results",
    "search_four_words": "Search results, four words (discharge summary medication request)",
    "search_four_common_words": "Search results, four words every item contains",
    "letter_form": "Letter form (GET)",
    "docx_download": "DOCX download (POST)",
    "nginx_static": "nginx, static copy of the guidance item",
    "minimal_wsgi": "Minimal WSGI app, same bytes, same gunicorn",
}


def _ms(value) -> str:
    return "–" if value is None else f"{value:.1f}"


def _scales(results: dict) -> list[str]:
    return sorted(results.get("in_process", {}), key=int)


def letters_timings(results: dict) -> dict[str, dict]:
    """{'docx': {'median_ms', 'p95_ms'}, 'pdf': ..., 'html': ...} parsed from letters_inprocess.py."""
    return results.get("letters_in_process", {}).get("results", {})


def evaluate(results: dict) -> list[dict]:
    """Each target with what was measured and whether it was met (None: could not be measured)."""
    checks: list[dict] = []

    def check(name: str, measured: str, met: bool | None) -> None:
        checks.append({"target": name, "measured": measured, "met": met})

    minimal = results.get("ceilings", {}).get("minimal_wsgi", {}).get("rps")
    cached = results.get("cached", {})
    ratios = {
        name: cached[name]["rps"] / minimal
        for name in ("home", "guidance_index", "guidance_item_many_blocks", "report", "search")
        if minimal and cached.get(name, {}).get("rps")
    }
    if ratios:
        worst = min(ratios, key=ratios.get)
        check(
            "Cached anonymous pages ≥ 40% of the minimal WSGI app's throughput",
            f"lowest {ratios[worst]:.0%} ({LABELS[worst]}); "
            + ", ".join(f"{LABELS[n]} {r:.0%}" for n, r in ratios.items()),
            min(ratios.values()) >= 0.40,
        )
    else:
        check("Cached anonymous pages ≥ 40% of the minimal WSGI app's throughput", "not measured", None)

    scales = _scales(results)
    if scales:
        items = [(s, results["in_process"][s].get("guidance_item_many_blocks")) for s in scales]
        items = [(s, r) for s, r in items if r and "median_ms" in r]
        if items:
            check(
                "Uncached guidance item render < 15 ms median with ≤ 10 queries",
                "; ".join(f"{s} items: {r['median_ms']:.1f} ms, {r['queries']} queries" for s, r in items),
                all(r["median_ms"] < 15 and r["queries"] <= 10 for _, r in items),
            )
        largest = results["in_process"][scales[-1]]
        for name in ("guidance_index", "search", "search_four_words", "search_four_common_words"):
            r = largest.get(name)
            r = r if r and "median_ms" in r else None
            if r is None and name.startswith("search_four"):
                continue  # an older run without the four-word searches
            check(
                f"{LABELS[name]} < 50 ms at {int(scales[-1]):,} items",
                f"{r['median_ms']:.1f} ms median, p95 {r['p95_ms']:.1f} ms" if r else "not measured",
                (r["median_ms"] < 50) if r else None,
            )
        if len(scales) > 1:
            first, last = results["in_process"][scales[0]], results["in_process"][scales[-1]]
            grown = {
                name: (first[name]["queries"], last[name]["queries"])
                for name in first
                if "queries" in first[name]
                and "queries" in last.get(name, {})
                and last[name]["queries"] > first[name]["queries"]
            }
            check(
                "No query count grows with the number of items",
                "grew: " + ", ".join(f"{LABELS.get(n, n)} {a}→{b}" for n, (a, b) in grown.items())
                if grown
                else f"same counts at {scales[0]} and {scales[-1]} items",
                not grown,
            )

    letters = letters_timings(results)
    for kind, limit in (("docx", 100), ("pdf", 100)):
        r = letters.get(kind)
        check(
            f"One {kind.upper()} < {limit} ms in-process",
            f"{r['median_ms']:.1f} ms median, p95 {_ms(r.get('p95_ms'))} ms" if r else "not measured",
            (r["median_ms"] < limit) if r else None,
        )

    # Restated on 2 December 2026 (was < 60 ms): one letter costs ~30 ms of CPU since python-docx, so
    # 16 at once on two cores queue for ~240 ms whatever the server does. A second is what a practice
    # waits for a letter without noticing; no download may fail (wrk's 2 s timeout counts as one).
    docx = cached.get("docx_download", {})
    docx_target = f"DOCX download < {DOCX_MEDIAN_MS} ms median at 16 connections, zero errors"
    if "rps" in docx:
        check(
            docx_target,
            f"{_ms(docx['p50_ms'])} ms median, {docx['errors']} errors, {docx['rps']:.0f} req/s",
            docx["p50_ms"] is not None and docx["p50_ms"] < DOCX_MEDIAN_MS and docx["errors"] == 0,
        )
    else:
        check(docx_target, str(docx or "not measured"), None)

    memory = [m for run in results.get("worker_memory", {}).values() for m in run if "peak_rss_mb" in m]
    if memory:
        peak = max(m["peak_rss_mb"] for m in memory)
        pss = max(m.get("pss_mb", 0) for m in memory)
        check(
            "Gunicorn worker peak memory < 200 MB after the load",
            f"peak RSS {peak:.0f} MB (PSS {pss:.0f} MB) over {len(memory)} workers",
            peak < 200,
        )
    else:
        check("Gunicorn worker peak memory < 200 MB after the load", "not measured", None)
    return checks


def _spread(r: dict) -> str:
    if r.get("rps_min") is None:
        return "–"
    return f"{r['rps_min']:,.0f}–{r['rps_max']:,.0f} (±{r['spread'] / 2:.0%})"


def _range(r: dict) -> str:
    return f"{r['rps_min']:,.0f}–{r['rps_max']:,.0f}" if r.get("rps_min") is not None else "–"


def markdown(results: dict) -> str:
    """The results section of docs/performance.md."""
    m = results.get("machine", {})
    g = m.get("gunicorn_settings", {})
    load = results.get("load", {})
    lines = [
        f"Run {results.get('started', '')} ({results.get('mode', '')} mode) on {m.get('cpu', '?')}, "
        f"{m.get('cores')} cores, {m.get('memory_gb')} GB; Linux {m.get('kernel')}, "
        f"Python {m.get('python')}, "
        f"Django {m.get('django')}, Wagtail {m.get('wagtail')}, gunicorn {m.get('gunicorn')} "
        f"({m.get('gunicorn_workers')} workers × {m.get('gunicorn_threads')} threads, gthread, "
        f"max_requests {g.get('max_requests')} ± {g.get('max_requests_jitter')}, preload "
        f"{g.get('preload_app')}: gunicorn.conf.py's production values), "
        f"wrk {m.get('wrk')}, nginx {m.get('nginx')}; database: {m.get('database')}.",
        "",
        f"Load: wrk, {load.get('samples', 1)} samples of {load.get('duration_s')} s per target, taken in "
        f"rounds with the ceilings; {load.get('connections')} connections, "
        f"{load.get('wrk_threads')} threads, all on 127.0.0.1 (wrk shares the machine's cores). "
        f"Load average (1, 5, 15 min) at start {results.get('load_average_at_start')}, "
        f"at end {results.get('load_average_at_end')}; `uptime` before the load: "
        f"`{results.get('uptime_before_load', '–')}`, after: `{results.get('uptime_after_load', '–')}`. "
        "Anything else running skews absolute numbers; the ratios, measured in the same rounds, much less.",
        "",
        "Requests/s are medians of the samples (lowest–highest, ± half the spread); ratios are of medians.",
        "",
        "| Target | req/s | lowest–highest | × minimal WSGI | × nginx | median ms | p99 ms | errors |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    ceilings = results.get("ceilings", {})
    minimal = ceilings.get("minimal_wsgi", {}).get("rps")
    nginx = ceilings.get("nginx_static", {}).get("rps")

    def row(label: str, r: dict) -> None:
        if "rps" not in r:
            lines.append(f"| {label} | {r.get('missing') or r.get('error') or '–'} | | | | | | |")
            return
        ratio_m = f"{r['rps'] / minimal:.2f}" if minimal else "–"
        ratio_n = f"{r['rps'] / nginx:.3f}" if nginx else "–"
        lines.append(
            f"| {label} | {r['rps']:,.0f} | {_spread(r)} | {ratio_m} | {ratio_n} | {_ms(r['p50_ms'])} "
            f"| {_ms(r['p99_ms'])} | {r['errors']} |"
        )

    for name in ("nginx_static", "minimal_wsgi"):
        if name in ceilings:
            row(f"**{LABELS[name]}**", ceilings[name])
    for name, r in results.get("cached", {}).items():
        suffix = "" if name in ("letter_form", "docx_download") else " (page cache on)"
        row(f"{LABELS.get(name, name)}{suffix}", r)
    for name, r in results.get("uncached", {}).items():
        row(f"{LABELS.get(name, name)} (page cache off)", r)
    lines += page_cache_table(results.get("page_cache_compare"))
    lines += two_instances_table(results.get("two_instances"))

    lines += ["", "In-process (Django test client, page cache off), per request:", ""]
    lines += ["| Target | items | median ms | p95 ms | queries | runs |", "|---|---:|---:|---:|---:|---:|"]
    for scale in _scales(results):
        for name, r in results["in_process"][scale].items():
            if "median_ms" not in r:
                lines.append(f"| {LABELS.get(name, name)} | {int(scale):,} | {r.get('error')} | | | |")
                continue
            lines.append(
                f"| {LABELS.get(name, name)} | {int(scale):,} | {r['median_ms']:.1f} | {r['p95_ms']:.1f} "
                f"| {r['queries']} | {r['runs']} |"
            )
    letters = letters_timings(results)
    if letters:
        lines += ["", "Letters in-process (bench/letters_inprocess.py):", ""]
        lines += ["| Output | median ms | p95 ms |", "|---|---:|---:|"]
        names = {"docx": "DOCX", "pdf": "PDF", "html": "HTML preview"}
        for kind, r in letters.items():
            lines.append(f"| {names.get(kind, kind)} | {r['median_ms']:.1f} | {_ms(r.get('p95_ms'))} |")
    elif results.get("letters_in_process"):
        lines += [
            "",
            f"Letters in-process: {results['letters_in_process'].get('missing', 'no timings read')}",
        ]
    memory = results.get("worker_memory", {})
    if memory:
        lines += ["", "Gunicorn workers after the load (MB): "]
        for run, workers in memory.items():
            lines.append(
                f"- {run.replace('_', ' ')}: "
                + ", ".join(
                    f"peak RSS {w.get('peak_rss_mb')}, RSS {w.get('rss_mb')}, PSS {w.get('pss_mb')}"
                    for w in workers
                )
            )
    lines += ["", "| Target | Measured | Met |", "|---|---|---|"]
    for c in results.get("targets", []):
        met = "yes" if c["met"] else "**no**" if c["met"] is False else "not measured"
        lines.append(f"| {c['target']} | {c['measured']} | {met} |")
    return "\n".join(lines) + "\n"


CACHE_MODES = {
    "pagecache": "the portal's page cache (pagecache/, production)",
    "django": "Django's cache middleware",
    "wagtail-cache": "wagtail-cache",
    "none": "no page cache",
}


def page_cache_table(compare: dict | None) -> list[str]:
    """Anonymous pages under each page cache (bench/page_cache_compare.py)."""
    if not compare:
        return []
    modes = compare["modes"]
    lines = [
        "",
        f"Anonymous pages by page cache (bench/page_cache_compare.py; {compare['rounds']} interleaved "
        "rounds, the same shared `pages` cache):",
        "",
        "| Page cache | Target | req/s | lowest–highest | × portal's cache | median ms | p99 ms | errors |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for mode, targets in modes.items():
        for name, r in targets.items():
            label = f"{CACHE_MODES.get(mode, mode)} | {LABELS.get(name, name)}"
            if "rps" not in r:
                lines.append(f"| {label} | {r.get('missing') or r.get('error')} | | | | | |")
                continue
            own = modes.get("pagecache", {}).get(name, {}).get("rps")
            ratio = f"{r['rps'] / own:.2f}" if own else "–"
            lines.append(
                f"| {label} | {r['rps']:,.0f} | {_spread(r)} | {ratio} | {_ms(r['p50_ms'])} "
                f"| {_ms(r['p99_ms'])} | {r['errors']} |"
            )
    for mode, note in compare.get("notes", {}).items():
        lines.append(f"- {CACHE_MODES.get(mode, mode)}: {note}")
    return lines


def two_instances_table(two: dict | None) -> list[str]:
    """One instance against two behind nginx (bench/two_instances.py)."""
    if not two:
        return []
    if "missing" in two:
        return ["", f"Two instances behind nginx: not measured ({two['missing']})."]
    lines = [
        "",
        f"One and two instances behind nginx, sharing the database and Redis (bench/two_instances.py; "
        f"{two['rounds']} interleaved rounds, both on this machine's cores):",
        "",
        "| Target | one instance req/s | two instances req/s | two ÷ one | p99 ms one / two | errors |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for name, one in two.get("one", {}).items():
        both = two.get("two", {}).get(name, {})
        if "rps" not in one or "rps" not in both:
            lines.append(f"| {LABELS.get(name, name)} | {one.get('error') or one.get('missing')} | | | | |")
            continue
        lines.append(
            f"| {LABELS.get(name, name)} | {one['rps']:,.0f} ({_range(one)}) | {both['rps']:,.0f} "
            f"({_range(both)}) | {both['rps'] / one['rps']:.2f} "
            f"| {_ms(one['p99_ms'])} / {_ms(both['p99_ms'])} | {one['errors'] + both['errors']} |"
        )
    return lines
