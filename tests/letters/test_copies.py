"""The copy without patient details and the report to the ICB hold no patient identifier in any typed form.

Both are built from the structured answers only (``letters.services.facts``): every patient field and
every free-text box is left out, dates are written to the month, and the few typed values kept (the
practice's name, an organisation typed instead of chosen, the signatory's name and role) are kept only
if ``letters.identifiers.may_identify`` finds nothing in them. Here Hypothesis types one patient's
identifiers, in the many ways people write them, into every free-text box of both forms, and reads the
Word and PDF copies back looking for any of them, digits and names normalised.
"""

import datetime
import re
from dataclasses import dataclass

import pytest
from django import forms
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from letters.forms import DeclinedReferralForm, WorkloadRejectionForm
from letters.forms.workload import RequestForm, SourceType
from letters.identifiers import may_identify, name_words
from letters.models import Ask, Provider, Reason, RequestCategory, SourceGroup, Specialty
from letters.placeholders import LetterKind

from .conftest import DECLINED_URL, WORKLOAD_URL, requests_data
from .identifier_strategies import (
    DECLINED_BOXES,
    KINDS,
    LETTER_MONTH,
    SPELLINGS,
    WORKLOAD_BOXES,
    WRAPPERS,
    Patient,
    download,
    fold,
    grouped,
    kinds_found,
    leaks,
    patient_answers,
    patients,
    squash,
    typed_boxes,
)

COPIES = ("anonymised", "icb-report")

