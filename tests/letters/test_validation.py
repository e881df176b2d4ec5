"""Bad input is a plain-English form error on the page (never a 500), linked from the error summary."""

import re
from html import unescape

import pytest

from letters.validation import nhs_check_digit, normalise_nhs_number

from .conftest import DECLINED_URL, WORKLOAD_URL


@pytest.mark.parametrize(
    "number", ["943 476 5919", "999 000 0018", "401 023 2137", "943-476-5919", "9434765919"]
)
def test_valid_nhs_numbers_are_accepted_and_normalised(number):
    assert normalise_nhs_number(number) == number.replace(" ", "").replace("-", "")


@pytest.mark.parametrize(
    ("number", "message"),
    [
        ("999 123 4560", "not a valid NHS number"),  # check digit would be 10
        ("987 654 4321", "not a valid NHS number"),
        ("943 476 591", "has 10 digits; you entered 9"),
        ("943 476 59190", "has 10 digits; you entered 11"),
        ("943 ABC 5919", "digits only"),
        ("９４３４７６５９１９", "digits only"),  # full-width digits are not NHS numbers
    ],
)
def test_invalid_nhs_numbers_are_refused(number, message):
    with pytest.raises(Exception, match=message):
        normalise_nhs_number(number)


def test_check_digit_ten_means_no_valid_number():
    assert nhs_check_digit("999123456") is None


def errors_on_page(response) -> list[str]:
    assert response.status_code == 200
    html = response.content.decode()
    return [
        unescape(re.sub(r"<[^>]+>", "", e)).strip()
        for e in re.findall(r'class="error-message"[^>]*>(.*?)</span>\s*(?=<|$)', html, re.S)
    ]


def post_with(client, url, data, **changes):
    return client.post(url, {**data, **changes, "action": "letter.docx"})


def assert_field_error(response, field: str, fragment: str):
    html = response.content.decode()
    assert "There is a problem" in html, "no error summary"
    assert f'href="#id_{field}' in html, f"error summary does not link to {field}"
    # The message box ends where its last message (a span of its own) ends.
    match = re.search(rf'id="id_{field}-error">(.*?)</span></span>', html, re.S)
    assert match, f"no error message for {field}"
    assert fragment in unescape(re.sub(r"<[^>]+>", "", match.group(1))), match.group(1)
    assert response["Content-Type"].startswith("text/html")


