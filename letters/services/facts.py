"""Turn a letter form's cleaned answers into ``LetterFacts``: the letter's values and the copy's.

Two versions come from the same answers. The letter's (``full``) has everything the user typed. The
copy's (``without_identifiers``, for the LMC and the report to the ICB) is built from the structured
answers only: no patient field, no free-text box, dates to the month, and the few typed names it
keeps checked by ``letters.identifiers``. Held in memory only.
"""

import datetime
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from typing import Any

from letters.blocks import Condition
from letters.content import Answers, LetterFacts, RequestFacts, long_date, month_date
from letters.identifiers import kept_if_safe, name_words
from letters.models import OptionBase, RequestCategory
from letters.placeholders import LetterKind, fill, service_condition_placeholder
from letters.services.published import published_service_conditions
from letters.validation import format_nhs_number

HELD_BY_PRACTICE = "its details are held by the practice"
E_RS_ADVICE_AND_GUIDANCE = "through e-RS Advice and Guidance"
# {accept_referral}: what to ask for depends on how the referral came back.
ACCEPT_REFERRAL = {
    True: "turn the Advice and Guidance conversation back into a referral in the e-Referral Service and "
    "offer the patient an appointment (if that cannot be done, tell us and we will refer again)",
    False: "accept the referral and offer the patient an appointment",
}
# Courtesy titles: "Dr Ana Núñez" is greeted as "Dr Núñez".
TITLES = {"dr", "mr", "mrs", "ms", "miss", "mx", "prof", "professor", "sir", "dame"}
COPY_SUBJECT = "Re: a patient of the practice (their details are left out of this copy)"
PRACTICE_CONTRACT_NAMES = {"gms": "GMS contract", "pms": "PMS agreement", "": "GMS/PMS contract"}
# The copy keeps no free text and no patient detail, so these conditions never hold there.
FREE_TEXT_CONDITIONS = {Condition.NAMED_CLINICIAN, Condition.NO_NAMED_CLINICIAN, Condition.HAS_ADVICE_SUMMARY}


def as_sentence(text: str) -> str:
    """Free text printed as a sentence of its own: a full stop added when it ends without one."""
    text = text.strip()
    return text if not text or text[-1] in ".!?…\"'”’" else f"{text}."


def is_medical_director(role: str) -> bool:
    """The provider's medical director themselves (not an associate or deputy)."""
    return " ".join(role.casefold().split()) in {
        "medical director",
        "the medical director",
        "chief medical officer",
    }


def salutation(name: str) -> str:
    """How a letter greets the recipient: "Dr Núñez" for "Dr Ana Núñez", "colleague" for no name."""
    words = name.split()
    if len(words) > 2 and words[0].rstrip(".").casefold() in TITLES:
        return f"{words[0]} {words[-1]}"
    return name or "colleague"


def joined(items: Sequence[str]) -> str:
    """ "a", "a and b", "a, b and c"."""
    items = [item for item in items if item]
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + (f" and {items[-1]}" if items else "")


# How a date is written: in full in the letter, to the month in the copies. An empty answer stays empty.
DateWriter = Callable[[datetime.date | None], str]


def in_full(value: datetime.date | None) -> str:
    return long_date(value) if value else ""


def to_the_month(value: datetime.date | None) -> str:
    return month_date(value) if value else ""


def _organisation(answers: Mapping[str, Any]) -> str:
    provider = answers["recipient_provider"]
    return answers["recipient_organisation"] or (provider.label if provider else "")


def _address(answers: Mapping[str, Any]) -> list[str]:
    # The list's address belongs to the listed organisation only, not to one typed in.
    provider = answers["recipient_provider"]
    return provider.address.splitlines() if provider and not answers["recipient_organisation"] else []


def _lines(*lines: str) -> tuple[str, ...]:
    return tuple(line.strip() for line in lines if line and line.strip())


def _chosen(options: Sequence[OptionBase], other_text: str, values: Mapping[str, str]) -> tuple[str, ...]:
    """Each chosen option's phrase (placeholders filled), with the user's words for "Other"."""
    return tuple(
        other_text if option.asks_for_text else fill(option.letter_phrase, values) for option in options
    )


