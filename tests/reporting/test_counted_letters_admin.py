"""Officers read the letters practices counted and delete one counted by mistake; nobody adds or
changes a count, and editors see none of it."""

import datetime
import re

import pytest
from django.urls import reverse

from guidance.editorial import EDITORS, OFFICERS
from letters.placeholders import LetterKind
from reporting.models import CountedLetter

pytestmark = pytest.mark.django_db


@pytest.fixture
def counted(options):
    return CountedLetter.objects.create(
        letter_kind=LetterKind.WORKLOAD_REJECTION, provider=options["hull"], month=datetime.date(2026, 5, 1)
    )


def test_an_officer_sees_the_counts_and_deletes_one_made_by_mistake(client, staff, counted):
    client.force_login(staff[OFFICERS])
    listing = client.get(reverse("counted_letters:index"))
    assert listing.status_code == 200
    html = listing.content.decode()
    assert "Workload rejection" in html and "May 2026" in html and "Hull University Teaching" in html
    delete_url = reverse("counted_letters:delete", args=[counted.pk])
    assert delete_url in html  # offered on the row
    assert client.get(delete_url).status_code == 200
    client.post(delete_url)
    assert not CountedLetter.objects.exists()


def test_nobody_adds_or_changes_a_count_and_editors_see_nothing(client, staff, counted):
    client.force_login(staff[OFFICERS])
    for url in (reverse("counted_letters:add"), reverse("counted_letters:edit", args=[counted.pk])):
        response = client.get(url)
        assert response.status_code in (302, 403), url
    client.force_login(staff[EDITORS])
    for url in (reverse("counted_letters:index"), reverse("counted_letters:delete", args=[counted.pk])):
        assert client.get(url).status_code in (302, 403), url
    assert client.post(reverse("counted_letters:delete", args=[counted.pk])).status_code in (302, 403)
    assert CountedLetter.objects.count() == 1


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_an_officer_exports_the_counts_of_one_month(client, staff, options, counted, fmt):
    from .conftest import read_export

    counted.categories.set([options["tests"]])
    june = CountedLetter.objects.create(
        letter_kind=LetterKind.DECLINED_REFERRAL, provider=None, month=datetime.date(2026, 6, 1)
    )
    client.force_login(staff[OFFICERS])
    listing = client.get(reverse("counted_letters:index")).content.decode()
    assert "export=csv" in listing  # the download is offered
    assert re.search(r"<option value=\"2026-05-01\"[^>]*>May 2026</option>", listing)  # month filter
    query = f"?export={fmt}&month=2026-05-01"
    rows = read_export(client.get(reverse("counted_letters:index") + query), fmt)
    assert rows[0] == [
        "Number",
        "Letter",
        "Provider (empty: not from the list)",
        "Month",
        "Kinds of request",
        "Reasons",
    ]
    assert rows[1:] == [
        [str(counted.pk), "Workload rejection", options["hull"].label, "May 2026", options["tests"].label, ""]
    ]
    assert str(june.pk) not in {row[0] for row in rows[1:]}