@pytest.mark.django_db
class TestBadInput:
    @pytest.mark.parametrize(
        ("number", "fragment"),
        [
            ("999 123 4560", "not a valid NHS number"),
            ("987 654 4321", "not a valid NHS number"),
            ("12345", "you entered 5"),
            ("NHS1234567", "digits only"),
            ("", "Enter the patient's NHS number"),
        ],
    )
    def test_nhs_number(self, client, workload_data, number, fragment):
        assert_field_error(
            post_with(client, WORKLOAD_URL, workload_data, nhs_number=number), "nhs_number", fragment
        )

    def test_nhs_number_with_hyphens_is_accepted(self, client, workload_data):
        response = post_with(client, WORKLOAD_URL, workload_data, nhs_number="401-023-2137")
        assert response["Content-Disposition"].startswith("attachment")

    def test_date_of_birth_in_the_future(self, client, workload_data):
        response = post_with(client, WORKLOAD_URL, workload_data, patient_dob="2999-01-01")
        assert_field_error(response, "patient_dob", "cannot be in the future")

    def test_date_of_birth_after_letter_date(self, client, workload_data):
        response = post_with(
            client, WORKLOAD_URL, workload_data, letter_date="2026-06-01", patient_dob="2026-06-05"
        )
        assert_field_error(response, "patient_dob", "cannot be after the date of the letter")

    @pytest.mark.parametrize("value", ["2036-06-03", "2016-06-03"])
    def test_letter_date_far_from_today(self, client, workload_data, value):
        response = post_with(client, WORKLOAD_URL, workload_data, letter_date=value)
        assert_field_error(response, "letter_date", "within a year of today")

    @pytest.mark.parametrize("value", ["2026-02-30", "31/04/2026", "yesterday", "2026-13-01"])
    def test_impossible_dates(self, client, workload_data, value):
        response = post_with(client, WORKLOAD_URL, workload_data, patient_dob=value)
        assert_field_error(response, "patient_dob", "as a real date")

    def test_referral_after_the_rejection(self, client, declined_data):
        response = post_with(
            client, DECLINED_URL, declined_data, referral_date="2026-05-20", rejection_date="2026-05-10"
        )
        assert_field_error(response, "referral_date", "on or before the date of the reply")

    @pytest.mark.parametrize(
        ("character", "fragment"),
        [
            ("\x00", "hidden control characters"),
            ("\x0b", "hidden control characters"),
            ("\x0c", "hidden control characters"),
            ("\ufffe", "hidden control characters"),  # not allowed in XML, so not in a Word file
            ("\u202e", "text-direction characters"),
            ("\u2066", "text-direction characters"),
        ],
    )
    @pytest.mark.parametrize("field", ["patient_name", "practice_address", "request-0-details"])
    def test_hidden_characters_in_any_field(self, client, workload_data, character, fragment, field):
        response = post_with(client, WORKLOAD_URL, workload_data, **{field: f"Text{character}more"})
        assert_field_error(response, field, fragment)

    def test_over_long_text_states_the_limit(self, client, workload_data):
        response = post_with(client, WORKLOAD_URL, workload_data, patient_name="x" * 121)
        assert_field_error(response, "patient_name", "120 characters or fewer; you entered 121")

    @pytest.mark.parametrize(
        ("field", "value", "fragment"),
        [
            ("request-0-category", "999999", "Choose the kind of request from the list"),
            ("request-0-category", "'; DROP TABLE", "Choose the kind of request from the list"),
            ("source_type", "martian", "from the list"),
            ("recipient_provider", "999999", "Choose an organisation from the list"),
            ("reasons", ["999999"], "Choose each reason from the list"),
        ],
    )
    def test_tampered_choice_values(self, client, workload_data, field, value, fragment):
        response = post_with(client, WORKLOAD_URL, workload_data, **{field: value})
        assert_field_error(response, field, fragment)

    def test_tampered_specialty_and_tone(self, client, declined_data):
        response = post_with(client, DECLINED_URL, declined_data, specialty="abc", tone="rude")
        assert_field_error(response, "specialty", "Choose a specialty from the list")
        assert_field_error(response, "tone", "from the list")

    def test_category_must_match_the_source_type(self, client, workload_data):
        response = post_with(client, WORKLOAD_URL, workload_data, source_type="a private provider")
        assert_field_error(response, "request-0-category", "not offered for private providers")

    def test_a_private_category_for_an_nhs_source_says_nhs_in_capitals(self, client, workload_data):
        from letters.models import RequestCategory

        private = RequestCategory.objects.filter(source_group="private").first()
        response = post_with(client, WORKLOAD_URL, workload_data, **{"request-0-category": str(private.pk)})
        assert_field_error(response, "request-0-category", "not offered for NHS providers")

    def test_other_needs_a_description(self, client, workload_data):
        from letters.models import RequestCategory

        other = RequestCategory.objects.get(label__startswith="Other", source_group="nhs")
        response = post_with(
            client,
            WORKLOAD_URL,
            workload_data,
            **{"request-0-category": str(other.pk), "request-0-category_other": ""},
        )
        assert_field_error(response, "request-0-category_other", "Describe the request")

    def test_missing_required_answers(self, client, workload_data):
        response = post_with(
            client, WORKLOAD_URL, workload_data, patient_name="", reasons=[], signatory_name=""
        )
        assert_field_error(response, "patient_name", "Enter the patient's full name.")
        assert_field_error(response, "reasons", "Choose at least one reason")
        assert_field_error(response, "signatory_name", "Enter your name.")
        assert "This field is required" not in response.content.decode()

    def test_a_name_of_only_invisible_characters_counts_as_missing(self, client, workload_data):
        response = post_with(client, WORKLOAD_URL, workload_data, patient_name="\u00ad\u200b \u00ad")
        assert_field_error(response, "patient_name", "Enter the patient's full name.")

    def test_bad_answers_keep_the_users_other_answers(self, client, workload_data):
        response = post_with(client, WORKLOAD_URL, workload_data, nhs_number="999 123 4560")
        assert "Ysbyty &amp; Partners &lt;Surgery&gt;" in response.content.decode()


@pytest.mark.django_db
class TestLetterSpecificChecks:
    def test_an_urgent_letter_needs_a_phone_number(self, client, declined_data):
        response = post_with(client, DECLINED_URL, declined_data, practice_phone="")
        assert_field_error(response, "practice_phone", "an urgent letter gives the provider a number to call")

    def test_a_second_request_needs_the_date_of_the_first_letter(self, client, declined_data):
        response = post_with(client, DECLINED_URL, declined_data, first_letter_date="")
        assert_field_error(response, "first_letter_date", "Enter the date of your first letter")

    def test_nhs_reasons_are_refused_for_a_private_provider(self, client, workload_data):
        from letters.models import RequestCategory

        private_tests = RequestCategory.objects.get(label="Tests for private care")
        response = post_with(
            client,
            WORKLOAD_URL,
            workload_data,
            source_type="a private provider",
            **{"request-0-category": str(private_tests.pk)},
        )
        assert_field_error(response, "reasons", "it does not apply to private providers")

    def test_the_error_summary_lists_errors_in_page_order(self, client, workload_data):
        response = post_with(
            client, WORKLOAD_URL, workload_data, practice_name="", nhs_number="1", signatory_name=""
        )
        html = response.content.decode()
        summary = html[
            html.index('class="error-summary"') : html.index("</ul>", html.index('class="error-summary"'))
        ]
        links = re.findall(r'href="#([^"]+)"', summary)
        assert links == ["id_practice_name", "id_nhs_number", "id_signatory_name"]

    def test_done_once_is_only_for_work_the_patient_could_come_to_harm_without(self, client, workload_data):
        from letters.models import RequestCategory

        records = RequestCategory.objects.get(label="Actions from clinic letters or discharge summaries")
        response = post_with(
            client,
            WORKLOAD_URL,
            workload_data,
            **{"request-0-category": str(records.pk), "request-0-done_once": "on"},
        )
        assert_field_error(
            response, "request-0-done_once", "it is for work the patient could come to harm without"
        )

    def test_an_other_specialty_needs_its_name(self, client, declined_data):
        from letters.models import Specialty

        other = Specialty.objects.get(asks_for_text=True)
        response = post_with(client, DECLINED_URL, declined_data, specialty=str(other.pk), specialty_other="")
        assert_field_error(response, "specialty_other", "Type the specialty")
