"""LMC staff edit the wording and option lists in the admin; only published versions reach letters."""

import io
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import escape
from wagtail.test.utils.form_data import nested_form_data, streamfield

from letters import demo
from letters.forms import WorkloadRejectionForm
from letters.models import LetterTemplate, Reason, RequestCategory, ServiceCondition, Specialty
from letters.placeholders import LetterKind, fill
from letters.services.build import published_template

from .conftest import DECLINED_URL, WORKLOAD_URL, body, docx_text

ADD_URL = "wagtailsnippets_letters_lettertemplate:add"


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("editor", "editor@example.org", "pw")
    client.force_login(user)
    return client


def template_form(kind: str, *paragraphs: str) -> dict:
    return nested_form_data(
        {
            "kind": kind,
            "title": "Test wording",
            "body": streamfield([("paragraph", text) for text in paragraphs]),
            "patient_note": streamfield([]),
            "commissioner_report": streamfield([]),
        }
    )


@pytest.mark.django_db
class TestPlaceholdersCheckedOnSave:
    def test_unknown_placeholder_is_an_error_in_the_admin_form(self, admin_client):
        data = template_form(LetterKind.WORKLOAD_REJECTION, "Dear {patiant_name}, about {request_category}.")
        response = admin_client.post(reverse(ADD_URL), {**data, "action-publish": "action-publish"})
        assert response.status_code == 200
        page = response.content.decode()
        assert "Unknown placeholder {patiant_name}" in page
        assert not LetterTemplate.objects.exists()

    def test_placeholder_of_the_other_letter_is_an_error(self, admin_client):
        data = template_form(LetterKind.WORKLOAD_REJECTION, "Your referral to {specialty}.")
        response = admin_client.post(reverse(ADD_URL), data)
        assert "Unknown placeholder {specialty}" in response.content.decode()
        assert not LetterTemplate.objects.exists()

    def test_known_placeholders_save_and_publish(self, admin_client):
        data = template_form(LetterKind.DECLINED_REFERRAL, "Dear {recipient_name}, about {specialty}.")
        response = admin_client.post(reverse(ADD_URL), {**data, "action-publish": "action-publish"})
        assert response.status_code == 302
        assert LetterTemplate.objects.get().live

    @pytest.mark.parametrize("text", ["Hello {", "{{ patient_name }}", "{% if x %}"])
    def test_template_code_and_stray_braces_are_refused(self, text):
        template = LetterTemplate(
            kind=LetterKind.DECLINED_REFERRAL, title="t", body=[("paragraph", text)], patient_note=[]
        )
        with pytest.raises(ValidationError, match="Unknown placeholder"):
            template.full_clean()


def test_fill_cannot_be_tricked_by_values_holding_braces():
    assert (
        fill("Dear {patient_name}", {"patient_name": "{nhs_number}", "nhs_number": "943"})
        == "Dear {nhs_number}"
    )


