"""Checks on what users type: Unicode normalisation, forbidden characters and NHS numbers."""

import re
import unicodedata

from django.core.exceptions import ValidationError

# C0 controls other than tab, newline and carriage return, DEL and the C1 controls: these include
# NUL, vertical tab and form feed, which break Word files and can hide text. Surrogates and U+FFFE/FFFF
# are not allowed in XML at all, so a Word file could not hold them.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# Bidirectional embedding, override and isolate characters can make text read differently from
# how it is stored ("Trojan Source"), so letters must not carry them.
BIDI_CONTROLS = re.compile(r"[\u202a-\u202e\u2066-\u2069]")
# Invisible direction marks (left-to-right, right-to-left, Arabic letter mark). Harmless in prose,
# but in an identifier they make two different-looking values compare equal on screen, so a name or
# number holding one is refused like the other bidi controls.
DIRECTION_MARKS = re.compile(r"[\u200e\u200f\u061c]")
NHS_NUMBER_SEPARATORS = re.compile(r"[\s-]")


def normalise_text(value: str) -> str:
    """Unicode NFC, so "é" typed two ways is stored and printed one way."""
    return unicodedata.normalize("NFC", value)


def prints_as_nothing(value: str) -> bool:
    """True for text of only spaces and invisible format characters (e.g. soft hyphens).

    Text with forbidden characters is not "nothing": it gets its own error from
    ``reject_hidden_characters``.
    """
    if CONTROL_CHARACTERS.search(value) or BIDI_CONTROLS.search(value):
        return False
    return all(unicodedata.category(char).startswith(("C", "Z")) for char in value)


def reject_hidden_characters(value: str, *, identifier: bool = False) -> None:
    """Refuse control and bidirectional-override characters, naming the problem in plain English.

    ``identifier`` also refuses the invisible direction marks (names and numbers of patients).
    """
    if CONTROL_CHARACTERS.search(value):
        raise ValidationError(
            "Remove the hidden control characters (they can come from copying text); "
            "type the text again if unsure.",
            code="control_characters",
        )
    if BIDI_CONTROLS.search(value) or (identifier and DIRECTION_MARKS.search(value)):
        raise ValidationError(
            "Remove the hidden text-direction characters (they can come from copying text).",
            code="bidi_characters",
        )


def validate_editor_text(value: str) -> None:
    """What LMC staff save in wording and option lists: nothing a Word file cannot hold.

    Text pasted from Word can carry control characters (a line break typed with Shift+Enter arrives as
    a vertical tab); one of them in the published wording would make every Word letter fail.
    """
    if value and CONTROL_CHARACTERS.search(value):
        raise ValidationError(
            "This text holds a hidden control character, usually pasted from Word (for example a line "
            "break made with Shift+Enter). Delete the line breaks around the pasted text and type them "
            "again, or paste the text as plain text.",
            code="control_characters",
        )
    if value and BIDI_CONTROLS.search(value):
        raise ValidationError(
            "This text holds hidden text-direction characters (they can come from copying text); "
            "retype the part you pasted.",
            code="bidi_characters",
        )


def nhs_check_digit(first_nine: str) -> int | None:
    """The Modulus 11 check digit for nine digits, or None when no check digit is possible."""
    total = sum(int(digit) * weight for digit, weight in zip(first_nine, range(10, 1, -1), strict=True))
    check = 11 - (total % 11)
    if check == 11:
        return 0
    if check == 10:
        return None
    return check


def normalise_nhs_number(value: str) -> str:
    """Ten digits with spaces and hyphens removed; ``ValidationError`` when it is not a valid number."""
    digits = NHS_NUMBER_SEPARATORS.sub("", value)
    if not digits.isascii() or not digits.isdigit():
        raise ValidationError(
            "Enter the NHS number using digits only, like 943 476 5919 (spaces and hyphens are fine).",
            code="nhs_not_digits",
        )
    if len(digits) != 10:
        raise ValidationError(
            f"An NHS number has 10 digits; you entered {len(digits)}.", code="nhs_wrong_length"
        )
    if nhs_check_digit(digits[:9]) != int(digits[9]):
        raise ValidationError(
            "This is not a valid NHS number: one of the digits is probably wrong. Check it and try again.",
            code="nhs_checksum",
        )
    return digits


def format_nhs_number(digits: str) -> str:
    """Ten digits written 3-3-4, as on NHS documents: "943 476 5919"."""
    return f"{digits[:3]} {digits[3:6]} {digits[6:]}"