# Shrinking a failing example means hundreds more requests: the first failing one is reported as found.
END_TO_END_PHASES = [Phase.explicit, Phase.reuse, Phase.generate]
DOCX_SETTINGS = settings(
    max_examples=25,
    deadline=None,
    phases=END_TO_END_PHASES,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
PDF_SETTINGS = settings(
    max_examples=5,
    deadline=None,
    phases=END_TO_END_PHASES,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


# --- The structured answers, drawn from the published lists -----------------------------------------

# What each copy must say it leaves out (words of one sentence, whatever the exact wording).
STATES_WHAT_IT_LEAVES_OUT = {
    "anonymised": (
        "leaves out",
        "patient's name",
        "date of birth",
        "NHS number",
        "dates more exact than the month",
    ),
    "icb-report": ("left out", "patient's details", "free text", "exact dates"),
}


def options(model, **where) -> list:
    """The published options of a list, in the editors' order."""
    return list(model.objects.filter(**where).order_by("sort_order", "pk"))


def choice_values(form_class, name: str) -> list[str]:
    return [value for value, _ in form_class.base_fields[name].choices if value]


def phrase_start(option) -> str:
    """The part of an option's phrase the copy prints as it is: up to its first placeholder."""
    return option.letter_phrase.split("{")[0]


def pks(chosen) -> list[str]:
    return [str(option.pk) for option in chosen]


@dataclass(frozen=True)
class Chosen:
    """Answers chosen from the lists, and what each copy must still say because of them."""

    answers: dict
    shown: dict[str, tuple[str, ...]]


def cc_flags(draw) -> dict[str, str]:
    flags = draw(st.lists(st.sampled_from(["cc_patient", "cc_medical_director", "cc_icb"]), unique=True))
    return dict.fromkeys(flags, "on")


def choose_declined(draw, *, organisation_typed: bool) -> Chosen:
    """A specialty, a provider (unless typed), priority, tone, some reasons and asks, and "Other" of each."""
    kind = LetterKind.DECLINED_REFERRAL
    provider = None if organisation_typed else draw(st.sampled_from(options(Provider)))
    specialty = draw(st.sampled_from(options(Specialty)))
    listed = st.sampled_from(options(Reason, letter_kind=kind, asks_for_text=False))
    reasons = draw(st.lists(listed, max_size=3, unique=True))
    asks = draw(st.lists(st.sampled_from(options(Ask, asks_for_text=False)), max_size=3, unique=True))
    answers = {
        "specialty": str(specialty.pk),
        "priority": draw(st.sampled_from(choice_values(DeclinedReferralForm, "priority"))),
        "tone": draw(st.sampled_from(choice_values(DeclinedReferralForm, "tone"))),
        "reasons": pks([*reasons, *options(Reason, letter_kind=kind, asks_for_text=True)]),
        "asks": pks([*asks, *options(Ask, asks_for_text=True)]),
        **cc_flags(draw),
    }
    # A specialty typed in ("Other") is free text, left out of the copies; a listed one is kept.
    typed_specialty = specialty.asks_for_text
    both = [
        LETTER_MONTH,
        *([] if typed_specialty else [specialty.letter_phrase]),
        *map(phrase_start, reasons),
    ]
    if provider:
        answers["recipient_provider"] = str(provider.pk)
        both.append(provider.label)
    return Chosen(answers, {"anonymised": (*both, *map(phrase_start, asks)), "icb-report": tuple(both)})


def choose_workload(draw, *, organisation_typed: bool) -> Chosen:
    """Where it came from, an "Other" request and a listed one, some reasons and "Other", a provider."""
    kind = LetterKind.WORKLOAD_REJECTION
    provider = None if organisation_typed else draw(st.sampled_from(options(Provider)))
    source_type = draw(st.sampled_from(choice_values(WorkloadRejectionForm, "source_type")))
    group = SourceType.group(source_type)
    other = options(RequestCategory, source_group=group, asks_for_text=True)[0]
    category = draw(st.sampled_from(options(RequestCategory, source_group=group, asks_for_text=False)))
    fitting = [r for r in options(Reason, letter_kind=kind, asks_for_text=False) if r.offered_for(group)]
    reasons = draw(st.lists(st.sampled_from(fitting), max_size=3, unique=True))
    done_once = category.time_critical and draw(st.booleans())  # offered only for time-critical work
    second = {"category": str(category.pk)} | ({"done_once": "on"} if done_once else {})
    answers = {
        **requests_data({"category": str(other.pk)}, second),
        "source_type": source_type,
        "reasons": pks([*reasons, *options(Reason, letter_kind=kind, asks_for_text=True)]),
        **cc_flags(draw),
    }
    both = [LETTER_MONTH, category.label, *map(phrase_start, reasons)]
    if provider:
        answers["recipient_provider"] = str(provider.pk)
        both.append(provider.label)
    return Chosen(answers, {"anonymised": tuple(both), "icb-report": tuple(both)})


def says(text: str, phrase: str) -> bool:
    return fold(squash(phrase)) in fold(squash(text))


def states(text: str, words: tuple[str, ...]) -> bool:
    """True when one sentence of ``text`` holds all of ``words``."""
    sentences = re.split(r"(?<=[.!?])\s+", squash(text))
    return any(all(fold(word) in fold(sentence) for word in words) for sentence in sentences)


def check_copies(client, url: str, data: dict, patient: Patient, chosen: Chosen, fmt: str) -> None:
    """Both copies hold none of the identifiers typed anywhere, and still say what the LMC needs."""
    for variant in COPIES:
        text = download(client, url, data, f"{variant}.{fmt}")
        assert leaks(text, patient) == [], f"the {variant}.{fmt} shows a patient identifier typed in the form"
        missing = [phrase for phrase in chosen.shown[variant] if not says(text, phrase)]
        assert missing == [], f"the {variant}.{fmt} no longer says {missing}"
        assert states(text, STATES_WHAT_IT_LEAVES_OUT[variant]), (
            f"the {variant}.{fmt} does not say what it leaves out"
        )


def check_letter_shows_them(client, url: str, data: dict, patient: Patient) -> None:
    """The real letter prints every identifier: the same search finds them there, so it can fail."""
    letter = download(client, url, data, "letter.docx")
    assert kinds_found(letter, patient) >= {
        "name",
        "NHS number",
        "UBRN",
        "phone number",
        "hospital number",
        "birth year",
        "birth day and month",
    }
    assert says(letter, data["practice_name"])


def answers_for(base: dict, patient: Patient, typed: dict, chosen: Chosen, *, declined: bool) -> dict:
    answers = {**base, **patient_answers(patient), **chosen.answers, **typed}
    if declined:
        answers["ubrn"] = grouped(patient.ubrn, (4, 4, 4), " ")
    return answers


# --- The copies, end to end ---------------------------------------------------------------------------


@DOCX_SETTINGS
@given(patient=patients, organisation_typed=st.booleans(), data=st.data())
def test_declined_referral_copies_hold_no_identifier_typed_anywhere(
    client, declined_data, patient, organisation_typed, data
):
    """Identifiers typed into every box of the declined referral form never reach its Word copies."""
    typed = data.draw(
        typed_boxes(patient, DECLINED_BOXES, organisation_typed=organisation_typed), label="typed"
    )
    chosen = choose_declined(data.draw, organisation_typed=organisation_typed)
    answers = answers_for(declined_data, patient, typed, chosen, declined=True)
    check_copies(client, DECLINED_URL, answers, patient, chosen, "docx")
    check_letter_shows_them(client, DECLINED_URL, answers, patient)


@DOCX_SETTINGS
@given(patient=patients, organisation_typed=st.booleans(), data=st.data())
def test_workload_rejection_copies_hold_no_identifier_typed_anywhere(
    client, workload_data, patient, organisation_typed, data
):
    """Identifiers typed into every box of the workload form (both requests) never reach its Word copies."""
    typed = data.draw(
        typed_boxes(patient, WORKLOAD_BOXES, organisation_typed=organisation_typed), label="typed"
    )
    chosen = choose_workload(data.draw, organisation_typed=organisation_typed)
    answers = answers_for(workload_data, patient, typed, chosen, declined=False)
    check_copies(client, WORKLOAD_URL, answers, patient, chosen, "docx")
    check_letter_shows_them(client, WORKLOAD_URL, answers, patient)


@PDF_SETTINGS
@given(patient=patients, organisation_typed=st.booleans(), data=st.data())
def test_declined_referral_pdf_copies_hold_no_identifier(
    client, declined_data, patient, organisation_typed, data
):
    """The PDF copies of the declined referral letter hold none of the identifiers typed into the form."""
    typed = data.draw(
        typed_boxes(patient, DECLINED_BOXES, organisation_typed=organisation_typed), label="typed"
    )
    chosen = choose_declined(data.draw, organisation_typed=organisation_typed)
    answers = answers_for(declined_data, patient, typed, chosen, declined=True)
    check_copies(client, DECLINED_URL, answers, patient, chosen, "pdf")


@PDF_SETTINGS
@given(patient=patients, organisation_typed=st.booleans(), data=st.data())
def test_workload_rejection_pdf_copies_hold_no_identifier(
    client, workload_data, patient, organisation_typed, data
):
    """The PDF copies of the workload letter hold none of the identifiers typed into the form."""
    typed = data.draw(
        typed_boxes(patient, WORKLOAD_BOXES, organisation_typed=organisation_typed), label="typed"
    )
    chosen = choose_workload(data.draw, organisation_typed=organisation_typed)
    answers = answers_for(workload_data, patient, typed, chosen, declined=False)
    check_copies(client, WORKLOAD_URL, answers, patient, chosen, "pdf")


KEPT_NAMES = {
    "practice_name": "The Old School Medical Practice",
    "recipient_organisation": "St Elsewhere Community Clinic",
    "signatory_name": "Dr Ffion Jones",
    "signatory_role": "GP partner",
}


@pytest.mark.parametrize("url", [DECLINED_URL, WORKLOAD_URL])
@pytest.mark.parametrize("variant", COPIES)
def test_copies_keep_names_without_identifiers_and_leave_out_all_free_text(
    client, declined_data, workload_data, url, variant
):
    """Practice, organisation and signatory names holding no identifier stay; every free-text box goes."""
    declined = url == DECLINED_URL
    boxes = DECLINED_BOXES if declined else WORKLOAD_BOXES
    harmless = dict.fromkeys([*boxes, "their_reference", "hospital_number"], "Harmless words, nothing else")
    other = RequestCategory.objects.get(source_group=SourceGroup.NHS, asks_for_text=True)
    kind = LetterKind.DECLINED_REFERRAL if declined else LetterKind.WORKLOAD_REJECTION
    ticked = {
        "reasons": pks(
            options(Reason, letter_kind=kind)[:1] + options(Reason, letter_kind=kind, asks_for_text=True)
        ),
        **({"asks": pks(options(Ask))} if declined else {}),
    }
    listed = options(RequestCategory, source_group=SourceGroup.NHS, asks_for_text=False)[0]
    requests = {"request-0-category": str(other.pk), "request-1-category": str(listed.pk)}
    data = {
        **(declined_data if declined else workload_data),
        **ticked,
        **({} if declined else requests),
        **harmless,
        **KEPT_NAMES,
    }
    data["recipient_provider"] = ""
    text = squash(download(client, url, data, f"{variant}.docx"))
    for value in KEPT_NAMES.values():
        assert value in text
    assert "Harmless words" not in text
    assert "Dear colleague" in text


# Boxes ``typed_boxes`` fills apart from the lists above.
FILLED_SEPARATELY = {
    "recipient_organisation",
    "practice_phone",
    "practice_email",
    "their_reference",
    "hospital_number",
}
# The patient's own name, NHS number and UBRN, and the ODS code (a letter and five digits): not free text.
NOT_FREE_TEXT = {"patient_name", "nhs_number", "ubrn", "practice_ods_code"}


@pytest.mark.parametrize(
    ("form_class", "boxes"),
    [(DeclinedReferralForm, DECLINED_BOXES), (WorkloadRejectionForm, WORKLOAD_BOXES)],
    ids=["declined", "workload"],
)
def test_every_box_a_user_can_type_into_gets_identifiers(form_class, boxes):
    """No text box of either form escapes the properties above (a box added later must join them)."""
    fields = {name for name, field in form_class.base_fields.items() if isinstance(field, forms.CharField)}
    if form_class is WorkloadRejectionForm:
        request_fields = [
            name for name, field in RequestForm.base_fields.items() if isinstance(field, forms.CharField)
        ]
        fields |= {f"request-{i}-{name}" for i in (0, 1) for name in request_fields}
    assert fields - NOT_FREE_TEXT - FILLED_SEPARATELY == set(boxes)


# --- may_identify, the check on the few typed names a copy keeps ---------------------------------------


@settings(max_examples=400, deadline=None)
@given(patient=patients, kind=st.sampled_from(KINDS), data=st.data())
def test_may_identify_finds_every_typed_form_of_an_identifier(patient, kind, data):
    """Any of the patient's identifiers, in any of the usual spellings, inside a name, is caught."""
    spelling = data.draw(SPELLINGS[kind](patient), label="spelling")
    text = data.draw(st.sampled_from(WRAPPERS), label="wrapper").format(spelling)
    assert may_identify(text, patient_words=name_words(patient.name)), f"{kind} typed as {text!r} is kept"


@pytest.mark.parametrize(
    ("name", "typed"),
    [
        ("Siân Ní Bhriain", "Practice of Dr NiBhriain"),  # found by Hypothesis: surname without its space
        ("Anna van der Berg", "VANDERBERG & Partners"),
        ("Anna van der Berg", "Bergman Surgery"),
    ],
)
def test_may_identify_finds_a_surname_of_several_words_typed_as_one(name, typed):
    found = may_identify(typed, patient_words=name_words(name))
    assert found == (typed != "Bergman Surgery"), typed  # whole words run together, not any fragment


@settings(max_examples=200, deadline=None)
@given(
    patient=patients,
    prefix=st.sampled_from(["RH", "K", "HX", "MRN"]),
    digits=st.integers(1000, 99999).map(str),
    separator=st.sampled_from(["", " ", "-", "–", ".", "/", "  "]),
    wrapper=st.sampled_from(WRAPPERS),
)
def test_may_identify_finds_the_patients_own_short_number_in_any_spacing(
    patient, prefix, digits, separator, wrapper
):
    """A hospital number too short to look like one is still found when it is the patient's own."""
    typed = wrapper.format(f"{prefix}{separator}{digits[:2]}{separator}{digits[2:]}")
    found = may_identify(typed, patient_words=name_words(patient.name), identifiers=[f"{prefix} {digits}"])
    assert found, f"{typed!r} is kept though the patient's hospital number is {prefix} {digits}"


ORDINARY_NAMES = [
    "Riverside Surgery",
    "The Old School Medical Practice",
    "St Elsewhere Community Clinic",
    "Kingswood Health Centre",
    "The Marches Surgery",
    "Parkside Family Practice",
    "Hull University Teaching Hospitals NHS Trust",
    "Dr Ffion Jones",
    "Dr A. Khan",
    "GP partner",
    "Practice manager",
    "Advanced nurse practitioner",
]


@settings(max_examples=200, deadline=None)
@given(patient=patients, text=st.sampled_from(ORDINARY_NAMES))
def test_may_identify_keeps_ordinary_practice_and_signatory_names(patient, text):
    """Ordinary practice, organisation and signatory names are not mistaken for a patient's details."""
    assert not may_identify(text, patient_words=name_words(patient.name))


# --- Known gaps: identifiers typed in ways the check does not recognise ------------------------------

FIXTURE_PATIENT = Patient(
    given="Siân",
    surname="Llŷr O'Brien-Zyxwv",
    dob=datetime.date(1961, 2, 28),  # aged 65 on the letter's date
    nhs="9434765919",
    ubrn="000123456789",
    hospital_prefix="HX",
    hospital_digits="998877",
    phone=("07700", "900001"),
    house=12,
    street="Acacia Avenue",
    postcode="HU5 2AB",
)


def case(case_id: str, patient_name: str, box: str, typed: str):
    """One identifier typed into a name the copy keeps."""
    return pytest.param(patient_name, box, typed, id=case_id)


@pytest.mark.parametrize(
    ("patient_name", "box", "typed"),
    [
        # Caught (regressions): the patient's own number in any spacing; the surname without its apostrophe.
        case("own-nhs-number-en-dash", "", "practice_name", "Riverside Surgery, re 943–476–5919"),
        case("surname-without-apostrophe", "Aoife O'Brien", "signatory_name", "Dr Jones re OBRIEN"),
        case("postcode", "", "recipient_organisation", "Ward 5 (pt from HU5 2AB)"),
        # Once missed (found by these tests): other numbers with dashes, short dates, plain letters, ages.
        case("phone-en-dash", "", "practice_name", "Riverside Surgery, tel 07700–900–001"),
        case("ubrn-non-breaking-hyphen", "", "signatory_role", "GP re UBRN 0001‑2345‑6789"),
        case("dob-28-Feb-61", "", "signatory_role", "GP partner (pt born 28-Feb-61)"),
        case("dob-28FEB61", "", "practice_name", "Riverside Surgery 28FEB61"),
        case("dotless-i", "Ayşe Yıldız", "practice_name", "Riverside Surgery (Mrs Yildiz)"),
        case("l-stroke", "Zofia Michałowska", "signatory_role", "GP for Mrs Michalowska"),
        case("o-slash", "Søren Sørensen", "recipient_organisation", "Sorensen ward"),
        case("age-65yo", "", "signatory_role", "GP partner (pt 65yo F)"),
    ],
)
def test_identifier_typed_in_a_kept_name_never_reaches_the_copies(
    client, workload_data, patient_name, box, typed
):
    """An identifier typed into a name the copy keeps is found, so that name is left out of both copies."""
    patient = FIXTURE_PATIENT
    if patient_name:
        given, surname = patient_name.split(" ", 1)
        patient = Patient(**{**patient.__dict__, "given": given, "surname": surname})
    data = {**workload_data, "patient_name": patient.name, box: typed}
    if box == "recipient_organisation":
        data["recipient_provider"] = ""
    for variant in COPIES:
        text = download(client, WORKLOAD_URL, data, f"{variant}.docx")
        assert leaks(text, patient) == [], f"the {variant} copy shows what was typed as {typed!r}"


@pytest.mark.parametrize("variant", COPIES)
def test_copy_file_name_gives_the_date_to_the_month_only(client, workload_data, variant):
    """The copy's download name, which travels with it by email, is no more exact than the copy."""
    response = client.post(WORKLOAD_URL, {**workload_data, "action": f"{variant}.docx"})
    disposition = response["Content-Disposition"]
    assert "2026-06" in disposition or "June" in disposition
    assert not re.search(r"\d{4}-\d{2}-\d{2}", disposition), disposition
