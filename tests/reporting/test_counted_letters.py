"""A practice counts a letter for the LMC: only what the statement lists is stored, once, on request."""

import datetime
import html as html_module
import re

import pytest
from django.core import signing
from django.core.cache import caches
from django.test import Client

from letters.models import Provider, Reason, RequestCategory
from reporting.counting import SALT
from reporting.models import CountedLetter
from tests.letters.conftest import DECLINED_URL, NHS_NUMBER, PATIENT_NAME, WORKLOAD_URL

pytestmark = pytest.mark.django_db
COUNT_URL = "/count-a-letter/"
LETTERS_TODAY = datetime.date(2026, 6, 10)


@pytest.fixture(autouse=True)
def letters_today(monkeypatch):
    monkeypatch.setattr("letters.forms.base._today", lambda: LETTERS_TODAY)
    monkeypatch.setattr("reporting.counting.timezone.localdate", lambda: LETTERS_TODAY)


@pytest.fixture(autouse=True)
def fresh_used_offers(settings):
    caches[settings.RATE_LIMIT_CACHE].clear()
    yield
    caches[settings.RATE_LIMIT_CACHE].clear()


def offer_section(html: str) -> str:
    match = re.search(r'<div class="inset count-letter".*?</ul>\s*</div>', html, re.S)
    assert match, "no count offer on the page"
    return match[0]


def count_form(html: str) -> str:
    return re.search(r'<form method="post" action="/count-a-letter/".*?</form>', html, re.S)[0]


def offer_token(html: str) -> str:
    return re.search(r'name="count" value="([^"]+)"', count_form(html))[1]


def test_nothing_is_counted_unless_the_practice_asks(client, workload_data, home_page):
    for action in ("preview", "letter.docx", "letter.pdf"):
        response = client.post(WORKLOAD_URL, {**workload_data, "action": action})
        assert response.status_code == 200
        b"".join(response.streaming_content) if response.streaming else response.content
    assert CountedLetter.objects.count() == 0


def test_the_statement_lists_exactly_what_is_sent_and_the_row_holds_only_that(
    client, workload_data, home_page
):
    html = client.post(WORKLOAD_URL, {**workload_data, "action": "preview"}).content.decode()
    section = offer_section(html)
    text = html_module.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", section)))
    reasons = Reason.objects.filter(pk__in=workload_data["reasons"]).order_by("sort_order")
    assert "the letter: Workload rejection" in text
    assert "the provider: Hull University Teaching Hospitals NHS Trust" in text
    assert "the kinds of request: Fit note" in text
    assert "the reasons ticked: " + "; ".join(r.label for r in reasons) in text
    assert "the month of the letter: June 2026" in text
    assert "Nothing about the patient, your practice or you is sent" in text
    # Beside the preview's download buttons, one box, unticked, that is part of the letter's form.
    box = re.search(r'<input type="checkbox"[^>]*>', section)[0]
    assert 'form="letter-form"' in box and 'name="count_on_download"' in box and "checked" not in box
    assert html.count('name="count_on_download"') == 1
    # The offer itself carries no patient, practice or typed detail (a signed value is readable).
    payload = signing.loads(offer_token(html), salt=SALT)
    assert set(payload) == {"k", "p", "c", "r", "m", "n"}
    for secret in (PATIENT_NAME, NHS_NUMBER, "HX998877", "B81001", "Ysbyty", "knee", "2026-06-03"):
        assert secret not in str(payload)

    # The count's POST also carries patient fields: none of them reaches the row.
    response = client.post(COUNT_URL, {"count": offer_token(html), **workload_data})
    assert response.status_code == 302 and response["Location"] == "/count-a-letter/thank-you/"
    field_names = {field.name for field in CountedLetter._meta.get_fields()}
    assert field_names == {"id", "letter_kind", "provider", "categories", "reasons", "month"}
    counted = CountedLetter.objects.get()
    assert counted.letter_kind == "workload_rejection"
    assert counted.provider == Provider.objects.get(label__startswith="Hull University")
    category = RequestCategory.objects.get(pk=workload_data["request-0-category"])
    assert list(counted.categories.all()) == [category]
    assert set(counted.reasons.all()) == set(reasons)
    assert counted.month == datetime.date(2026, 6, 1)  # the month, never the day (3 June)
    thanks = client.get("/count-a-letter/thank-you/").content.decode()
    assert "your letter has been counted" in thanks and PATIENT_NAME not in thanks


