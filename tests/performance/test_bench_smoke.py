"""The benchmark keeps working: `bench/run.py --quick` serves the portal with the production
settings, loads every target for a second and writes its results, all within a minute or two."""

import json
import os
import runpy
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def quick_run(tmp_path_factory):
    if shutil.which("wrk") is None or not (shutil.which("nginx") or Path("/usr/sbin/nginx").exists()):
        pytest.skip("the benchmark needs wrk and nginx (apt-get install wrk nginx-light)")
    results = tmp_path_factory.mktemp("bench-results")
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}  # a throwaway SQLite database
    }
    done = subprocess.run(
        [sys.executable, "bench/run.py", "--quick", "--results", str(results), "--port", "8460"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return json.loads((results / "latest.json").read_text()), (results / "latest.md").read_text()


def test_every_target_answers_under_load_without_errors(quick_run):
    results, _ = quick_run
    loaded = {**results["ceilings"], **results["cached"]}
    expected = {
        "nginx_static",
        "minimal_wsgi",
        "home",
        "guidance_index",
        "guidance_item_many_blocks",
        "report",
        "search",
        "letter_form",
        "docx_download",
    }
    assert set(loaded) == expected
    for name, run in loaded.items():
        assert run.get("requests", 0) > 0, (name, run)
        assert run["errors"] == 0, (name, run)


def test_ceilings_are_sampled_more_than_once_and_reported_as_medians(quick_run):
    results, table = quick_run
    for name in ("nginx_static", "minimal_wsgi"):
        ceiling = results["ceilings"][name]
        assert len(ceiling["samples"]) >= 2, ceiling
        assert ceiling["rps_min"] <= ceiling["rps"] <= ceiling["rps_max"], ceiling
    assert "lowest–highest" in table


def test_the_load_runs_with_the_production_gunicorn_settings(quick_run):
    results, _ = quick_run
    settings = results["machine"]["gunicorn_settings"]
    production = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    for key in ("workers", "threads", "max_requests", "max_requests_jitter", "preload_app"):
        assert settings[key] == production[key], key


def test_page_caches_are_compared_on_the_same_page(quick_run):
    results, table = quick_run
    modes = results["page_cache_compare"]["modes"]
    assert {"pagecache", "django", "none"} <= set(modes)
    for mode, targets in modes.items():
        for name, run in targets.items():
            assert run.get("requests", 0) > 0 and run["errors"] == 0, (mode, name, run)
    notes = results["page_cache_compare"]["notes"]
    assert notes["pagecache"] == "X-Page-Cache: hit", notes  # the cache answered, not the page
    assert int(notes["django"].split()[0]) > int(notes["none"].split()[0]), notes  # pages stored
    assert "Django's cache middleware" in table


def test_one_and_two_instances_are_loaded_behind_nginx(quick_run):
    results, table = quick_run
    two = results["two_instances"]
    if "missing" in two:
        pytest.skip(two["missing"])
    for label in ("one", "two"):
        for name, run in two[label].items():
            assert run.get("requests", 0) > 0 and run["errors"] == 0, (label, name, run)
    assert "two ÷ one" in table


def test_pages_are_timed_in_process_with_their_queries(quick_run):
    results, _ = quick_run
    (timings,) = results["in_process"].values()
    names = ("home", "guidance_index", "guidance_item_many_blocks", "report", "search", "letter_form")
    for name in names + ("search_four_words", "search_four_common_words"):
        assert timings[name]["status"] == 200, (name, timings[name])
        assert timings[name]["median_ms"] > 0
        assert timings[name]["bytes"] > 2000, name  # a whole page, not an error or a redirect
        # Pages read content from the database; the letter form's wording and options are remembered
        # (Wagtail's own site lookup is the one query).
        if name == "letter_form":
            assert timings[name]["queries"] <= 1, timings[name]
        else:
            assert timings[name]["queries"] > 0, name
    assert {"docx", "pdf", "html"} <= set(results["letters_in_process"]["results"])


def test_results_table_reports_ratios_and_every_target(quick_run):
    results, table = quick_run
    assert "× minimal WSGI" in table and "nginx" in table
    assert len(results["targets"]) >= 8
    memory = results["worker_memory"]["cached_run"]
    assert memory and all(worker["peak_rss_mb"] > 0 for worker in memory)
