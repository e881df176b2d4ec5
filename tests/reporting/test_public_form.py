"""A practice reports an interface problem: the form, the stored report, the thank-you page, and the
abuse guards (honeypot, size and rate limits)."""

import datetime
import re

import pytest
from django.core import mail
from django.core.cache import caches

from reporting.models import InterfaceReport

from .conftest import THANKS_URL, URL, WHAT_HAPPENED

pytestmark = pytest.mark.django_db


def error_summary(response) -> list[str]:
    """The messages in the error summary, as a screen reader hears them."""
    html = response.content.decode()
    block = re.search(r'<div class="error-summary".*?</div>', html, re.S)
    return (
        [re.sub(r"<[^>]+>", "", item).strip() for item in re.findall(r"<li>(.*?)</li>", block[0], re.S)]
        if block
        else []
    )


def test_the_form_says_no_patient_details_and_needs_no_login_or_script(client, options, home_page):
    response = client.get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Do not include anything that could identify a patient." in html
    for legend in ("Your practice", "Who it was", "What went wrong", "When did it happen?", "The effect"):
        assert f"<h2>{legend}</h2>" in html
    assert 'method="post"' in html and "csrfmiddlewaretoken" in html
    # The patient-safety route is signposted, never asked about.
    assert "Learn from Patient Safety Events (LFPSE) service" in html
    assert "no-store" in response["Cache-Control"]
    # Providers and kinds of work come from the letters' own published lists.
    assert "Hull University Teaching Hospitals NHS Trust" in html and "Fit note (Med3)" in html


def test_kinds_of_work_for_private_providers_say_so_without_javascript(client, options, home_page):
    from letters.models import RequestCategory

    html = client.get(URL).content.decode()
    for category in RequestCategory.objects.filter(source_group="private"):
        assert f">{category.label} (private providers)</option>" in html.replace("&#x27;", "'")


def test_a_refusal_names_the_email_box_as_the_form_labels_it(client, answers, home_page):
    response = client.post(URL, {**answers, "what_happened": "Ward rang from 01482 675111 about it."})
    html = response.content.decode()
    assert any("“Email address for a reply”" in message for message in error_summary(response))
    assert ">Email address for a reply" in html  # the label the message points to
    assert not InterfaceReport.objects.exists()


def test_each_refusal_of_one_box_is_a_line_of_its_own(client, answers, home_page):
    text = "Asked to do bloods for 943 476 5919 seen on 12/03/2026."
    html = client.post(URL, {**answers, "what_happened": text}).content.decode()
    box = re.search(r'id="id_what_happened-error">(.*?)</span></span>', html, re.S)[1]
    items = re.findall(r'<span class="error-message__item">(.*?)</span>', box + "</span>")
    assert len(items) == 2
    assert any("NHS number" in item for item in items) and any("date" in item for item in items)


def test_a_valid_report_is_stored_and_thanked_without_data_in_the_address(
    client, answers, options, home_page
):
    response = client.post(URL, answers)
    assert response.status_code == 302
    assert response["Location"] == THANKS_URL  # POST, redirect, GET: nothing in the address
    report = InterfaceReport.objects.get()
    assert report.practice_ods_code == "B81001"  # typed in lower case
    assert report.month == datetime.date(2026, 5, 1)  # the month only
    assert report.provider == options["hull"] and report.workload_category == options["tests"]
    assert report.what_happened == WHAT_HAPPENED and report.status == "new"
    thanks = client.get(THANKS_URL).content.decode()
    assert "What happens next" in thanks and "LFPSE" in thanks
    assert "Beverley Road" not in thanks and "zyxwv" not in thanks


@pytest.mark.parametrize("also_chosen", [False, True], ids=["typed only", "typed and chosen"])
def test_a_provider_not_in_the_list_is_kept_as_typed(client, answers, home_page, also_chosen):
    # Typed in, it is used instead of the list (as the form says), so no listed trust is blamed.
    listed = answers["provider"] if also_chosen else ""
    client.post(URL, {**answers, "provider": listed, "provider_other": "Goole Private Clinic"})
    report = InterfaceReport.objects.get()
    assert report.provider is None and report.provider_name == "Goole Private Clinic"