@pytest.mark.parametrize("also_chosen", [False, True], ids=["typed only", "typed and chosen"])
def test_a_typed_organisation_is_not_sent(client, declined_data, home_page, also_chosen):
    # The letter goes to the typed organisation (it is used instead of the list): no listed trust is counted.
    listed = declined_data["recipient_provider"] if also_chosen else ""
    data = {**declined_data, "recipient_provider": listed, "recipient_organisation": "Zyxwv Private Clinic"}
    html = client.post(DECLINED_URL, {**data, "action": "preview"}).content.decode()
    assert "Zyxwv" not in offer_section(html)
    assert "the provider: Not from the list (not sent)" in " ".join(re.sub(r"<[^>]+>", " ", html).split())
    client.post(COUNT_URL, {"count": offer_token(html)})
    counted = CountedLetter.objects.get()
    assert counted.provider is None and counted.letter_kind == "declined_referral"
    assert counted.reasons.count() == 1 and counted.categories.count() == 0


def test_a_double_click_counts_once(client, workload_data, home_page):
    html = client.post(WORKLOAD_URL, {**workload_data, "action": "preview"}).content.decode()
    token = offer_token(html)
    assert client.post(COUNT_URL, {"count": token}).status_code == 302
    assert client.post(COUNT_URL, {"count": token}).status_code == 302  # the same thanks
    assert CountedLetter.objects.count() == 1
    # A new preview is a new letter: it may be counted.
    again = client.post(WORKLOAD_URL, {**workload_data, "action": "preview"}).content.decode()
    client.post(COUNT_URL, {"count": offer_token(again)})
    assert CountedLetter.objects.count() == 2


def test_an_altered_or_old_offer_counts_nothing_and_says_so(client, workload_data, home_page, monkeypatch):
    html = client.post(WORKLOAD_URL, {**workload_data, "action": "preview"}).content.decode()
    token = offer_token(html)
    forged = signing.dumps({"k": "workload_rejection", "p": None, "c": [], "r": [], "m": "2026-06-01"})
    for bad in ("", "nonsense", token[:-2] + "xx", forged):
        response = client.post(COUNT_URL, {"count": bad})
        assert response.status_code == 400
        assert "could not be counted" in response.content.decode()
    monkeypatch.setattr("reporting.counting.OFFER_MAX_AGE", -1)
    assert client.post(COUNT_URL, {"count": token}).status_code == 400
    assert CountedLetter.objects.count() == 0


def test_counting_needs_the_csrf_token(workload_data, home_page):
    browser = Client(enforce_csrf_checks=True)
    form = browser.get(WORKLOAD_URL).content.decode()
    letter_csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form)[1]
    data = {**workload_data, "action": "preview", "csrfmiddlewaretoken": letter_csrf}
    html = browser.post(WORKLOAD_URL, data).content.decode()
    section = count_form(html)
    assert "csrfmiddlewaretoken" in section
    assert browser.post(COUNT_URL, {"count": offer_token(html)}).status_code == 403
    assert CountedLetter.objects.count() == 0
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', section)[1]
    response = browser.post(COUNT_URL, {"count": offer_token(html), "csrfmiddlewaretoken": csrf})
    assert response.status_code == 302
    assert CountedLetter.objects.count() == 1


def test_counting_is_rate_limited_like_the_report_form(client, workload_data, home_page, settings):
    settings.RATE_LIMIT_ENABLED = True
    limit = next(rule for rule in settings.RATE_LIMITS if rule["path"] == COUNT_URL)
    assert limit["methods"] == ["POST"] and limit["requests"] <= 60
    settings.RATE_LIMITS = [{**limit, "requests": 2}]
    html = client.post(WORKLOAD_URL, {**workload_data, "action": "preview"}).content.decode()
    for _ in range(2):
        assert client.post(COUNT_URL, {"count": offer_token(html)}).status_code == 302
    refused = client.post(COUNT_URL, {"count": offer_token(html)})
    assert refused.status_code == 429 and "Retry-After" in refused
    assert client.post(COUNT_URL, {"count": "x"}, REMOTE_ADDR="198.51.100.9").status_code == 400


