"""In-process timings of the portal's pages and search, with query counts.

Run by bench/run.py in a fresh process with the production settings (and the page cache off, so
every run renders). Each target is requested ``--runs`` times through Django's test client (the
whole middleware stack, no network); the result is the median and 95th percentile, plus the number
of SQL queries one request makes.

    python bench/inprocess.py --runs 200 --out timings.json
    python bench/inprocess.py --discover           # the benchmark's URLs and a valid letter POST
"""

import argparse
import contextlib
import json
import os
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

SEARCH_QUERY = "referral"
# Four words, as a practice might type them: a realistic query, and four words every generated
# item contains (the most a query can cost: every page matches and is ranked).
SEARCH_FOUR_WORDS = "discharge summary medication request"
SEARCH_FOUR_COMMON_WORDS = "practices hospital clinical responsibility"
# Also timed as the first view after a publish, when nothing derived from content is remembered.
AFTER_PURGE_TARGETS = ("guidance_item_many_blocks", "guidance_item_typical")
BENCH_HOST = "127.0.0.1"


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def discover() -> dict:
    """The addresses the benchmark loads, found in the database, and a valid letter POST body."""
    from django.urls import NoReverseMatch, reverse

    from bench.make_content import ITEM_PREFIX, MANY_BLOCKS_SLUG
    from guidance.models import GuidanceIndexPage, GuidanceItemPage, HomePage, ReportPage

    urls: dict[str, str] = {}
    home = HomePage.objects.live().first()
    if home:
        urls["home"] = home.url
    index = GuidanceIndexPage.objects.live().first()
    if index:
        urls["guidance_index"] = index.url
    big = GuidanceItemPage.objects.live().filter(slug=MANY_BLOCKS_SLUG).first()
    if big:
        urls["guidance_item_many_blocks"] = big.url
    item = GuidanceItemPage.objects.live().filter(slug__startswith=ITEM_PREFIX).order_by("path").first()
    if item:
        urls["guidance_item_typical"] = item.url
    report = ReportPage.objects.live().first()
    if report:
        urls["report"] = report.url
    with contextlib.suppress(NoReverseMatch):
        urls["search"] = f"{reverse('search')}?q={SEARCH_QUERY}"
        urls["search_four_words"] = f"{reverse('search')}?{urlencode({'q': SEARCH_FOUR_WORDS})}"
        urls["search_four_common_words"] = f"{reverse('search')}?{urlencode({'q': SEARCH_FOUR_COMMON_WORDS})}"
    with contextlib.suppress(NoReverseMatch):
        urls["letter_form"] = reverse("letters:workload_rejection")
    return {"urls": urls, "docx_post": docx_post_data()}


def docx_post_data() -> dict | None:
    """Form fields for a valid workload-rejection letter (fictional patient) that downloads a DOCX."""
    try:
        from letters.forms import WorkloadRejectionForm
    except ImportError:
        return None
    form = WorkloadRejectionForm()
    category_field = form.requests.forms[0].fields["category"]
    categories = [c for c in category_field.queryset if not getattr(c, "asks_for_text", False)]
    nhs_categories = [c for c in categories if str(getattr(c, "source_group", "")) != "private"]
    if not nhs_categories:
        return None
    reasons = [
        r for r in form.fields["reasons"].queryset if not r.asks_for_text and r.source_group != "private"
    ]
    data = {
        "practice_name": "Example Medical Practice",
        "practice_address": "1 Example Street\nHull\nHU1 1AA",
        "practice_phone": "01632 960000",
        "practice_email": "practice@example.nhs.uk",
        "practice_ods_code": "B81001",
        "letter_date": "2026-11-23",
        "recipient_role": "Consultant",
        "recipient_organisation": "Example Hospitals NHS Trust",
        "recipient_department": "Outpatients",
        "patient_name": "Alex Example",
        "patient_dob": "1970-01-01",
        "nhs_number": "9434765919",
        "request_date": "2026-11-20",
        "source_type": "an NHS trust",
        "request-TOTAL_FORMS": "3",
        "request-INITIAL_FORMS": "0",
        "request-0-category": str(nhs_categories[0].pk),
        "reasons": [str(r.pk) for r in reasons[:1]],
        "signatory_name": "Dr Sam Example",
        "signatory_role": "GP partner",
        "action": "letter.docx",
    }
    check = WorkloadRejectionForm({k: v for k, v in data.items() if k != "action"})
    if not check.is_valid():
        return {"invalid": [f"{target}: {error}" for target, error in check.error_list()]}
    return data


def measure(client, url: str, runs: int, *, after_purge: bool = False) -> dict:
    """Median and p95 of ``runs`` requests and the queries of one. ``after_purge``: each request is
    the first after an editor publishes (nothing remembered: site, settings, menu, privacy)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from pagecache.purge import purge_now

    prepare = purge_now if after_purge else (lambda: None)
    for _ in range(min(10, runs)):
        response = client.get(url)
    status = response.status_code
    if status != 200:
        return {"url": url, "status": status, "error": f"answered {status}; not timed"}
    prepare()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    query_count = len(queries)  # now: the next request clears the connection's query log
    timings = []
    for _ in range(runs):
        prepare()
        started = time.perf_counter()
        client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
    return {
        "url": url,
        "status": status,
        "bytes": len(response.content),
        "queries": query_count,
        "runs": runs,
        "median_ms": round(statistics.median(timings), 2),
        "p95_ms": round(percentile(timings, 0.95), 2),
    }


def run(runs: int, only: list[str] | None = None) -> dict:
    from django.conf import settings
    from django.test import Client

    settings.PAGE_CACHE_ENABLED = False  # every run renders
    settings.RATE_LIMIT_ENABLED = False  # one address makes every request here
    found = discover()
    client = Client(HTTP_HOST=BENCH_HOST, raise_request_exception=False)
    results = {}
    for name, url in found["urls"].items():
        if only and name not in only:
            continue
        results[name] = measure(client, url, runs)
        if name in AFTER_PURGE_TARGETS:
            results[f"{name}_after_purge"] = measure(client, url, runs, after_purge=True)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description="In-process page timings with query counts.")
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--only", nargs="*", help="target names to time (default: all)")
    parser.add_argument("--out", help="write JSON here (default: stdout)")
    parser.add_argument("--discover", action="store_true", help="print the URLs and letter POST only")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lmc_portal.settings.production")
    import django

    django.setup()
    result = discover() if args.discover else run(args.runs, args.only)
    text = json.dumps(result, indent=2)
    if args.out:
        Path(args.out).write_text(text)
    else:
        print(text)


if __name__ == "__main__":
    main()