def _common(answers: Mapping[str, Any], *, icb_name: str, escalation: bool) -> tuple[Answers, Answers]:
    """The parts both letters share, as (letter, copy)."""
    patient_words = name_words(answers["patient_name"])
    identifiers = [answers["hospital_number"], answers["nhs_number"], answers.get("ubrn", "")]

    def safe(text: str, otherwise: str = "") -> str:
        return kept_if_safe(text, patient_words=patient_words, identifiers=identifiers, otherwise=otherwise)

    organisation = _organisation(answers)
    listed = answers["recipient_provider"] is not None and not answers["recipient_organisation"]
    copy_organisation = organisation if listed else safe(organisation, "the provider")
    # An escalation copies the medical director, unless the letter is addressed to them.
    to_director = is_medical_director(answers["recipient_role"])
    cc_director = (answers["cc_medical_director"] or escalation) and not to_director
    # The ICB gets the report without patient details, never the letter itself.
    icb = f"{icb_name} (a report without patient details)" if answers["cc_icb"] else ""
    copies = _lines(
        "The patient" if answers["cc_patient"] else "",
        f"Medical Director, {organisation}" if cc_director else "",
        icb,
    )
    copy_copies = _lines(
        "The patient" if answers["cc_patient"] else "",
        f"Medical Director, {copy_organisation}" if cc_director else "",
        icb,
    )
    phone = answers["practice_phone"]
    conditions = {Condition.HAS_PRACTICE_PHONE} if phone else set()
    citations = {
        service_condition_placeholder(condition.number): condition.citation(on=answers["letter_date"])
        for condition in published_service_conditions()
    }
    values = {
        **citations,
        "practice_name": answers["practice_name"],
        "practice_phone": phone,
        "practice_contract": PRACTICE_CONTRACT_NAMES[answers.get("practice_contract") or ""],
        "letter_date": long_date(answers["letter_date"]),
        "recipient_name": salutation(answers["recipient_name"]),
        "recipient_role": answers["recipient_role"],
        "recipient_organisation": organisation,
        "recipient_department": answers["recipient_department"],
        "patient_name": answers["patient_name"],
        "patient_dob": long_date(answers["patient_dob"]),
        "nhs_number": format_nhs_number(answers["nhs_number"]),
        "hospital_number": answers["hospital_number"],
        "signatory_name": answers["signatory_name"],
        "signatory_role": answers["signatory_role"],
        "icb_name": icb_name,
    }
    copy_values = {
        **values,
        "practice_name": safe(answers["practice_name"], "the practice"),
        "practice_phone": "",
        "recipient_name": "colleague",
        "recipient_role": "",
        "recipient_organisation": copy_organisation,
        "recipient_department": "",
        "patient_name": "the patient",
        "patient_dob": "",
        "nhs_number": "",
        "hospital_number": "",
        "letter_date": month_date(answers["letter_date"]),
        "signatory_name": safe(answers["signatory_name"]),
        "signatory_role": safe(answers["signatory_role"]),
    }
    ods = f"ODS code: {answers['practice_ods_code'].upper()}" if answers["practice_ods_code"] else ""
    subject = [
        f"Re: {values['patient_name']}, date of birth {values['patient_dob']}",
        f"NHS number {values['nhs_number']}"
        + (f", hospital number {values['hospital_number']}" if values["hospital_number"] else ""),
    ]
    letter = Answers(
        values=values,
        # On the practice's own headed paper the letter prints no letterhead of its own.
        practice_lines=()
        if answers.get("letterhead") == "own"
        else _lines(
            answers["practice_name"],
            *answers["practice_address"].splitlines(),
            f"Tel: {phone}" if phone else "",
            answers["practice_email"],
            ods,
        ),
        recipient_lines=_lines(
            answers["recipient_name"],
            answers["recipient_role"],
            answers["recipient_department"],
            organisation,
            *_address(answers),
        ),
        subject_lines=tuple(subject),
        headed_paper=answers.get("letterhead") == "own",
        logo=b"" if answers.get("letterhead") == "own" else answers.get("logo", b""),
        running_header=f"{values['patient_name']}, NHS number {values['nhs_number']}",
        references=_lines(
            f"Your reference: {answers['their_reference']}" if answers["their_reference"] else ""
        ),
        copies=copies,
        conditions=frozenset(conditions),
    )
    copy = Answers(
        values=copy_values,
        practice_lines=_lines(copy_values["practice_name"], ods),
        recipient_lines=_lines(copy_organisation, *(_address(answers) if listed else [])),
        subject_lines=(COPY_SUBJECT,),
        running_header="Copy without patient details",
        copies=copy_copies,
    )
    return letter, copy


