"""The LMC's letter to the ICB for a period and provider: made by the letters' renderers, read back
from the Word file and the PDF, with the published numbers only."""

import datetime

import pytest
from django.urls import reverse

from guidance.editorial import EDITORS, OFFICERS
from letters.placeholders import LetterKind
from reporting.choices import TriageStatus
from reporting.models import CountedLetter
from tests.letters.conftest import body, docx_text, pdf_text

from .conftest import make_report

pytestmark = pytest.mark.django_db
MAY = datetime.date(2026, 5, 1)


def count_letters(number: int, *, provider, categories=()):
    for _ in range(number):
        counted = CountedLetter.objects.create(
            letter_kind=LetterKind.WORKLOAD_REJECTION, provider=provider, month=MAY
        )
        counted.categories.set(categories)


@pytest.fixture
def counted(options):
    count_letters(12, provider=options["hull"], categories=[options["tests"]])
    count_letters(3, provider=options["hull"], categories=[options["fit_note"]])
    count_letters(7, provider=options["nlag"])
    for _ in range(2):
        make_report(options, month=MAY)


def letter_url(**query) -> str:
    return reverse("reporting_figures_letter") + "?" + "&".join(f"{k}={v}" for k, v in query.items())


@pytest.mark.parametrize(("fmt", "read"), [("docx", docx_text), ("pdf", pdf_text)])
def test_an_officer_downloads_the_letter_for_one_provider(
    client, staff, options, counted, home_page, fmt, read
):
    from wagtail.models import Site

    from core.models import SiteIdentity

    identity = SiteIdentity.for_site(Site.objects.get(is_default_site=True))
    identity.address, identity.email = "1 Example Street\nHull", "lmc@example.org"
    identity.save()
    client.force_login(staff[OFFICERS])
    response = client.get(letter_url(start="2026-05", end="2026-06", provider=options["hull"].pk, format=fmt))
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith(f'.{fmt}"')
    text = " ".join(read(body(response)).split())
    assert "Hull University Teaching Hospitals NHS Trust, May 2026 to June 2026" in text
    # Headed with where the LMC can be answered, and greeted before the subject line.
    assert "1 Example Street Hull lmc@example.org" in text
    assert text.index("Dear colleagues,") < text.index("Interface problems reported by practices:")
    assert "Arranging tests the provider wants: 10" in text  # 12, rounded
    assert "Fit note (Med3): fewer than 5" in text  # 3, suppressed
    assert "Workload rejection: 15" in text
    assert "Work pushed to the practice that belongs with the provider: fewer than 5" in text  # 2 reports
    by_work = "Work pushed to the practice, by kind of work: Arranging tests the provider wants: fewer than 5"
    assert by_work in text
    assert ": 12" not in text and ": 3" not in text and ": 2" not in text
    assert "Northern Lincolnshire" not in text  # another provider's letters are not in it
    assert "Beverley Road" not in text and "B81001" not in text  # nothing about practices


def test_editors_cannot_download_it(client, staff, counted):
    client.force_login(staff[EDITORS])
    response = client.get(letter_url(start="2026-05", end="2026-06", format="docx"))
    assert response.status_code in (302, 403)
    assert "Content-Disposition" not in response


@pytest.mark.parametrize(
    "query",
    [
        {"start": "2026-11", "end": "2026-09"},  # backwards
        {"start": "2026-05", "end": "2026-06", "provider": "999999"},  # no such provider
        {"start": "1999-01", "end": "2026-06"},  # not offered
        {},  # no period at all: never the default twelve months
    ],
)
@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_the_letter_is_refused_for_a_period_that_cannot_be_used(client, staff, options, counted, query, fmt):
    client.force_login(staff[OFFICERS])
    response = client.get(letter_url(**query, format=fmt), follow=True)
    assert "Content-Disposition" not in response
    assert response.redirect_chain and response.redirect_chain[-1][0].startswith(reverse("reporting_figures"))
    html = response.content.decode()
    assert "The letter to the ICB was not made: choose a period that can be used." in html
    if query:  # back on the Figures page: the errors, no figures for a period nobody chose
        assert "figures-table" not in html