@pytest.mark.django_db
class TestOnlyPublishedVersionsAreUsed:
    def test_draft_wording_waits_for_publishing(self, client, workload_data):
        client.post(WORKLOAD_URL, {**workload_data, "action": "letter.docx"})  # the wording now in use
        template = LetterTemplate.objects.get(kind=LetterKind.WORKLOAD_REJECTION)
        template.body = [
            ("paragraph", "DRAFT WORDING for {patient_name}"),
            ("signature", {"closing": "Regards"}),
        ]
        template.save_revision()  # saved as a draft, not published

        text = docx_text(body(client.post(WORKLOAD_URL, {**workload_data, "action": "letter.docx"})))
        assert "DRAFT WORDING" not in text
        assert "You asked the practice to issue a fit note" in text
        assert "version 1" in text

        LetterTemplate.objects.get(pk=template.pk).latest_revision.publish()
        text = docx_text(body(client.post(WORKLOAD_URL, {**workload_data, "action": "letter.docx"})))
        assert "DRAFT WORDING for" in text
        assert "version 2" in text

    def test_unpublished_wording_means_the_letter_is_not_available(self, client, workload_data):
        LetterTemplate.objects.get(kind=LetterKind.WORKLOAD_REJECTION).unpublish()
        response = client.post(WORKLOAD_URL, {**workload_data, "action": "letter.docx"})
        assert "This letter is not available yet" in response.content.decode()
        assert client.get("/letters/workload-rejection/blank/").status_code == 404

    def test_draft_options_are_not_offered(self, client, declined_data):
        draft = Specialty.objects.create(label="Draft specialty", live=False)
        assert "Draft specialty" not in client.get(DECLINED_URL).content.decode()
        response = client.post(
            DECLINED_URL, {**declined_data, "specialty": str(draft.pk), "action": "letter.docx"}
        )
        assert "Choose a specialty from the list" in response.content.decode()

    def test_a_checked_sub_clause_is_printed_only_while_its_edition_is_in_force(self, client, workload_data):
        category = RequestCategory.objects.get(label__startswith="Fit note")
        category.sub_clause, category.checked_against = "11.99", "2026/27"
        category.save_revision().publish()
        text = docx_text(body(client.post(WORKLOAD_URL, {**workload_data, "action": "letter.docx"})))
        assert "of the NHS Standard Contract, clause 11.99 in the 2026/27 edition, fit notes" in text

        category.checked_against = "2025/26"  # checked against last year's edition: not printed as current
        category.save_revision().publish()
        text = docx_text(body(client.post(WORKLOAD_URL, {**workload_data, "action": "letter.docx"})))
        assert "11.99" not in text and "2025/26" not in text
        assert "Communication with GPs) of the NHS Standard Contract, fit notes" in text

    def test_an_unchecked_service_condition_title_is_left_out(self, client, workload_data):
        onward = RequestCategory.objects.get(label__startswith="Onward referral")
        workload_data["request-0-category"] = str(onward.pk)
        text = docx_text(body(client.post(WORKLOAD_URL, {**workload_data, "action": "letter.docx"})))
        assert "Service Condition 8 of the NHS Standard Contract" in text  # SC8's title is not checked
        ServiceCondition.objects.filter(number=8).update(checked_against="2026/27")
        onward.save_revision().publish()  # any publish retires what was remembered
        text = docx_text(body(client.post(WORKLOAD_URL, {**workload_data, "action": "letter.docx"})))
        assert "Service Condition 8 (Unmet Needs" in text


def docx_of(client, data: dict) -> str:
    return docx_text(body(client.post(WORKLOAD_URL, {**data, "action": "letter.docx"})))


@pytest.mark.django_db
class TestPublishedChangesApplyAtOnce:
    """The wording and options in use are read once per change, so each test first uses them."""

    def test_a_newly_published_reason_is_offered_and_used_by_the_next_request(self, client, workload_data):
        assert "Waiting list over a year" not in client.get(WORKLOAD_URL).content.decode()
        docx_of(client, workload_data)

        reason = Reason.objects.create(
            label="Waiting list over a year", letter_kind=LetterKind.WORKLOAD_REJECTION, live=False
        )
        reason.save_revision().publish()

        assert "Waiting list over a year" in client.get(WORKLOAD_URL).content.decode()
        assert "Waiting list over a year" in docx_of(client, {**workload_data, "reasons": [str(reason.pk)]})
        blank = docx_text(body(client.get("/letters/workload-rejection/blank/")))
        assert "Waiting list over a year" in blank

    def test_an_unpublished_reason_is_withdrawn_by_the_next_request(self, client, workload_data):
        reason = Reason.objects.get(pk=workload_data["reasons"][0])
        assert escape(reason.label) in client.get(WORKLOAD_URL).content.decode()
        assert "It is not part of the primary medical services our GMS/PMS contract covers." in docx_of(
            client, workload_data
        )

        reason.unpublish()

        assert escape(reason.label) not in client.get(WORKLOAD_URL).content.decode()
        response = client.post(WORKLOAD_URL, {**workload_data, "action": "letter.docx"})
        assert "Choose each reason from the list" in response.content.decode()

    def test_a_draft_of_an_option_waits_for_publishing(self, client, workload_data):
        category = RequestCategory.objects.get(pk=workload_data["request-0-category"])
        old_phrase = "to issue a fit note for a patient under your care"
        client.get(WORKLOAD_URL)
        docx_of(client, workload_data)

        category.label, category.phrase = "Renamed in a draft", "to do something renamed in a draft"
        category.save_revision()
        assert "Renamed in a draft" not in client.get(WORKLOAD_URL).content.decode()
        assert old_phrase in docx_of(client, workload_data)

        RequestCategory.objects.get(pk=category.pk).latest_revision.publish()
        assert "Renamed in a draft" in client.get(WORKLOAD_URL).content.decode()
        assert "You asked the practice to do something renamed in a draft." in docx_of(client, workload_data)

    def test_the_empty_form_offers_today_as_the_letter_date(self, client, letters_demo, monkeypatch):
        monkeypatch.setattr("letters.forms.base._today", lambda: date(2026, 6, 10))
        assert 'value="2026-06-10"' in client.get(WORKLOAD_URL).content.decode()
        monkeypatch.setattr("letters.forms.base._today", lambda: date(2026, 6, 11))
        assert 'value="2026-06-11"' in client.get(WORKLOAD_URL).content.decode()


