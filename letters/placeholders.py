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
    "letter_date": "date of the letter",
    "recipient_name": "recipient's name",
    "recipient_role": "recipient's role",
    "recipient_organisation": "recipient's organisation",
    "recipient_department": "recipient's department",
    "patient_name": "patient's name",
    "patient_dob": "patient's date of birth",
    "nhs_number": "NHS number",
    "hospital_number": "hospital number",
    "request_date": "date of the request",
    "request_author": "author of the request",
    "signatory_name": "signatory's name",
    "signatory_role": "signatory's role",
}

KIND_PLACEHOLDERS: dict[str, dict[str, str]] = {
    LetterKind.DECLINED_REFERRAL: {
        "referral_date": "referral date",
        "ubrn": "e-RS booking reference (UBRN)",
        "specialty": "specialty",
        "priority": "priority (routine or urgent)",
        "rejection_date": "date of the rejection",
        "rejection_channel": "how the rejection came",
        "triaging_clinician": "triaging clinician",
        "advice_summary": "summary of the advice given",
        "response_days": "number of working days to reply",
    },
    LetterKind.WORKLOAD_REJECTION: {
        "source_type": "kind of provider",
        "request_category": "kind of request",
        "request_summary": "what was asked",
        "contract_basis": "contract basis",
        "contract_edition": "contract edition",
        "the_ask": "what the letter asks",
    },
}

PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
STRAY_BRACE = re.compile(r"[{}]")


def placeholders_for(kind: str) -> dict[str, str]:
    """All placeholders a letter type may use, with their descriptions."""
    return {**COMMON_PLACEHOLDERS, **KIND_PLACEHOLDERS.get(kind, {})}


def placeholder_errors(*, kind: str, texts: Iterable[str]) -> list[str]:
    """Plain-English problems with the placeholders in ``texts`` (empty when all are known)."""
    allowed = placeholders_for(kind)
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


def fill(text: str, values: Mapping[str, str]) -> str:
    """Replace each ``{name}`` in ``text`` with its value; unknown names are left as written."""
    return PLACEHOLDER.sub(lambda match: values.get(match.group(1), match.group(0)), text)