NOTHING_TO_REPORT = "Nothing was counted for this period and provider, so there is no letter to the ICB."


def test_no_letter_is_offered_when_nothing_was_counted(client, staff, options, counted):
    make_report(options, month=MAY, provider=options["nlag"], status=TriageStatus.EXCLUDED)  # not counted
    client.force_login(staff[OFFICERS])
    # Northern Lincolnshire in June: no report counted and no letter (the counted ones are May's).
    query = f"start=2026-06&end=2026-06&provider={options['nlag'].pk}"
    html = client.get(f"{reverse('reporting_figures')}?{query}").content.decode()
    assert NOTHING_TO_REPORT in html
    assert reverse("reporting_figures_letter") not in html
    assert "figures-table" in html  # the figures themselves are still shown, as zeros


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
@pytest.mark.parametrize("month", ["2026-06", "2026-05"])  # nothing at all; only a report not counted
def test_the_letter_url_refuses_a_letter_with_nothing_in_it(client, staff, options, counted, fmt, month):
    make_report(options, month=MAY, provider=options["nlag"], status=TriageStatus.EXCLUDED)
    CountedLetter.objects.filter(provider=options["nlag"]).delete()
    client.force_login(staff[OFFICERS])
    response = client.get(
        letter_url(start=month, end=month, provider=options["nlag"].pk, format=fmt), follow=True
    )
    assert "Content-Disposition" not in response
    assert response.redirect_chain[-1][0].startswith(reverse("reporting_figures"))
    html = response.content.decode()
    assert "The letter to the ICB was not made: nothing was counted for this period." in html
    assert NOTHING_TO_REPORT in html


@pytest.mark.parametrize(("fmt", "read"), [("docx", docx_text), ("pdf", pdf_text)])
def test_the_letter_says_the_counted_letters_are_only_those_practices_chose_to_count(
    client, staff, options, counted, home_page, fmt, read
):
    client.force_login(staff[OFFICERS])
    response = client.get(letter_url(start="2026-05", end="2026-05", provider=options["hull"].pk, format=fmt))
    text = " ".join(read(body(response)).split())
    assert "Letters practices sent the provider" not in text  # read as if it were every letter
    heading = "Letters practices chose to count for the LMC"
    caveat = (
        "Practices count a letter for us only when they choose to, so these are not all the letters they "
        "sent and the true number is likely to be higher."
    )
    assert heading in text and caveat in text
    assert text.index(heading) < text.index(caveat) < text.index("By kind of letter:")


@pytest.mark.parametrize(("fmt", "read"), [("docx", docx_text), ("pdf", pdf_text)])
def test_the_reasons_given_are_listed_for_each_kind_of_letter(client, staff, options, home_page, fmt, read):
    from letters.models import Reason

    declined = Reason.objects.create(label="Needs an examination", letter_kind=LetterKind.DECLINED_REFERRAL)
    workload = Reason.objects.create(
        label="Not in the GP contract", letter_kind=LetterKind.WORKLOAD_REJECTION
    )
    for kind, reason, number in (
        (LetterKind.DECLINED_REFERRAL, declined, 6),
        (LetterKind.WORKLOAD_REJECTION, workload, 3),
    ):
        for _ in range(number):
            CountedLetter.objects.create(letter_kind=kind, provider=options["hull"], month=MAY).reasons.set(
                [reason]
            )
    client.force_login(staff[OFFICERS])
    response = client.get(letter_url(start="2026-05", end="2026-05", provider=options["hull"].pk, format=fmt))
    text = " ".join(read(body(response)).split())
    assert "Reasons given:" not in text  # no list mixing both letters' reasons
    declined_part = text.split("Declined referral (Advice and Guidance) letters by reason given:", 1)[1]
    declined_part, workload_part = declined_part.split("Workload rejection letters by reason given:", 1)
    assert "Needs an examination: 5" in declined_part and "Not in the GP contract" not in declined_part
    assert "Not in the GP contract: fewer than 5" in workload_part  # 3, suppressed
    assert "Needs an examination" not in workload_part
