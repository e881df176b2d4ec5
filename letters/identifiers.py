"""Does a piece of text look as if it could identify a patient? Used for the copies without identifiers.

Those copies leave out every patient field and every free-text box outright. The few typed values
they keep (the practice's name, an organisation typed instead of chosen, the signatory's name and
role) are kept only if this check finds nothing in them. It is deliberately cautious: any part of the
patient's name, any run of six or more digits (NHS numbers, UBRNs, hospital and phone numbers), and
anything that looks like a date or a year, a postcode, an age or a street address, and the patient's
hospital number, NHS number and e-RS reference as typed elsewhere in the form. It cannot recognise a
stranger's name or bare initials, which is why free text is left out rather than checked.
"""

import re
import unicodedata
from collections.abc import Iterable

# What people type between the digits of a number or a date: spaces (any kind), dots, slashes and every
# kind of dash or hyphen (Word's AutoCorrect turns "-" into an en dash).
SEPARATOR = r"[\s./\\\-\u2010-\u2015\u2212]"
DIGIT_RUN = re.compile(rf"\d(?:{SEPARATOR}*\d){{5,}}")
NUMERIC_DATE = re.compile(rf"\d{{1,4}}\s*{SEPARATOR}\s*\d{{1,2}}\s*{SEPARATOR}\s*\d{{1,4}}")
YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
MONTHS = (
    "jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|july|august|"
    "september|october|november|december"
)
# "17 April", "17th of Apr", "28-Feb-61", "28FEB61", "April 17th".
WORDED_DATE = re.compile(
    rf"(?<![a-z\d])\d{{1,2}}(?:st|nd|rd|th)?{SEPARATOR}*(?:of\s+)?(?:{MONTHS})(?![a-z])"
    rf"|(?<![a-z])(?:{MONTHS})\.?{SEPARATOR}*\d{{1,2}}(?:st|nd|rd|th)?(?![a-z\d])",
    re.IGNORECASE,
)
# A UK postcode ("HU5 2AB"), an age ("aged 75", "75-year-old", "65yo", "65 y/o") or a house number
# and street ("12 Acacia Avenue", "12, Acacia Cres").
POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b", re.IGNORECASE)
AGE = re.compile(
    r"\baged?\s*\d{1,3}\b|\b\d{1,3}\s*-?\s*(?:years?|yrs?)\s*-?\s*old\b|\b\d{1,3}\s*(?:yo|y/o|yrs?|y)\b",
    re.IGNORECASE,
)
STREET = re.compile(
    r"\b\d+[a-z]?,?\s+(?:\w+\s+){1,3}(?:road|rd|street|st|avenue|ave|lane|ln|close|cl|park|drive|dr|way|"
    r"court|ct|crescent|cres|place|pl|grove|gr|gardens|gdns|terrace|tce|walk|view|hill|green|row|square|sq)\b",
    re.IGNORECASE,
)
PATTERNS = (DIGIT_RUN, NUMERIC_DATE, YEAR, WORDED_DATE, POSTCODE, AGE, STREET)
# Letters Unicode does not split into a letter and an accent, written the way people type them plainly.
PLAIN_LETTERS = str.maketrans(
    {
        "ı": "i",
        "ł": "l",
        "ø": "o",
        "đ": "d",
        "ð": "d",
        "ħ": "h",
        "ŀ": "l",
        "ŧ": "t",
        "ß": "ss",
        "æ": "ae",
        "œ": "oe",
        "þ": "th",
    }
)
WORD = re.compile(r"\w+")


def _fold(text: str) -> str:
    """Lower case without accents, so "SIÂN" and "sian" compare equal."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(PLAIN_LETTERS))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def name_words(name: str) -> frozenset[str]:
    """The words of a patient's name, folded, each of two letters or more, and every run of
    neighbouring words typed together without spaces, apostrophes or hyphens ("O'Brien-Smith" also as
    "obrien", "obriensmith"; "Ní Bhriain" also as "nibhriain")."""
    folded = _fold(name)
    words = {word for word in WORD.findall(folded) if len(word) >= 2}
    words |= {squashed for part in folded.split() if len(squashed := _squash(part)) >= 2}
    parts = [squashed for part in folded.replace("-", " ").split() if (squashed := _squash(part))]
    words |= {part for part in parts if len(part) >= 2}
    # A surname of several words ("Ní Bhriain", "Van der Berg") is often typed as one.
    words |= {
        "".join(parts[start:end]) for start in range(len(parts)) for end in range(start + 2, len(parts) + 1)
    }
    return frozenset(words)


def _squash(text: str) -> str:
    """Letters and digits only: "O'Brien" → "obrien", "RH 4521" → "rh4521"."""
    return "".join(char for char in _fold(text) if char.isalnum())


def may_identify(text: str, *, patient_words: Iterable[str], identifiers: Iterable[str] = ()) -> bool:
    """True when ``text`` holds a word of the patient's name, one of their ``identifiers`` (as typed
    elsewhere in the form, in any spacing), a long number, a date, a year, a postcode, an age or an
    address."""
    if not text:
        return False
    if any(pattern.search(text) for pattern in PATTERNS):
        return True
    words = set(WORD.findall(_fold(text))) | {_squash(word) for word in text.split()}
    if words & set(patient_words):
        return True
    squashed = _squash(text)
    return any(len(key) >= 4 and key in squashed for key in map(_squash, identifiers))


def kept_if_safe(
    text: str, *, patient_words: Iterable[str], identifiers: Iterable[str] = (), otherwise: str = ""
) -> str:
    """``text`` when ``may_identify`` finds nothing in it, else ``otherwise``."""
    found = may_identify(text, patient_words=patient_words, identifiers=identifiers)
    return otherwise if found else text
