"""The demo reports: a few months of plainly invented reports, loaded once, so the listing has content."""

import io

import pytest
from wagtail.models import Site

from reporting import demo
from reporting.models import InterfaceReport, ReportingSettings

pytestmark = pytest.mark.django_db


def test_demo_reports_are_invented_span_months_and_load_once(options, home_page):
    demo.load(io.StringIO())
    demo.load(io.StringIO())  # a second run adds nothing
    reports = list(InterfaceReport.objects.all())
    assert len(reports) == len(demo.REPORTS)
    assert all(r.practice_ods_code.startswith("Z99") and r.practice_name.endswith("(demo)") for r in reports)
    assert len({r.month for r in reports}) >= 3
    assert {r.status for r in reports} > {"new"}
    for report in reports:
        report.full_clean()  # including the refusal of patient identifiers
        assert report.created_at.date() >= report.month
    site = Site.objects.get(is_default_site=True)
    assert ReportingSettings.for_site(site).notify_email == demo.DEMO_EMAIL


def test_demo_counted_letters_hold_only_months_and_options_and_load_once(options, home_page):
    from reporting.models import CountedLetter

    demo.load(io.StringIO())
    demo.load(io.StringIO())
    expected = sum(workload + declined for _, _, workload, declined in demo.LETTER_COUNTS)
    assert CountedLetter.objects.count() == expected
    assert all(month.day == 1 for month in CountedLetter.objects.values_list("month", flat=True))
    assert CountedLetter.objects.filter(provider=options["hull"]).count() > 5
    assert len(set(CountedLetter.objects.values_list("month", flat=True))) == 6


def test_the_demo_report_page_shows_the_invented_figures_under_the_small_number_rule(
    client, options, home_page
):
    import re

    from guidance.models import ReportPage
    from tests.guidance.conftest import make_guidance_index

    make_guidance_index()
    demo.load(io.StringIO())
    demo.load(io.StringIO())
    page = ReportPage.objects.live().get(slug=demo.FIGURES_PAGE_SLUG)
    html = client.get(page.url).content.decode()
    captions = re.findall(r"<caption>(.*?)</caption>", html)
    assert [caption.split(",")[0] for caption in captions] == [
        "Reports by kind of problem",
        "Reports by provider",
        "Letters by month",
        "Workload letters by kind of request",
    ]
    # Six invented reports of work pushed to the practice: rounded to 5; two of each other kind: hidden.
    assert re.search(r'<th scope="row">Work pushed to the practice[^<]*</th><td>5</td>', html)
    assert re.search(r'<th scope="row">Discharge summary late or missing</th><td>fewer than 5</td>', html)
    assert html.count('class="figures-chart"') == 2