def _specialty(answers: Mapping[str, Any], *, free_text: bool) -> str:
    """The specialty as the letter names it; one typed in ("Other") is free text, left out of copies."""
    if not answers["specialty"].asks_for_text:
        return answers["specialty"].letter_phrase
    return answers["specialty_other"] if free_text else "another specialty"


def declined_referral_facts(*, answers: Mapping[str, Any], icb_name: str) -> LetterFacts:
    """``LetterFacts`` for Letter A from ``DeclinedReferralForm.cleaned_data``."""
    escalation = answers["tone"] == Condition.ESCALATION
    letter, copy = _common(answers, icb_name=icb_name, escalation=escalation)
    digits = "".join(ch for ch in answers["ubrn"] if ch.isdigit())
    ubrn = f"{digits[:4]} {digits[4:8]} {digits[8:]}" if digits else ""
    clinician = answers["triaging_clinician"]

    def values_with(dates: DateWriter, base: Mapping[str, str], *, free_text: bool) -> dict[str, str]:
        return {
            **base,
            "referral_date": dates(answers["referral_date"]),
            "ubrn": ubrn if free_text else "",
            "specialty": _specialty(answers, free_text=free_text),
            "priority": answers["priority"],
            "rejection_date": dates(answers["rejection_date"]),
            "rejection_channel": answers["rejection_channel"],
            "triaging_clinician": clinician if free_text else "",
            "advice_summary": as_sentence(answers["advice_summary"]) if free_text else "",
            "response_days": str(answers["response_days"] or ""),
            "first_letter_date": dates(answers["first_letter_date"]),
            "accept_referral": ACCEPT_REFERRAL[answers["rejection_channel"] == E_RS_ADVICE_AND_GUIDANCE],
        }

    values = values_with(in_full, letter.values, free_text=True)
    copy_values = values_with(to_the_month, copy.values, free_text=False)
    conditions = {answers["tone"], Condition.URGENT if answers["priority"] == "urgent" else Condition.ROUTINE}
    if answers["tone"] == Condition.ESCALATION:
        addressed = is_medical_director(answers["recipient_role"])
        conditions.add(
            Condition.MEDICAL_DIRECTOR_ADDRESSED if addressed else Condition.MEDICAL_DIRECTOR_COPIED
        )
    conditions.add(Condition.NAMED_CLINICIAN if clinician else Condition.NO_NAMED_CLINICIAN)
    if answers["advice_summary"]:
        conditions.add(Condition.HAS_ADVICE_SUMMARY)
    subject = letter.subject_lines + ((f"e-RS booking reference (UBRN) {ubrn}",) if ubrn else ())
    return LetterFacts(
        kind=LetterKind.DECLINED_REFERRAL,
        letter_date=answers["letter_date"],
        full=replace(
            letter,
            values=values,
            subject_lines=subject,
            reasons=_chosen(answers["reasons"], answers["reasons_other"], values),
            asks=_chosen(answers["asks"], answers["asks_other"], values),
            conditions=letter.conditions | conditions,
        ),
        without_identifiers=replace(
            copy,
            values=copy_values,
            reasons=_chosen(answers["reasons"], f"another reason ({HELD_BY_PRACTICE})", copy_values),
            asks=_chosen(answers["asks"], f"another request ({HELD_BY_PRACTICE})", copy_values),
            conditions=frozenset(conditions - FREE_TEXT_CONDITIONS),
        ),
    )


def _other_phrase(text: str) -> str:
    """The user's own words for an "Other" request, made to follow "You asked the practice"."""
    if text.casefold().startswith("to "):
        return text
    # "Completing a blue badge form" → "for the following: completing a blue badge form"
    lowered = text[0].lower() + text[1:] if len(text) > 1 and text[1].islower() else text
    return f"for the following: {lowered}"


