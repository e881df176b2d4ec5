"""What LMC staff save is checked: text a Word file cannot hold, contract editions, and the dashboard
warning when references were checked against an edition older than the one in force."""

import datetime

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, streamfield

from letters.contract import edition_in_force, is_out_of_date, service_condition_citation
from letters.models import LetterTemplate, Reason, RequestCategory, ServiceCondition
from letters.placeholders import LetterKind

from .conftest import DECLINED_URL, WORKLOAD_URL, body, docx_text

PASTED_FROM_WORD = "Line one\x0bline two"  # Shift+Enter in Word arrives as a vertical tab


@pytest.fixture
def officer(client, django_user_model):
    user = django_user_model.objects.create_superuser("officer", "officer@example.org", "pw")
    client.force_login(user)
    return client


def template_form(*paragraphs: str) -> dict:
    return nested_form_data(
        {
            "kind": LetterKind.WORKLOAD_REJECTION,
            "title": "Test wording",
            "body": streamfield([("paragraph", text) for text in paragraphs]),
            "patient_note": streamfield([]),
            "commissioner_report": streamfield([]),
        }
    )


@pytest.mark.django_db
class TestTextAWordFileCannotHold:
    def test_wording_with_a_pasted_control_character_is_refused_on_the_field(self, officer):
        url = reverse("wagtailsnippets_letters_lettertemplate:add")
        response = officer.post(
            url, {**template_form("Dear colleague,", PASTED_FROM_WORD), "action-publish": "1"}
        )
        assert response.status_code == 200
        page = response.content.decode()
        assert "hidden control character, usually pasted from Word" in page
        assert not LetterTemplate.objects.exists()

    def test_an_option_label_with_a_control_character_is_refused(self, officer):
        url = reverse("wagtailsnippets_letters_reason:add")
        data = {"label": PASTED_FROM_WORD, "phrase": "", "letter_kind": LetterKind.WORKLOAD_REJECTION}
        response = officer.post(url, {**data, "action-publish": "1"})
        assert response.status_code == 200
        assert "hidden control character" in response.content.decode()
        assert not Reason.objects.exists()

    @pytest.mark.parametrize("field", ["basis", "ask", "patient_advice", "phrase"])
    def test_every_text_of_a_request_category_is_checked(self, field):
        category = RequestCategory(label="Tests", source_group="nhs", **{field: PASTED_FROM_WORD})
        with pytest.raises(Exception, match="hidden control character"):
            category.full_clean()

    def test_a_phrase_may_only_use_placeholders_its_letter_has(self):
        reason = Reason(
            label="x", phrase="it is {patiant_name}'s problem", letter_kind=LetterKind.WORKLOAD_REJECTION
        )
        with pytest.raises(Exception, match=r"Unknown placeholder \{patiant_name\}"):
            reason.full_clean()


@pytest.mark.django_db
class TestCategoryBasis:
    def test_a_private_category_cannot_cite_the_nhs_contract(self):
        condition = ServiceCondition.objects.create(number=11, title="Transfer of and Discharge from Care")
        category = RequestCategory(
            label="Tests",
            source_group="private",
            service_condition=condition,
            basis="Under {service_condition}.",
        )
        with pytest.raises(Exception, match="Private care is not under the NHS Standard Contract"):
            category.full_clean()

    def test_a_sub_clause_needs_the_edition_it_was_checked_against(self):
        condition = ServiceCondition.objects.create(number=11, title="Transfer of and Discharge from Care")
        category = RequestCategory(
            label="Fit notes",
            service_condition=condition,
            basis="Under {service_condition}.",
            sub_clause="11.11",
        )
        with pytest.raises(Exception, match="Give the edition you checked the clause number against"):
            category.full_clean()
        category.checked_against = "2026-27"
        with pytest.raises(Exception, match='e.g. "2026/27"'):
            category.full_clean()
        category.checked_against = "2026/27"
        category.full_clean()

    def test_the_basis_cites_the_service_condition_it_names(self):
        condition = ServiceCondition.objects.create(number=6, title="Choice and Referral")
        with pytest.raises(Exception, match=r"Write \{service_condition\} in the basis"):
            RequestCategory(label="x", service_condition=condition, basis="Because.").full_clean()
        with pytest.raises(Exception, match="Choose the Service Condition"):
            RequestCategory(label="x", basis="Under {service_condition}.").full_clean()


