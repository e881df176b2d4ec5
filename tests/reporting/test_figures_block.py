"""The figures block on a report page: live counts, never a small number, a table with a caption and
header cells, and a bar chart that needs no script."""

import datetime
import re

import pytest
from wagtail.blocks.struct_block import StructBlockValidationError

from letters.placeholders import LetterKind
from reporting.blocks import FiguresBlock
from reporting.models import CountedLetter
from tests.guidance.conftest import make_guidance_index
from tests.guidance.factories import ReportPageFactory

from .conftest import make_report

pytestmark = pytest.mark.django_db
MAY = datetime.date(2026, 5, 1)


def figures_block(**value) -> dict:
    return {
        "type": "figures",
        "value": {
            "source": "letters",
            "breakdown": "provider",
            "start": "2026-05-01",
            "end": "2026-06-30",
            "provider": None,
            "chart": True,
            **value,
        },
    }


def count_letters(number: int, *, provider, month=MAY):
    for _ in range(number):
        CountedLetter.objects.create(
            letter_kind=LetterKind.WORKLOAD_REJECTION, provider=provider, month=month
        )


def test_a_report_page_shows_live_figures_with_small_numbers_suppressed(client, options):
    count_letters(12, provider=options["hull"])
    count_letters(3, provider=options["nlag"])
    count_letters(9, provider=options["nlag"], month=datetime.date(2026, 7, 1))  # after the period
    page = ReportPageFactory(parent=make_guidance_index(), title="Interface figures", body=[figures_block()])
    html = client.get(page.url).content.decode()
    table = re.search(r'<table class="figures-table">.*?</table>', html, re.S)[0]
    assert "<caption>Letters by provider, May 2026 to June 2026</caption>" in table
    assert '<th scope="col">Provider</th>' in table
    assert re.search(r'<th scope="row">Hull University Teaching Hospitals NHS Trust</th><td>10</td>', table)
    assert re.search(r'<th scope="row">Northern Lincolnshire[^<]*</th><td>fewer than 5</td>', table)
    assert re.search(r'<th scope="row">Total</th><td>15</td>', table)  # 15 exact, shown as 15
    for exact in ("<td>12</td>", "<td>3</td>", "<td>9</td>"):
        assert exact not in html
    chart = re.search(r'<div class="figures-chart" aria-hidden="true">.*?</div>\s*</div>', html, re.S)[0]
    assert "<svg" in chart and "<script" not in chart and "style=" not in chart
    assert "fewer than 5" in html and "rounded to the nearest 5" in html

    # Live: a new count shows on the next view.
    count_letters(2, provider=options["nlag"])
    again = client.get(page.url).content.decode()
    assert re.search(r'<th scope="row">Northern Lincolnshire[^<]*</th><td>5</td>', again)


def test_one_provider_without_a_chart(client, options):
    count_letters(6, provider=options["hull"])
    count_letters(6, provider=options["nlag"])
    body = [figures_block(breakdown="month", provider=options["hull"].pk, chart=False)]
    page = ReportPageFactory(parent=make_guidance_index(), body=body)
    html = client.get(page.url).content.decode()
    assert "May 2026 to June 2026, Hull University Teaching Hospitals NHS Trust" in html
    assert re.search(r'<th scope="row">May 2026</th><td>5</td>', html)
    assert 'class="figures-chart"' not in html


def test_reports_of_work_pushed_to_the_practice_by_kind_of_work(client, options):
    for _ in range(6):
        make_report(options, month=MAY)
    make_report(options, month=MAY, workload_category=options["fit_note"])
    body = [figures_block(source="reports", breakdown="category")]
    page = ReportPageFactory(parent=make_guidance_index(), body=body)
    html = client.get(page.url).content.decode()
    assert "Reports of work pushed to the practice, by kind of work, May 2026 to June 2026" in html
    assert re.search(r'<th scope="row">Arranging tests the provider wants</th><td>5</td>', html)
    assert re.search(r'<th scope="row">Fit note \(Med3\)</th><td>fewer than 5</td>', html)
    assert re.search(r'<th scope="row">Total</th><td>5</td>', html)  # 7, rounded


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"start": datetime.date(2026, 7, 1), "end": datetime.date(2026, 5, 1)}, "end"),
        ({"source": "reports", "breakdown": "reason"}, "breakdown"),
    ],
)
def test_the_editor_is_told_of_a_period_or_breakdown_that_cannot_be_shown(change, field):
    block = FiguresBlock()
    value = block.to_python({**figures_block()["value"], **change} | {"start": None, "end": None})
    value["start"], value["end"] = change.get("start", MAY), change.get("end", datetime.date(2026, 6, 1))
    with pytest.raises(StructBlockValidationError) as raised:
        block.clean(value)
    assert field in raised.value.block_errors