def _request(
    category: RequestCategory, item: Mapping[str, Any], *, on: datetime.date, free_text: bool
) -> RequestFacts:
    other = category.asks_for_text
    basis = fill(category.basis, {"service_condition": category.citation(on=on)})
    # The letter speaks to the provider ("your care"); the copy and the report to the ICB about it.
    # Only the editors' phrase is filled: what a user typed is never read for placeholders.
    editors_phrase = fill(category.letter_phrase, {"your": "your" if free_text else "the provider's"})
    if free_text:
        phrase = _other_phrase(item["category_other"]) if other else editors_phrase
        # A request's title in the letter, in its own voice: "To issue a fit note for a patient under
        # your care", "To book a scan" (the editors' labels speak about the provider, for the admin).
        label = phrase[:1].upper() + phrase[1:]
        details, ask = as_sentence(item["details"]), as_sentence(item["ask"]) or category.ask
    else:
        # Copies for the LMC and the ICB name the published kind of request, as they count them.
        label = "Other work" if other else category.label
        phrase = f"to do other work ({HELD_BY_PRACTICE})" if other else editors_phrase
        details, ask = "", category.ask
    return RequestFacts(
        label=label,
        phrase=phrase,
        details=details,
        basis=basis,
        ask=ask,
        patient_advice=category.patient_advice_done_once if item["done_once"] else category.patient_advice,
        done_once=item["done_once"],
        time_critical=category.time_critical,
    )


def workload_rejection_facts(
    *, answers: Mapping[str, Any], requests: Sequence[Mapping[str, Any]], icb_name: str
) -> LetterFacts:
    """``LetterFacts`` for Letter B from ``WorkloadRejectionForm`` (its answers and chosen requests)."""
    letter, copy = _common(answers, icb_name=icb_name, escalation=False)
    on = answers["letter_date"]
    full_requests = tuple(_request(item["category"], item, on=on, free_text=True) for item in requests)
    copy_requests = tuple(_request(item["category"], item, on=on, free_text=False) for item in requests)
    private = requests[0]["category"].source_group == "private"
    conditions = {
        Condition.PRIVATE_PROVIDER if private else Condition.NHS_PROVIDER,
        Condition.ONE_REQUEST if len(requests) == 1 else Condition.SEVERAL_REQUESTS,
    }
    if any(item.done_once for item in full_requests):
        conditions.add(Condition.DONE_ONCE)
    # Time-critical work the practice has not already done once: the letter asks for it promptly.
    if any(item.time_critical and not item.done_once for item in full_requests):
        conditions.add(Condition.TIME_CRITICAL)
    author = answers["request_author"]

    def your_letter(dates: DateWriter, *, with_author: bool) -> str:
        date = answers["request_date"]
        dated = f"your request of {dates(date)}" if date else "your recent request"
        return f"{dated} from {author}" if with_author and author else dated

    values = {
        **letter.values,
        "source_type": answers["source_type"],
        "request_date": in_full(answers["request_date"]),
        "request_author": author,
        "your_letter": your_letter(in_full, with_author=True),
        "requests": joined([item.phrase for item in full_requests]),
    }
    copy_values = {
        **copy.values,
        "source_type": answers["source_type"],
        "request_date": to_the_month(answers["request_date"]),
        "request_author": "",
        "your_letter": your_letter(to_the_month, with_author=False),
        "requests": joined([item.phrase for item in copy_requests]),
    }
    return LetterFacts(
        kind=LetterKind.WORKLOAD_REJECTION,
        letter_date=on,
        full=replace(
            letter,
            values=values,
            reasons=_chosen(answers["reasons"], answers["reasons_other"], values),
            requests=full_requests,
            conditions=letter.conditions | conditions,
        ),
        without_identifiers=replace(
            copy,
            values=copy_values,
            reasons=_chosen(answers["reasons"], f"another reason ({HELD_BY_PRACTICE})", copy_values),
            requests=copy_requests,
            conditions=frozenset(conditions),
        ),
    )
