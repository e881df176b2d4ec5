"""Refuse report text that holds a patient identifier, naming what to remove (never quoting it).

Practices type what happened in their own words, so the text is checked rather than left out (as the
letters' copies without identifiers do: ``letters.identifiers``). Four kinds are refused, in any way
people type them:

- an NHS number: ten digits, grouped any way with spaces, dashes, dots or none, whose Modulus 11
  check passes (``letters.validation.nhs_check_digit``);
- a full date (a possible date of birth): 17/04/1951, 17-4-51, 17.04.51, 1951-04-17, 17041951,
  "17 April 1951", "17th of Apr 1951", "April 17, 1951";
- an e-RS booking reference (UBRN): twelve digits, grouped any way;
- a hospital number: letters followed by six or more digits (HX998877, RH 123 4567, MRN 12 345 678),
  or any unbroken run of six to ten digits not recognised above.

Names, initials, addresses and phone numbers cannot be recognised reliably; the form asks people not
to type them. The order of the checks matters: a date or a UBRN is masked before the shorter numbers
are looked for, so each identifier is named once, as what it most looks like.
"""

import datetime
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.core.exceptions import ValidationError

from letters.identifiers import MONTHS, SEPARATOR
from letters.validation import nhs_check_digit

# Up to three separator characters between two digits of one number (" - " in "943 - 476 - 5919").
GAP = rf"{SEPARATOR}{{0,3}}"
# Between the parts of a date: the usual separators, and spaces around them ("17 / 04 / 1951").
DATE_GAP = rf"\s*{SEPARATOR}\s*"
ORDINAL = r"(?:st|nd|rd|th)?"
YEAR = r"(?:\d{4}|'?\d{2})"


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def _numbers(length: int) -> re.Pattern:
    """Every run of exactly ``length`` digits (with gaps), overlapping, not inside a longer number."""
    return re.compile(rf"(?<!\d)(?=(\d(?:{GAP}\d){{{length - 1}}})(?!\d))")


def _year(text: str) -> int:
    digits = int(_digits(text))
    return digits if digits >= 100 else 1900 + digits


def _real_date(day: str, month: int | str, year: str) -> bool:
    """True when day, month and year make a date that exists (two-digit years read as 19xx)."""
    try:
        datetime.date(_year(year), int(month), int(day))
    except ValueError:
        return False
    return True


MONTH_NUMBERS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}
assert set(MONTH_NUMBERS) == set(MONTHS.split("|"))  # the same month names as letters.identifiers

DAY_MONTH_YEAR = re.compile(rf"(?<!\d)(\d{{1,2}}){DATE_GAP}(\d{{1,2}}){DATE_GAP}({YEAR})(?!\d)")
YEAR_MONTH_DAY = re.compile(rf"(?<!\d)(\d{{4}}){DATE_GAP}(\d{{1,2}}){DATE_GAP}(\d{{1,2}})(?!\d)")
RUN_TOGETHER = re.compile(r"(?<!\d)(\d{2})(\d{2})((?:19|20)\d{2})(?!\d)")
WORDED_DAY_FIRST = re.compile(
    rf"(?<![a-z\d])(\d{{1,2}})(?!\d){ORDINAL}{SEPARATOR}*(?:of\s+)?({MONTHS})(?![a-z])\.?,?{SEPARATOR}*({YEAR})(?!\d)",
    re.IGNORECASE,
)
WORDED_MONTH_FIRST = re.compile(
    rf"(?<![a-z])({MONTHS})(?![a-z])\.?{SEPARATOR}*(\d{{1,2}})(?!\d){ORDINAL},?{SEPARATOR}*({YEAR})(?!\d)",
    re.IGNORECASE,
)

UBRN = _numbers(12)
NHS_NUMBER = _numbers(10)
HOSPITAL_NUMBER = re.compile(r"(?<![a-z])[a-z]{1,4}[\s\-]?\d(?:[\s\-.]?\d){5,}(?!\d)", re.IGNORECASE)
LONG_NUMBER = re.compile(r"(?<!\d)\d{6,10}(?!\d)")


@dataclass(frozen=True)
class Kind:
    """One kind of identifier: its name in messages and how to remove it."""

    code: str
    message: str


NHS = Kind(
    "nhs_number",
    "Remove the NHS number. Reports must not include anything that could identify a patient.",
)
DATE = Kind(
    "date",
    "Remove the full date (it could be a date of birth). Give the month the problem happened in the "
    "“When did it happen?” questions instead.",
)
UBRN_KIND = Kind(
    "ubrn",
    "Remove the 12-digit number (it looks like an e-RS booking reference, a UBRN). Reports must not "
    "include anything that could identify a patient.",
)
HOSPITAL = Kind(
    "hospital_number",
    "Remove the hospital number or other long reference number. Reports must not include anything "
    "that could identify a patient.",
)


def _dates(text: str) -> Iterator[tuple[int, int]]:
    for match in DAY_MONTH_YEAR.finditer(text):
        if _real_date(match[1], match[2], match[3]):
            yield match.span()
    for match in YEAR_MONTH_DAY.finditer(text):
        if _real_date(match[3], match[2], match[1]):
            yield match.span()
    for match in RUN_TOGETHER.finditer(text):
        if _real_date(match[1], match[2], match[3]):
            yield match.span()
    for match in WORDED_DAY_FIRST.finditer(text):
        if _real_date(match[1], MONTH_NUMBERS[match[2].lower()], match[3]):
            yield match.span()
    for match in WORDED_MONTH_FIRST.finditer(text):
        if _real_date(match[2], MONTH_NUMBERS[match[1].lower()], match[3]):
            yield match.span()


def _overlapping(pattern: re.Pattern, keep: Callable[[str], bool]) -> Callable[[str], Iterator]:
    def find(text: str) -> Iterator[tuple[int, int]]:
        for match in pattern.finditer(text):
            if keep(match[1]):
                yield match.start(1), match.end(1)

    return find


def _matches(pattern: re.Pattern) -> Callable[[str], Iterator]:
    return lambda text: (match.span() for match in pattern.finditer(text))


def _passes_modulus_11(number: str) -> bool:
    digits = _digits(number)
    return nhs_check_digit(digits[:9]) == int(digits[9])


CHECKS: tuple[tuple[Kind, Callable[[str], Iterator[tuple[int, int]]]], ...] = (
    (DATE, _dates),
    (UBRN_KIND, _overlapping(UBRN, lambda number: True)),
    (NHS, _overlapping(NHS_NUMBER, _passes_modulus_11)),
    (HOSPITAL, _matches(HOSPITAL_NUMBER)),
    (HOSPITAL, _matches(LONG_NUMBER)),
)


def identifiers_in(text: str) -> list[Kind]:
    """The kinds of patient identifier ``text`` holds, each once, in the order of ``CHECKS``."""
    found: list[Kind] = []
    for kind, find in CHECKS:
        spans = list(find(text))
        if spans and kind not in found:
            found.append(kind)
        for start, end in spans:
            # Mask what was found, so a date's digits are not read again as a hospital number.
            text = text[:start] + "#" * (end - start) + text[end:]
    return found


def validate_no_patient_identifiers(value: str) -> None:
    """Refuse text holding an NHS number, a full date, a UBRN or a hospital number (one message each)."""
    if not value:
        return
    found = identifiers_in(value)
    if found:
        raise ValidationError([ValidationError(kind.message, code=kind.code) for kind in found])