@pytest.mark.django_db
def test_requests_never_share_the_wording_or_options(letters_demo):
    """Each form and each letter gets its own copies: a change made while handling one request
    (there should be none) cannot reach another."""
    first, second = WorkloadRejectionForm(), WorkloadRejectionForm()
    assert first.fields["reasons"].options[0] is not second.fields["reasons"].options[0]
    first.fields["reasons"].options[0].label = "Changed in one request"
    assert WorkloadRejectionForm().fields["reasons"].options[0].label != "Changed in one request"

    wording = published_template(kind=LetterKind.WORKLOAD_REJECTION)
    assert wording is not published_template(kind=LetterKind.WORKLOAD_REJECTION)
    paragraph = next(block for block in wording.body if block.block_type == "paragraph")
    assert paragraph.value in [
        block.value for block in published_template(kind=LetterKind.WORKLOAD_REJECTION).body
    ]


@pytest.mark.django_db
def test_demo_content_loads_once_and_is_published():
    demo.load(io.StringIO())
    counts = {model: model.objects.count() for model in (LetterTemplate, RequestCategory, Specialty)}
    output = io.StringIO()
    demo.load(output)
    assert "0 wording and option entries created or updated" in output.getvalue()
    assert {model: model.objects.count() for model in counts} == counts
    assert LetterTemplate.objects.filter(live=True).count() == 2
    for category in RequestCategory.objects.all():
        category.full_clean()  # every shipped category passes the editors' checks
    for template in LetterTemplate.objects.all():
        template.full_clean()  # the shipped wording passes the placeholder check


@pytest.mark.django_db
def test_admin_lists_the_letter_snippets(admin_client, letters_demo):
    for model in (
        "lettertemplate",
        "requestcategory",
        "servicecondition",
        "reason",
        "ask",
        "specialty",
        "provider",
    ):
        response = admin_client.get(reverse(f"wagtailsnippets_letters_{model}:list"))
        assert response.status_code == 200, model
    template = LetterTemplate.objects.first()
    response = admin_client.get(reverse("wagtailsnippets_letters_lettertemplate:edit", args=[template.pk]))
    assert response.status_code == 200
    assert "{patient_name}" in response.content.decode()


def test_a_citation_of_a_deleted_service_condition_still_reads_truly():
    assert fill("Under {sc7}, providers accept referrals.", {}) == (
        "Under the NHS Standard Contract, providers accept referrals."
    )


@pytest.mark.django_db
def test_the_provider_list_offers_a_named_private_provider_and_no_placeholder(client):
    """A database seeded with the old placeholder ("A private hospital (edit me)") gets the demo's
    invented name on the next demo load; the form never shows "(edit me)"."""
    from letters.models import Provider, SourceGroup

    placeholder = Provider.objects.create(
        label="A private hospital (edit me)", source_group=SourceGroup.PRIVATE
    )
    placeholder.save_revision().publish()
    demo.load(io.StringIO())
    assert not Provider.objects.filter(label__icontains="edit me").exists()
    placeholder.refresh_from_db()
    assert placeholder.label == "Holderness Grange Private Hospital"
    assert placeholder.address == "Grange Lane\nHedon\nHull"
    page = client.get(WORKLOAD_URL).content.decode()
    assert "edit me" not in page
    assert ">Holderness Grange Private Hospital</option>" in page
    assert Provider.objects.filter(label="Holderness Grange Private Hospital").count() == 1