def test_the_kind_of_work_is_kept_only_for_work_pushed_to_the_practice(client, answers, home_page):
    client.post(URL, {**answers, "kind": "clinic_letter"})
    assert InterfaceReport.objects.get().workload_category is None


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"practice_ods_code": "B8100"}, "practice_ods_code", "a letter and five digits"),
        ({"practice_ods_code": "881001"}, "practice_ods_code", "a letter and five digits"),
        ({"provider": ""}, "provider", "Choose the provider, or type its name"),
        ({"workload_category": ""}, "workload_category", "Choose what the practice was asked to do."),
        ({"month": "7"}, "month", "The month cannot be in the future."),
        ({"year": "2019"}, "year", "Enter a year from 2023 to 2026."),
        ({"year": "twenty"}, "year", "Enter the year as four digits"),
        ({"what_happened": ""}, "what_happened", "Describe what happened."),
        ({"what_happened": "x" * 2001}, "what_happened", "2000 characters or fewer"),
        ({"reporter_role": "ceo"}, "reporter_role_0", "Choose your role."),
        ({"contact_email": "not-an-address"}, "contact_email", "Enter an email address"),
    ],
)
def test_a_mistake_is_explained_and_linked_and_nothing_is_stored(
    client, answers, home_page, change, field, message
):
    response = client.post(URL, {**answers, **change})
    assert response.status_code == 200
    html = response.content.decode()
    assert any(message in error for error in error_summary(response)), error_summary(response)
    assert f'href="#id_{field}"' in html and f'id="id_{field}"' in html
    assert html.count("<title>Error: ") == 1
    assert not InterfaceReport.objects.exists()
    assert mail.outbox == []


def test_what_was_typed_is_shown_again_to_correct(client, answers, home_page):
    response = client.post(URL, {**answers, "year": ""})
    assert WHAT_HAPPENED in response.content.decode()  # nothing lost; the page is never cached
    assert "no-store" in response["Cache-Control"]


def test_the_honeypot_looks_like_success_but_keeps_nothing(client, answers, notify_address):
    response = client.post(URL, {**answers, "website": "http://spam.example"})
    assert response.status_code == 302 and response["Location"] == THANKS_URL
    assert not InterfaceReport.objects.exists()
    assert mail.outbox == []


def test_the_honeypot_is_hidden_from_people(client, home_page, options):
    html = client.get(URL).content.decode()
    assert re.search(r'<div class="reporting-honeypot">.*?name="website"', html, re.S)
    assert 'name="website"' in html and 'tabindex="-1"' in html
    css = open("static/css/portal.css").read()  # noqa: SIM115
    assert ".reporting-honeypot { display: none; }" in css


def test_an_oversized_post_is_refused_with_a_message(client, answers, home_page):
    response = client.post(URL, {**answers, "what_happened": "x" * 70_000})
    assert response.status_code == 413
    assert "too long to send" in response.content.decode()
    assert not InterfaceReport.objects.exists()


@pytest.fixture
def rate_limits_on(settings):
    settings.RATE_LIMIT_ENABLED = True
    caches[settings.RATE_LIMIT_CACHE].clear()
    yield settings
    caches[settings.RATE_LIMIT_CACHE].clear()


def test_reports_are_rate_limited_per_client_with_the_friendly_page(
    client, answers, home_page, rate_limits_on
):
    limit = next(rule for rule in rate_limits_on.RATE_LIMITS if rule["path"] == URL)
    assert limit["methods"] == ["POST"] and limit["requests"] <= 30
    for _ in range(limit["requests"]):
        assert client.post(URL, answers).status_code == 302
    refused = client.post(URL, answers)
    assert refused.status_code == 429 and "Retry-After" in refused
    assert InterfaceReport.objects.count() == limit["requests"]
    assert client.get(URL).status_code == 200  # reading the form is never limited
    other = client.post(URL, answers, REMOTE_ADDR="198.51.100.9")
    assert other.status_code == 302  # another practice is not held back


def test_the_form_says_when_the_email_is_deleted_and_links_the_privacy_notice(client, options, home_page):
    from wagtail.models import Site

    from core.models import SiteIdentity
    from reporting.models import ReportingSettings
    from tests.guidance.factories import InformationPageFactory

    site = Site.objects.get(is_default_site=True)
    reporting = ReportingSettings.for_site(site)
    reporting.keep_contact_months = 6
    reporting.save()
    identity = SiteIdentity.for_site(site)
    identity.privacy_page = InformationPageFactory(parent=home_page, title="Privacy notice", slug="privacy")
    identity.save()
    html = client.get(URL).content.decode()
    assert "Your email address is deleted 6 months after your report" in html
    assert re.search(r'<a href="/privacy/">privacy notice</a>', html)
