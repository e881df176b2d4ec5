"""Does a piece of text look as if it could identify a patient? Used for the copies without identifiers.

Those copies leave out every patient field and every free-text box outright. The few typed values
they keep (the practice's name, an organisation typed instead of chosen, the signatory's name and
role) are kept only if this check finds nothing in them. It is deliberately cautious: any part of the
patient's name, any run of six or more digits (NHS numbers, UBRNs, hospital and phone numbers), and
anything that looks like a date or a year. It cannot recognise a stranger's name or bare initials,
which is why free text is left out rather than checked.
"""

import re
import unicodedata
from collections.abc import Iterable

# Digits with the separators people type inside numbers and dates.
DIGIT_RUN = re.compile(r"\d(?:[\s./\\-]*\d){5,}")
NUMERIC_DATE = re.compile(r"\d{1,4}\s*[./\\-]\s*\d{1,2}\s*[./\\-]\s*\d{1,4}")
YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
MONTHS = (
    "jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|july|august|"
    "september|october|november|december"
)
WORDED_DATE = re.compile(
    rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s*(?:of\s+)?(?:{MONTHS})\b|\b(?:{MONTHS})\.?\s+\d{{1,2}}\b", re.IGNORECASE
)
WORD = re.compile(r"\w+")


def _fold(text: str) -> str:
    """Lower case without accents, so "SIÂN" and "sian" compare equal."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def name_words(name: str) -> frozenset[str]:
    """The words of a patient's name, folded, each of two letters or more."""
    return frozenset(word for word in WORD.findall(_fold(name)) if len(word) >= 2)


def may_identify(text: str, *, patient_words: Iterable[str]) -> bool:
    """True when ``text`` holds a word of the patient's name, a long number, a date or a year."""
    if not text:
        return False
    if DIGIT_RUN.search(text) or NUMERIC_DATE.search(text) or YEAR.search(text) or WORDED_DATE.search(text):
        return True
    words = set(WORD.findall(_fold(text)))
    return bool(words & set(patient_words))


def kept_if_safe(text: str, *, patient_words: Iterable[str], otherwise: str = "") -> str:
    """``text`` when ``may_identify`` finds nothing in it, else ``otherwise``."""
    return otherwise if may_identify(text, patient_words=patient_words) else text
