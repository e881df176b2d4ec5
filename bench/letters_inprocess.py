"""In-process timings of the letter renderers: one DOCX, one PDF, one HTML preview.

Usage:  .venv/bin/python bench/letters_inprocess.py [--runs 200] [--quick]

Renders the demo workload-rejection wording for a made-up patient, with no database and no HTTP, so
the numbers are the renderers' own.
Targets: DOCX under 100 ms (issue 11 retired the old 20 ms: the clearest python-docx code is
fast enough), PDF under 100 ms.
"""

import argparse
import os
import statistics
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lmc_portal.settings.dev")

import django  # noqa: E402

django.setup()


from letters import demo  # noqa: E402
from letters.blocks import Condition  # noqa: E402
from letters.content import Answers, LetterContent, LetterFacts, RequestFacts  # noqa: E402
from letters.models import LetterTemplate  # noqa: E402
from letters.placeholders import LetterKind  # noqa: E402
from letters.services.build import build_letter  # noqa: E402
from letters.services.render_docx import render_docx  # noqa: E402
from letters.services.render_html import render_html  # noqa: E402
from letters.services.render_pdf import render_pdf  # noqa: E402


def sample_content() -> LetterContent:
    """A realistic one-page letter built from the demo wording (unsaved, so no database is needed)."""
    template = LetterTemplate(
        kind=LetterKind.WORKLOAD_REJECTION,
        title="Workload rejection",
        body=demo.wording.WORKLOAD_BODY,
        patient_note=[],
    )
    fit_note = next(c for c in demo.CATEGORIES if c.label.startswith("Fit note"))
    values = {
        "practice_name": "Ysbyty & Partners",
        "practice_phone": "01482 000001",
        "practice_contract": "GMS/PMS contract",
        "letter_date": "3 June 2026",
        "recipient_name": "Dr Ana Núñez",
        "recipient_organisation": "Hull University Teaching Hospitals NHS Trust",
        "patient_name": "Siân O'Brien",
        "your_letter": "your letter of 20 May 2026",
        "signatory_name": "Dr Ffion Jones",
        "signatory_role": "GP partner",
    }
    request = RequestFacts(
        label=fit_note.label,
        phrase=fit_note.phrase,
        details="A fit note after knee surgery.",
        basis=fit_note.basis.replace(
            "{service_condition}", "Service Condition 11 of the NHS Standard Contract"
        ),
        ask=fit_note.ask,
        patient_advice=fit_note.patient_advice,
        done_once=False,
        time_critical=True,
    )
    answers = Answers(
        values=values,
        practice_lines=("Ysbyty & Partners", "1 Heol y Castell", "Hull HU1 1AA", "Tel: 01482 000001"),
        recipient_lines=(
            "Dr Ana Núñez",
            "Consultant",
            "Hull University Teaching Hospitals NHS Trust",
            "Hull",
        ),
        subject_lines=("Re: Siân O'Brien, date of birth 28 February 1961", "NHS number 943 476 5919"),
        reasons=tuple(phrase for _, phrase, _ in demo.WORKLOAD_REASONS[:3]),
        requests=(request,),
        conditions=frozenset({Condition.NHS_PROVIDER, Condition.ONE_REQUEST, Condition.HAS_PRACTICE_PHONE}),
    )
    facts = LetterFacts(
        kind=LetterKind.WORKLOAD_REJECTION,
        letter_date=date(2026, 6, 3),
        full=answers,
        without_identifiers=answers,
    )
    return build_letter(facts=facts, template=template, issuer="Humberside LMC")


def time_ms(render, content: LetterContent, runs: int) -> list[float]:
    render(content=content)  # warm-up: first call builds caches (styles package, fonts, CSS)
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        render(content=content)
        timings.append((time.perf_counter() - started) * 1000)
    return timings


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200, help="runs per renderer (default 200)")
    parser.add_argument("--quick", action="store_true", help="10 runs each: a smoke test, not a measurement")
    args = parser.parse_args()
    runs = 10 if args.quick else args.runs
    content = sample_content()
    rows = [
        ("DOCX (render_docx)", render_docx, 100.0),
        ("PDF (render_pdf)", render_pdf, 100.0),
        ("HTML preview (render_html)", render_html, None),
    ]
    print(f"{runs} runs each, in-process, Python {sys.version.split()[0]}")
    print(f"{'renderer':<36} {'median ms':>10} {'p95 ms':>10} {'target':>8}  result")
    failed = False
    for name, render, target in rows:
        timings = time_ms(render, content, runs)
        median, high = statistics.median(timings), p95(timings)
        verdict = "" if target is None else ("ok" if median < target else "SLOW")
        failed |= verdict == "SLOW"
        print(f"{name:<36} {median:>10.2f} {high:>10.2f} {target or '':>8}  {verdict}")
    sys.exit(1 if failed and not args.quick else 0)


if __name__ == "__main__":
    main()