def page_ref(html: str) -> str:
    return re.search(r'name="letter_ref" value="([A-Za-z0-9_-]{16})"', html)[1]


def download(client, data: dict, action: str, **extra) -> bytes:
    response = client.post(WORKLOAD_URL, {**data, "action": action, **extra})
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    return b"".join(response.streaming_content)


def test_the_form_offers_counting_on_download_unticked_with_what_is_sent(client, home_page, letters_demo):
    html = client.get(WORKLOAD_URL).content.decode()
    box = re.search(r'<input type="checkbox" name="count_on_download"[^>]*>', html)[0]
    assert "checked" not in box
    hint = re.search(r'<p class="hint" id="count-on-download-hint">(.*?)</p>', html, re.S)[1]
    assert "the provider if chosen from the list" in hint and "nothing you typed" in hint
    assert page_ref(html) != page_ref(client.get(WORKLOAD_URL).content.decode())  # one per letter


def test_a_letter_counted_on_download_counts_once_with_only_what_the_box_lists(
    client, workload_data, home_page
):
    html = client.get(WORKLOAD_URL).content.decode()
    ticked = {"count_on_download": "yes", "letter_ref": page_ref(html)}
    assert download(client, workload_data, "letter.docx", **ticked).startswith(b"PK")
    download(client, workload_data, "letter.pdf", **ticked)  # the same letter in another format
    download(client, workload_data, "anonymised.docx", **ticked)
    counted = CountedLetter.objects.get()
    assert counted.letter_kind == "workload_rejection" and counted.month == datetime.date(2026, 6, 1)
    assert counted.provider == Provider.objects.get(label__startswith="Hull University")
    assert [c.label for c in counted.categories.all()] == [
        RequestCategory.objects.get(pk=workload_data["request-0-category"]).label
    ]
    assert set(counted.reasons.values_list("pk", flat=True)) == {int(pk) for pk in workload_data["reasons"]}

    # A preview of that letter keeps its number, so its "Count this letter" button counts nothing more.
    preview = client.post(WORKLOAD_URL, {**workload_data, "action": "preview", **ticked}).content.decode()
    assert page_ref(preview) == ticked["letter_ref"]
    assert re.search(r'name="count_on_download"[^>]*checked', preview)  # still ticked
    client.post(COUNT_URL, {"count": offer_token(preview)})
    assert CountedLetter.objects.count() == 1


def test_another_letter_made_on_the_same_page_counts_again(client, workload_data, home_page):
    ticked = {"count_on_download": "yes", "letter_ref": "E" * 16}
    download(client, workload_data, "letter.docx", **ticked)
    another_patient = {**workload_data, "patient_name": "Ms Other Patient", "nhs_number": "401 023 2137"}
    download(client, another_patient, "letter.docx", **ticked)
    download(client, another_patient, "letter.pdf", **ticked)
    assert CountedLetter.objects.count() == 2
    # The same letter with a typo corrected is the same letter.
    download(client, {**another_patient, "patient_name": "Ms Other Patiant"}, "letter.docx", **ticked)
    assert CountedLetter.objects.count() == 2


def test_a_new_page_or_a_made_up_number_counts_again(client, workload_data, home_page):
    download(client, workload_data, "letter.docx", count_on_download="yes", letter_ref="A" * 16)
    download(client, workload_data, "letter.docx", count_on_download="yes", letter_ref="B" * 16)
    download(client, workload_data, "letter.docx", count_on_download="yes", letter_ref="<script>")
    download(client, workload_data, "letter.docx", count_on_download="no", letter_ref="C" * 16)
    assert CountedLetter.objects.count() == 3


def test_a_count_that_fails_never_stops_the_download_and_logs_no_letter_detail(
    client, workload_data, home_page, monkeypatch, caplog
):
    from django.db import DatabaseError

    def unavailable(*args, **kwargs):
        raise DatabaseError("connection lost")

    monkeypatch.setattr(CountedLetter.objects, "create", unavailable)
    body = download(client, workload_data, "letter.docx", count_on_download="yes", letter_ref="D" * 16)
    assert body.startswith(b"PK")
    assert "A letter was not counted on download (DatabaseError)." in caplog.text
    for secret in (PATIENT_NAME, NHS_NUMBER, "Fit note", "Hull"):
        assert secret not in caplog.text
