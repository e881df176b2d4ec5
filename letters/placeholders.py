"""The fixed placeholders each letter type offers, and safe ``{placeholder}`` substitution.

Editors write plain text with placeholders such as ``{patient_name}``; nothing from the database is
ever run as template code. Substitution is a single regular-expression pass over the text, so a
value containing braces cannot inject another placeholder.
"""

import re
from collections.abc import Iterable, Mapping

from django.db import models


class LetterKind(models.TextChoices):
    DECLINED_REFERRAL = "declined_referral", "Declined referral (Advice and Guidance)"
    WORKLOAD_REJECTION = "workload_rejection", "Workload rejection"


# Placeholder name -> what it stands for (shown to editors, and used in the blank letter).
COMMON_PLACEHOLDERS: dict[str, str] = {
    "practice_name": "practice name",
    "practice_phone": "practice phone number",
    "practice_contract": "the practice's contract (GMS contract, PMS agreement, or GMS/PMS contract)",
    "letter_date": "date of the letter",
    "recipient_name": 'recipient\'s name (or "colleague")',
    "recipient_role": "recipient's role",
    "recipient_organisation": "recipient's organisation",
    "recipient_department": "recipient's department",
    "patient_name": "patient's name",
    "patient_dob": "patient's date of birth",
    "nhs_number": "NHS number",
    "hospital_number": "hospital number",
    "request_date": "date of the letter being answered",
    "request_author": "author of the letter being answered",
    "your_letter": 'the letter being answered, e.g. "your letter of 20 May 2026"',
    "signatory_name": "signatory's name",
    "signatory_role": "signatory's role",
    "icb_name": "the ICB (commissioner)",
}

KIND_PLACEHOLDERS: dict[str, dict[str, str]] = {
    LetterKind.DECLINED_REFERRAL: {
        "referral_date": "referral date",
        "ubrn": "e-RS booking reference (UBRN)",
        "specialty": "specialty",
        "priority": "priority (routine or urgent)",
        "rejection_date": "date of the reply declining the referral",
        "rejection_channel": "how the reply came",
        "triaging_clinician": "clinician who gave the advice",
        "advice_summary": "summary of the advice given",
        "response_days": "number of working days to reply",
        "first_letter_date": "date of the practice's first letter (second requests and escalations)",
        "accept_referral": "what to ask for: to turn the A&G conversation back into a referral (e-RS A&G), "
        'otherwise "accept the referral and offer the patient an appointment"',
    },
    LetterKind.WORKLOAD_REJECTION: {
        "source_type": "kind of provider",
        "requests": 'what the practice was asked to do, e.g. "to issue a fit note and to arrange tests"',
        "request": 'one request, inside the requests block, e.g. "to issue a fit note"',
        "your": 'in request phrases: "your" in the letter, "the provider\'s" in the report to the ICB',
    },
}

PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
STRAY_BRACE = re.compile(r"[{}]")


def placeholders_for(kind: str) -> dict[str, str]:
    """All placeholders a letter type may use, with their descriptions."""
    return {**COMMON_PLACEHOLDERS, **KIND_PLACEHOLDERS.get(kind, {})}


def service_condition_placeholder(number: int) -> str:
    """The placeholder that cites a Service Condition in letter wording: ``sc6`` for {sc6}."""
    return f"sc{number}"


def placeholder_errors(*, kind: str, texts: Iterable[str], extra: Iterable[str] = ()) -> list[str]:
    """Plain-English problems with the placeholders in ``texts`` (empty when all are known).

    ``extra`` names placeholders known only at run time (the Service Conditions in the database).
    """
    allowed = {**placeholders_for(kind), **{name: name for name in extra}}
    errors: list[str] = []
    for text in texts:
        for name in PLACEHOLDER.findall(text):
            if name not in allowed and f"{{{name}}}" not in errors:
                errors.append(f"{{{name}}}")
        if STRAY_BRACE.search(PLACEHOLDER.sub("", text)):
            errors.append("a lone { or }")
    if not errors:
        return []
    known = ", ".join(f"{{{name}}}" for name in allowed)
    return [f"Unknown placeholder {error} in the wording. This letter can use: {known}." for error in errors]


CITATION_NAME = re.compile(r"^sc\d+$")
# What {sc6} says if Service Condition 6 has been deleted since the wording was saved: still true.
CITATION_FALLBACK = "the NHS Standard Contract"


def fill(text: str, values: Mapping[str, str]) -> str:
    """Replace each ``{name}`` in ``text`` with its value; unknown names are left as written."""

    def value(match: re.Match) -> str:
        name = match.group(1)
        if name not in values and CITATION_NAME.match(name):
            return CITATION_FALLBACK
        return values.get(name, match.group(0))

    return PLACEHOLDER.sub(value, text)