class TestEditions:
    @pytest.mark.parametrize(
        ("day", "edition"),
        [
            (datetime.date(2026, 3, 31), "2025/26"),
            (datetime.date(2026, 4, 1), "2026/27"),
            (datetime.date(2026, 12, 2), "2026/27"),
            (datetime.date(2099, 4, 1), "2099/00"),
        ],
    )
    def test_editions_run_from_1_april_to_31_march(self, day, edition):
        assert edition_in_force(day) == edition

    def test_a_title_or_clause_checked_against_another_edition_is_left_out(self):
        def cite(checked: str) -> str:
            return service_condition_citation(
                number=11,
                title="Transfer of and Discharge from Care; Communication with GPs",
                title_checked_against=checked,
                sub_clause="11.9",
                sub_clause_checked_against=checked,
                on=datetime.date(2026, 6, 3),
            )

        assert cite("2026/27") == (
            "Service Condition 11 (Transfer of and Discharge from Care; Communication with GPs) of the NHS "
            "Standard Contract, clause 11.9 in the 2026/27 edition"
        )
        assert cite("2025/26") == "Service Condition 11 of the NHS Standard Contract"
        assert cite("2027/28") == "Service Condition 11 of the NHS Standard Contract"
        assert cite("") == "Service Condition 11 of the NHS Standard Contract"
        assert is_out_of_date("2025/26", on=datetime.date(2026, 6, 3))
        assert not is_out_of_date("2026/27", on=datetime.date(2026, 6, 3))


@pytest.mark.django_db
class TestDashboardWarning:
    def test_officers_are_told_which_references_to_check(self, officer, letters_demo):
        page = officer.get(reverse("wagtailadmin_home")).content.decode()
        assert "Letters: contract references to check" in page
        assert "Service Condition 8: Unmet Needs" in page  # its title was not checked for 2026/27
        assert "Service Condition 11:" not in page  # checked against the edition in force

        category = RequestCategory.objects.get(label__startswith="Fit note")
        category.sub_clause, category.checked_against = "11.11", "2025/26"
        category.save()
        page = officer.get(reverse("wagtailadmin_home")).content.decode()
        assert "(clause 11.11, checked against 2025/26)" in page

    def test_no_warning_once_everything_is_checked(self, officer, letters_demo):
        ServiceCondition.objects.update(checked_against=edition_in_force(datetime.date.today()))
        page = officer.get(reverse("wagtailadmin_home")).content.decode()
        assert "contract references to check" not in page


@pytest.mark.django_db
class TestInvisibleDirectionMarks:
    @pytest.mark.parametrize("mark", ["\u200e", "\u200f", "\u061c"])
    @pytest.mark.parametrize("field", ["patient_name", "hospital_number", "nhs_number", "ubrn"])
    def test_refused_in_identifier_fields(self, client, declined_data, mark, field):
        value = {
            "patient_name": "Amira Haddad",
            "hospital_number": "HX998877",
            "nhs_number": "9434765919",
        }.get(field, "000123456789")
        data = {**declined_data, field: value[:3] + mark + value[3:], "action": "letter.docx"}
        page = client.post(DECLINED_URL, data).content.decode()
        assert "Remove the hidden text-direction characters" in page

    def test_allowed_in_prose_such_as_an_arabic_address(self, client, workload_data):
        address = "\u0634\u0627\u0631\u0639\u200f 12\nHull HU1 1AA"
        response = client.post(
            WORKLOAD_URL, {**workload_data, "practice_address": address, "action": "letter.docx"}
        )
        assert address.splitlines()[0] in docx_text(body(response))


@pytest.mark.django_db
def test_the_lmc_name_and_icb_printed_in_letters_are_checked_too():
    from wagtail.models import Site

    from core.models import SiteIdentity

    identity = SiteIdentity.for_site(Site.objects.get(is_default_site=True))
    for field in ("name", "icb_name"):
        setattr(identity, field, PASTED_FROM_WORD)
        with pytest.raises(Exception, match="hidden control character"):
            identity.full_clean()
        setattr(identity, field, "Humberside LMC")
