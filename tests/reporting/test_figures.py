"""Figures: counts by month, provider and kind; exact for officers in the admin, and the small-number
rule (1 to 4 "fewer than 5", the rest and totals rounded to 5) for anything published."""

import datetime
import re

import pytest
from django.urls import reverse

from guidance.editorial import EDITORS, OFFICERS
from letters.placeholders import LetterKind
from reporting import figures
from reporting.choices import ProblemKind
from reporting.models import CountedLetter

from .conftest import make_report

pytestmark = pytest.mark.django_db
MAY, JUNE = datetime.date(2026, 5, 1), datetime.date(2026, 6, 1)


def count_letters(number: int, *, provider, month=MAY, kind=LetterKind.WORKLOAD_REJECTION, categories=()):
    for _ in range(number):
        counted = CountedLetter.objects.create(letter_kind=kind, provider=provider, month=month)
        counted.categories.set(categories)


@pytest.mark.parametrize(
    ("count", "published"),
    [
        (0, "0"),
        (1, "fewer than 5"),
        (4, "fewer than 5"),
        (5, "5"),
        (7, "5"),
        (8, "10"),
        (12, "10"),
        (13, "15"),
    ],
)
def test_the_small_number_rule(count, published):
    assert figures.shown(count) == published


def test_the_month_now_running_is_labelled_so_far(options, monkeypatch):
    monkeypatch.setattr("reporting.figures.timezone.localdate", lambda: datetime.date(2026, 6, 10))
    make_report(options, month=JUNE)
    month = figures.report_breakdowns(start=MAY, end=JUNE)[0]
    assert [(r.label, r.count) for r in month.rows] == [("May 2026", 0), ("June 2026 (so far)", 1)]


def test_counts_by_month_provider_and_kind_for_the_period_only(options):
    for _ in range(3):
        make_report(options, month=MAY)
    make_report(options, month=JUNE, provider=options["nlag"], kind=ProblemKind.TASKS, workload_category=None)
    make_report(options, month=datetime.date(2026, 4, 1))  # before the period
    count_letters(6, provider=options["hull"], categories=[options["tests"]])
    count_letters(2, provider=None, month=JUNE, kind=LetterKind.DECLINED_REFERRAL)

    month, provider, kind, work = figures.report_breakdowns(start=MAY, end=JUNE)
    assert [(r.label, r.count) for r in month.rows] == [("May 2026", 3), ("June 2026", 1)]
    assert month.total == 4 and provider.total == 4 and kind.total == 4
    assert [(r.label, r.count) for r in provider.rows] == [
        ("Hull University Teaching Hospitals NHS Trust", 3),
        ("Northern Lincolnshire and Goole NHS Foundation Trust", 1),
    ]
    assert {r.label: r.count for r in kind.rows}[ProblemKind.TASKS.label] == 1
    # Only the three reports of work pushed to the practice, each by the kind of work it names.
    assert [(r.label, r.count) for r in work.rows] == [("Arranging tests the provider wants", 3)]
    assert work.total == 3

    only_hull = figures.report_breakdowns(start=MAY, end=JUNE, provider=options["hull"])
    assert only_hull[0].total == 3

    letters = {b.key: b for b in figures.letter_breakdowns(start=MAY, end=JUNE)}
    assert [(r.label, r.count) for r in letters["month"].rows] == [("May 2026", 6), ("June 2026", 2)]
    assert ("Other (not in the providers list)", 2) in [(r.label, r.count) for r in letters["provider"].rows]
    assert [(r.label, r.count) for r in letters["category"].rows] == [
        ("Arranging tests the provider wants", 6)
    ]
    assert letters["category"].total is None  # a letter can name several kinds


def test_published_figures_never_show_a_small_number_or_a_total_that_reveals_one(options):
    count_letters(11, provider=options["hull"])
    count_letters(2, provider=options["nlag"])
    exact = {b.key: b for b in figures.letter_breakdowns(start=MAY, end=MAY)}
    assert exact["provider"].total == 13
    public = figures.present(breakdown=exact["provider"], public=True)
    assert [(r.label, r.value) for r in public.rows] == [
        ("Hull University Teaching Hospitals NHS Trust", "10"),
        ("Northern Lincolnshire and Goole NHS Foundation Trust", "fewer than 5"),
    ]
    assert public.total == "15"  # 15 - 10 does not give the 2 back: 11 and 13 are rounded too
    assert public.rows[1].percent == 0  # no bar for a suppressed row
    month = figures.present(breakdown=exact["month"], public=True)
    assert month.total == "15" and month.rows[0].value == "15"
    officers = figures.present(breakdown=exact["provider"], public=False)
    assert [r.value for r in officers.rows] == ["11", "2"] and officers.total == "13"


def figures_url(**query) -> str:
    return reverse("reporting_figures") + (
        "?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else ""
    )


def test_officers_see_exact_figures_with_charts_and_accessible_tables(client, staff, options):
    count_letters(2, provider=options["nlag"])
    make_report(options, month=MAY)
    client.force_login(staff[OFFICERS])
    assert "/admin/reporting/figures/" in client.get("/admin/").content.decode()  # the menu item
    html = client.get(figures_url(start="2026-01", end="2026-06")).content.decode()
    assert "January 2026 to June 2026" in html
    assert "/admin/reporting/figures/letter/?start=2026-01&amp;end=2026-06&amp;format=pdf" in html
    table = re.search(r"<table[^>]*>\s*<caption>Letters by provider.*?</table>", html, re.S)[0]
    assert '<th scope="col">Provider</th>' in table
    assert re.search(
        r'<th scope="row">Northern Lincolnshire and Goole NHS Foundation Trust</th><td>2</td>', table
    )
    assert "fewer than 5" not in table  # exact for officers
    assert html.count('class="figures-chart"') >= 8 and 'aria-hidden="true"' in html
    assert "<script" not in re.search(r'<div class="figures-chart".*?</div>\s*</div>', html, re.S)[0]


def test_a_backwards_period_shows_its_error_only_no_figures_and_no_letter(client, staff, options):
    make_report(options, month=MAY, provider=options["nlag"])
    count_letters(2, provider=options["hull"])
    client.force_login(staff[OFFICERS])
    chosen = options["hull"].pk
    html = client.get(figures_url(start="2026-05", end="2026-03", provider=chosen)).content.decode()
    assert "Choose a month after the start of the period." in html
    assert 'id="id_end-error"' in html  # the message, read with its field:
    assert re.search(r'<select name="end"[^>]*aria-describedby="id_end-error"', html)
    assert "No figures are shown until the period is corrected." in html
    # Nothing counted for a period (or providers) nobody chose, and no letter to download.
    assert "figures-table" not in html and "figures-chart" not in html
    after_the_form = html.split('class="figures-period"', 1)[1].split("</form>", 1)[1]
    assert "Reports of interface problems," not in after_the_form
    assert "Northern Lincolnshire" not in after_the_form  # the other provider's report
    assert reverse("reporting_figures_letter") not in html
    # The form keeps what was chosen, so it can be corrected.
    assert re.search(rf'<option value="{chosen}" selected>', html)


def test_editors_neither_see_nor_reach_the_figures(client, staff):
    client.force_login(staff[EDITORS])
    assert "/admin/reporting/figures/" not in client.get("/admin/").content.decode()
    response = client.get(figures_url())
    assert response.status_code in (302, 403)
    assert "Letters by provider" not in response.content.decode()
