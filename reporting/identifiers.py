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

- a date of birth given as a month and year after "DOB", "date of birth" or "born";
- a UK phone number (07700 900123, +44 (0)1632 960123), with its own message;
- an email address, a postcode or a house number and street ("4 Elm Grove");
- an age ("aged 71", "71-year-old");
- a name after a title (Mr, Mrs, Ms, Miss, Mx: "Mrs Hobson"). "Dr" is left alone: practices are
  named after their doctors ("Dr Patel and Partners"), and "MR"/"MS" in capitals are scans and
  multiple sclerosis.

Other names and initials cannot be recognised reliably; the form asks people not to type them. The
order of the checks matters: a date or a UBRN is masked before the shorter numbers are looked for, so
each identifier is named once, as what it most looks like.
"""

import datetime
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.core.exceptions import ValidationError

from letters.identifiers import AGE, MONTHS, POSTCODE, SEPARATOR
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
BIRTH = re.compile(
    rf"\b(?:d\.?o\.?b\.?|date of birth|born)(?![a-z])[\s:.,\-]*(?:on\s+|in\s+)?(?:\d|(?:{MONTHS})(?![a-z]))",
    re.IGNORECASE,
)
# +44 or 0, then nine or ten more digits, however they are grouped or bracketed (not the tail of a
# longer number: "01 00000 00000" is a UBRN).
PHONE = re.compile(r"(?<!\d)(?<!\d[\s.\-])(?:\+44[\s.\-]*(?:\(0\)[\s.\-]*)?|\(?0)(?:[\s.\-)]*\d){9,10}(?!\d)")
EMAIL = re.compile(r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+")
STREET = re.compile(
    r"\b\d{1,4}[a-z]?,?\s+(?:[A-Z][a-z]+\s+){1,2}(?:Road|Rd|Street|St|Avenue|Ave|Lane|Ln|Close|Drive|Way|"
    r"Court|Crescent|Cres|Place|Grove|Gardens|Terrace|Walk|Rise|Mews)\b"
)
TITLED_NAME = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Mx|MRS|MISS)\b\.?\s+([^\W\d_][\w'’\-]*)")


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
BIRTH_KIND = Kind(
    "date_of_birth",
    "Remove the date of birth. Reports must not include anything that could identify a patient.",
)
PHONE_KIND = Kind(
    "phone",
    "Remove the phone number (the LMC cannot tell a patient’s from a department’s): name the "
    "department instead. For a reply, give your own email under “Email address for a reply”.",
)
EMAIL_KIND = Kind(
    "email",
    "Remove the email address from the text. For a reply, give your own under “Email address for a reply”.",
)
ADDRESS = Kind(
    "address",
    "Remove the address or postcode. Reports must not include anything that could identify a patient.",
)
AGE_KIND = Kind(
    "age", "Remove the patient’s age. Reports must not include anything that could identify a patient."
)
NAME = Kind(
    "name",
    "Remove the name: reports describe what happened without naming patients (or staff). "
    "Write “the patient” or the person’s role instead.",
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


def _ubrns(text: str) -> Iterator[tuple[int, int]]:
    for start, end in _overlapping(UBRN, lambda number: True)(text):
        if not text[:start].rstrip().endswith("+"):  # +44 and ten digits is a phone number
            yield start, end


def _titled_names(text: str) -> Iterator[tuple[int, int]]:
    for match in TITLED_NAME.finditer(text):
        if match[1][0].isupper():  # "Mrs Hobson", not "Ms team"
            yield match.span()


CHECKS: tuple[tuple[Kind, Callable[[str], Iterator[tuple[int, int]]]], ...] = (
    (DATE, _dates),
    (BIRTH_KIND, _matches(BIRTH)),
    (UBRN_KIND, _ubrns),
    # A phone number (starting +44 or 0, as no NHS number does) can pass Modulus 11 by chance.
    (PHONE_KIND, _matches(PHONE)),
    (NHS, _overlapping(NHS_NUMBER, _passes_modulus_11)),
    (HOSPITAL, _matches(HOSPITAL_NUMBER)),
    (HOSPITAL, _matches(LONG_NUMBER)),
    (EMAIL_KIND, _matches(EMAIL)),
    (ADDRESS, _matches(POSTCODE)),
    (ADDRESS, _matches(STREET)),
    (AGE_KIND, _matches(AGE)),
    (NAME, _titled_names),
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
    """Refuse text holding any kind of identifier ``CHECKS`` finds (one message for each kind)."""
    if not value:
        return
    found = identifiers_in(value)
    if found:
        raise ValidationError([ValidationError(kind.message, code=kind.code) for kind in found])
