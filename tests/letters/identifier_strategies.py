"""Hypothesis strategies for one patient's identifiers typed the many ways people write them, and
readers that look for any of them in a letter's text (digits and names normalised).

Used by ``test_copies.py``; kept apart so the tests read on their own.
"""

import datetime
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass

import docx
import pypdf
from hypothesis import strategies as st

from letters.forms import DeclinedReferralForm, WorkloadRejectionForm
from letters.validation import nhs_check_digit

from .conftest import WORKLOAD_URL, body, docx_text, pdf_text

LETTER_MONTH = "June 2026"  # the fixtures' letter is dated 3 June 2026; copies give the month only

# --- Normalising text the way a reader would compare it ----------------------------------------------

WORD = re.compile(r"\w+")
MONTHS = [datetime.date(2000, month, 1).strftime("%B") for month in range(1, 13)]


# Letters a keyboard without them replaces, though Unicode does not decompose them.
PLAIN_LETTERS = str.maketrans(
    {"ı": "i", "ł": "l", "ø": "o", "đ": "d", "ð": "d", "þ": "th", "æ": "ae", "œ": "oe"}
)


def fold(text: str) -> str:
    """Lower case without accents, as a reader compares names: "SIÂN" is "sian", "Yıldız" is "yildiz"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(PLAIN_LETTERS))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def strip_accents(text: str) -> str:
    """Text as typed on a keyboard without accents: "Siân Núñez" → "Sian Nunez"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def squash(text: str) -> str:
    """Whitespace (including a PDF's line breaks) as single spaces, curly apostrophes straight."""
    return re.sub(r"\s+", " ", text.replace("’", "'")).strip()


def digits_only(text: str) -> str:
    return re.sub(r"\D", "", text)


def spaced_digits(digits: str) -> re.Pattern:
    """``digits`` with anything but letters and digits between them, not inside a longer number."""
    return re.compile(r"(?<!\d)" + r"\W*".join(digits) + r"(?!\d)")


# --- One patient and the ways people type their identifiers -------------------------------------------


@dataclass(frozen=True)
class Patient:
    given: str
    surname: str
    dob: datetime.date
    nhs: str  # 10 digits
    ubrn: str  # 12 digits
    hospital_prefix: str
    hospital_digits: str
    phone: tuple[str, str]  # (area code, local number), an Ofcom drama number
    house: int
    street: str
    postcode: str

    @property
    def name(self) -> str:
        return f"{self.given} {self.surname}"

    @property
    def name_words(self) -> set[str]:
        """Each word of the name, folded, and run together without apostrophes or hyphens: "o'brien-zyxwv"
        also as "obrien" and "obrienzyxwv"."""
        folded = fold(self.name)
        parts = {re.sub(r"['’]", "", part) for part in re.split(r"[\s-]+", folded)}
        parts |= {re.sub(r"['’-]", "", part) for part in folded.split()}
        return {word for word in {*WORD.findall(folded), *parts} if len(word) >= 2}

    @property
    def age(self) -> int:
        """Age on the letter's date (3 June 2026)."""
        return 2026 - self.dob.year - ((self.dob.month, self.dob.day) > (6, 3))

    @property
    def phone_digits(self) -> str:
        """The number without its trunk 0, as found in "07700 900123" and "+44 7700 900123" alike."""
        return "".join(self.phone)[1:]


# Given names and surnames no letter's wording uses, with accents that decompose (é = e + ´), so that
# typing them without accents is the same name to ``fold``.
GIVEN_NAMES = [
    "Siân", "Zoë", "Seán", "Aoife", "Renée", "Anaïs", "Björn", "Dafydd", "Chidi", "Ngozi", "Ioan",
    "Eluned", "Oisín", "Thérèse", "Joaquín", "Kofi", "Ayşe", "Élodie",
]  # fmt: skip
SURNAMES = [
    "Llŷr", "O'Brien-Zyxwv", "Núñez", "Pérez-Quayle", "Müller", "Çelik", "Öztürk", "Nakamura",
    "Okonkwo", "Ffrancon", "Brontë", "Dvořák", "Kowalczyk", "Szczęsny", "MacGillivray", "Ní Bhriain",
]  # fmt: skip
# Made-up surnames: endings no English word has, so they never match the letters' own wording.
MADE_UP_SURNAMES = st.builds(
    lambda stem, ending: stem + ending,
    st.from_regex(r"[BCDFGHKLMNPRSTVWZ][aeiou][a-z]{1,4}", fullmatch=True),
    st.sampled_from(["owski", "wicz", "dottir", "sson", "opoulos", "escu", "ová", "ashvili"]),
)


def _nine_digits_with_check(first_nine: int) -> str | None:
    digits = str(first_nine)
    check = nhs_check_digit(digits)
    return None if check is None else f"{digits}{check}"


NHS_NUMBERS = (
    st.integers(400_000_000, 799_999_999)
    .map(_nine_digits_with_check)
    .filter(lambda number: number is not None)
)
PHONES = st.one_of(
    st.integers(0, 999).map(lambda n: ("07700", f"900{n:03}")),
    st.integers(0, 999).map(lambda n: ("01632", f"960{n:03}")),
    st.integers(0, 999).map(lambda n: ("0113", f"4960{n:03}")),
    st.integers(0, 999).map(lambda n: ("020", f"7946{n:04}")),
)
TODAY = datetime.date.today()
# The footer gives the wording's publication date (today) in full: birthdays near it would look like a leak.
AROUND_TODAY = {
    ((TODAY + datetime.timedelta(days=d)).month, (TODAY + datetime.timedelta(days=d)).day) for d in (-1, 0, 1)
}
# Born before 1990, so the birth year cannot be confused with a year the letters print (2009 onwards).
BIRTH_DATES = st.dates(datetime.date(1920, 1, 1), datetime.date(1989, 12, 31)).filter(
    lambda day: (day.month, day.day) not in AROUND_TODAY
)

# Streets no letter's wording or provider address uses.
STREETS = [
    "Acacia Avenue",
    "Quarry Lane",
    "Zetland Road",
    "Kestrel Close",
    "Marmion Grove",
    "Tollgate Terrace",
]
POSTCODES = st.builds(
    lambda area, district, sector, unit: f"{area}{district} {sector}{unit}",
    st.sampled_from(["HU", "YO", "DN", "LS", "SW", "E", "N", "CF"]),
    st.integers(1, 19),
    st.integers(0, 9),
    st.from_regex(r"[ABDEFGHJLNPQRSTUWXYZ]{2}", fullmatch=True),
)

patients = st.builds(
    Patient,
    given=st.sampled_from(GIVEN_NAMES),
    surname=st.one_of(st.sampled_from(SURNAMES), MADE_UP_SURNAMES),
    dob=BIRTH_DATES,
    nhs=NHS_NUMBERS,
    ubrn=st.integers(10**10, 10**12 - 1).map(lambda n: f"{n:012}"),
    hospital_prefix=st.sampled_from(["HX", "RH", "K", "RTH", "A", "MRN"]),
    hospital_digits=st.integers(100_000, 99_999_999).map(str),
    phone=PHONES,
    house=st.integers(1, 250),
    street=st.sampled_from(STREETS),
    postcode=POSTCODES,
)


def grouped(digits: str, sizes: tuple[int, ...], separator: str) -> str:
    """ "9434765919", (3, 3, 4), "-" → "943-476-5919"."""
    parts, start = [], 0
    for size in sizes:
        parts.append(digits[start : start + size])
        start += size
    return separator.join(parts)


SEPARATORS = ["", " ", "-", ".", "  ", " - ", "/", "\u00a0"]


def nhs_spellings(patient: Patient) -> st.SearchStrategy[str]:
    """943 476 5919, 943-476-5919, 9434765919, 943.476.5919, 9434 765 919, NHS no. 94347 65919..."""
    return st.builds(
        lambda sizes, separator, prefix: prefix + grouped(patient.nhs, sizes, separator),
        st.sampled_from([(3, 3, 4), (3, 4, 3), (4, 3, 3), (2, 4, 4), (5, 5), (10,), (1, 2, 3, 4)]),
        st.sampled_from(SEPARATORS),
        st.sampled_from(["", "NHS ", "NHS no. ", "NHS number: ", "nhs#"]),
    )


def ubrn_spellings(patient: Patient) -> st.SearchStrategy[str]:
    """0001 2345 6789, 0001-2345-6789, 000123456789, 000 123 456 789..."""
    return st.builds(
        lambda sizes, separator, prefix: prefix + grouped(patient.ubrn, sizes, separator),
        st.sampled_from([(4, 4, 4), (3, 3, 3, 3), (6, 6), (12,), (2, 5, 5)]),
        st.sampled_from(SEPARATORS),
        st.sampled_from(["", "UBRN ", "e-RS ref "]),
    )


def hospital_spellings(patient: Patient) -> st.SearchStrategy[str]:
    """HX998877, RH 123 4567, k-1234567, MRN 12 345 678..."""
    prefix, digits = patient.hospital_prefix, patient.hospital_digits
    return st.sampled_from(
        [
            f"{prefix}{digits}",
            f"{prefix} {digits}",
            f"{prefix} {digits[:3]} {digits[3:]}",
            f"{prefix}-{digits}",
            f"{prefix.lower()}{digits}",
            f"{prefix} {digits[:2]} {digits[2:5]} {digits[5:]}",
            f"Hosp no {prefix}{digits}",
        ]
    )


def phone_spellings(patient: Patient) -> st.SearchStrategy[str]:
    """07700 900123, 07700-900-123, +44 7700 900123, +44 (0)7700 900123, (01632) 960123..."""
    area, local = patient.phone
    return st.sampled_from(
        [
            f"{area} {local}",
            f"{area}-{local[:3]}-{local[3:]}",
            f"{area}{local}",
            f"+44 {area[1:]} {local}",
            f"+44 (0){area[1:]} {local}",
            f"({area}) {local}",
            f"{area} {local[:3]} {local[3:]}",
            f"tel. {area}.{local}",
        ]
    )


def ordinal(day: int) -> str:
    suffix = "th" if 11 <= day <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


def dob_spellings(patient: Patient) -> st.SearchStrategy[str]:
    """17/04/1951, 17-4-51, 1951-04-17, 17.04.1951, 17 April 1951, 17th Apr 1951, April 17, 1951..."""
    d, m, y = patient.dob.day, patient.dob.month, patient.dob.year
    month = MONTHS[m - 1]
    short = "Sept" if m == 9 else month[:3]
    return st.sampled_from(
        [
            f"{d:02}/{m:02}/{y}",
            f"{d}-{m}-{y % 100:02}",
            f"{y}-{m:02}-{d:02}",
            f"{d:02}.{m:02}.{y}",
            f"{d} {month} {y}",
            f"{ordinal(d)} {short} {y}",
            f"{month} {d}, {y}",
            f"{d}/{m}/{y}",
            f"{d} {month.upper()} {y}",
            f"{ordinal(d)} of {month} {y}",
            f"DOB {d:02}.{m:02}.{y % 100:02}",
            f"{d:02}{m:02}{y}",
            f"{d} {short}. {y}",
            f"born {short} {d} {y}",
        ]
    )


def name_spellings(patient: Patient) -> st.SearchStrategy[str]:
    """The full name, the surname alone, in capitals or lower case, accents stripped, surname first."""
    given, surname, full = patient.given, patient.surname, patient.name
    return st.sampled_from(
        [
            full,
            surname,
            full.upper(),
            full.lower(),
            surname.upper(),
            strip_accents(full),
            strip_accents(surname).upper(),
            f"{surname}, {given}",
            f"{surname.upper()}, {strip_accents(given)}",
            f"Mrs {strip_accents(surname)}",
            f"{given[0]}. {surname}",
            re.sub(r"['’]", "", strip_accents(surname)).upper(),  # OBRIEN-ZYXWV, as hospital systems print
            re.sub(r"['’\s-]", "", strip_accents(surname)),  # OBrienZyxwv
        ]
    )


def address_spellings(patient: Patient) -> st.SearchStrategy[str]:
    """12 Acacia Avenue, 12 Acacia Ave, HU5 2AB, hu52ab, Flat 3, 12 Acacia Avenue, Hull HU5 2AB..."""
    house, street, postcode = patient.house, patient.street, patient.postcode
    short = re.sub(r" Avenue$", " Ave", re.sub(r" Road$", " Rd", street))
    return st.sampled_from(
        [
            f"{house} {street}",
            f"{house} {short}",
            f"{house}b {street}",
            f"Flat 3, {house} {street}",
            f"{house} {street}, Hull {postcode}",
            postcode,
            postcode.lower(),
            postcode.replace(" ", ""),
        ]
    )


def age_spellings(patient: Patient) -> st.SearchStrategy[str]:
    """aged 75, age 75, 75-year-old, 75 years old, 75 yrs old."""
    age = patient.age
    return st.sampled_from(
        [f"aged {age}", f"age {age}", f"{age}-year-old", f"{age} years old", f"{age} yrs old"]
    )


SPELLINGS = {
    "name": name_spellings,
    "date of birth": dob_spellings,
    "NHS number": nhs_spellings,
    "hospital number": hospital_spellings,
    "UBRN": ubrn_spellings,
    "phone number": phone_spellings,
    "address": address_spellings,
    "age": age_spellings,
}
KINDS = tuple(SPELLINGS)
# What people write around an identifier in a box.
WRAPPERS = ["{}", "Re: {}", "{} Surgery", "Dr {}", "patient {} (see notes)", "{}.", "For {}"]


@st.composite
def typed_text(draw, patient: Patient, max_length: int, must: str = "") -> str:
    """One to three of the patient's identifiers (``must`` first), each spelled its own way."""
    others = st.sampled_from([kind for kind in KINDS if kind != must])
    chosen = [must] if must else []
    chosen += draw(st.lists(others, min_size=0 if must else 1, max_size=3 - len(chosen), unique=True))
    parts = [draw(SPELLINGS[kind](patient)) for kind in chosen]
    wrapper = draw(st.sampled_from(WRAPPERS))
    text = wrapper.format(", ".join(parts))
    while len(text) > max_length and len(parts) > 1:
        parts.pop()
        text = wrapper.format(", ".join(parts))
    return text if len(text) <= max_length else parts[0]


# Every free-text box of each form (with its length limit); the workload form's requests are a formset.
COMMON_BOXES = {
    "practice_name": 120,
    "practice_address": 300,
    "recipient_name": 120,
    "recipient_role": 120,
    "recipient_department": 120,
    "signatory_name": 120,
    "signatory_role": 120,
    "reasons_other": 500,
}
DECLINED_BOXES = {
    **COMMON_BOXES,
    "specialty_other": 120,
    "triaging_clinician": 120,
    "advice_summary": 1000,
    "asks_other": 500,
}
WORKLOAD_BOXES = {
    **COMMON_BOXES,
    "request_author": 120,
    "request-0-category_other": 300,
    "request-0-details": 600,
    "request-0-ask": 500,
    "request-1-category_other": 300,  # ignored: the second request's kind is chosen from the list
    "request-1-details": 600,
    "request-1-ask": 500,
}


@st.composite
def typed_boxes(draw, patient: Patient, boxes: dict[str, int], *, organisation_typed: bool) -> dict[str, str]:
    """The patient's identifiers typed into every free-text box (and the practice's phone and email)."""
    typed = {name: draw(typed_text(patient, limit)) for name, limit in boxes.items()}
    typed["practice_address"] = "\n".join(draw(st.lists(typed_text(patient, 90), min_size=1, max_size=3)))
    if organisation_typed:
        typed["recipient_organisation"] = draw(typed_text(patient, 200))
        typed["recipient_provider"] = ""
    # Every kind lands somewhere the real letter prints, so the letter shows the search works.
    typed["practice_phone"] = draw(phone_spellings(patient))
    typed["their_reference"] = draw(typed_text(patient, 60, must="UBRN"))
    typed["hospital_number"] = draw(typed_text(patient, 30, must="hospital number"))
    local = re.sub(r"[^a-z]", "", fold(patient.surname)) or "patient"
    typed["practice_email"] = f"{local}.{patient.nhs}@example.nhs.uk"
    return typed


def patient_answers(patient: Patient) -> dict[str, str]:
    """The patient's own fields, as the form accepts them."""
    return {
        "patient_name": patient.name,
        "patient_dob": patient.dob.isoformat(),
        "nhs_number": grouped(patient.nhs, (3, 3, 4), " "),
    }


# --- Finding identifiers in a file --------------------------------------------------------------------


def day_month(dob: datetime.date) -> re.Pattern:
    """The exact day and month of birth, written in words or numbers, either way round."""
    d, m = dob.day, dob.month
    month = MONTHS[m - 1].lower()
    names = rf"(?:{month}|{month[:3]}|sept)" if m == 9 else rf"(?:{month}|{month[:3]})"
    numeric_sep = r"\s*[./\\\-–]\s*"
    return re.compile(
        rf"(?<!\d)0?{d}(?:st|nd|rd|th)?[\s./\-]*(?:of\s+)?{names}(?![a-z])"
        rf"|(?<![a-z]){names}\.?[\s\-]*0?{d}(?:st|nd|rd|th)?(?!\d)"
        rf"|(?<!\d)0?{d}{numeric_sep}0?{m}(?!\d)"
        rf"|(?<!\d)0?{m}{numeric_sep}0?{d}(?!\d)",
        re.IGNORECASE,
    )


def leaks(text: str, patient: Patient) -> list[str]:
    """Which of the patient's identifiers ``text`` holds, in any spelling."""
    found = []
    digits = digits_only(text)
    for kind, number in (
        ("NHS number", patient.nhs),
        ("UBRN", patient.ubrn),
        ("phone number", patient.phone_digits),
    ):
        if number in digits:
            found.append(f"{kind}: {number}")
    if spaced_digits(patient.hospital_digits).search(text):
        found.append(f"hospital number: {patient.hospital_digits}")
    for word in sorted(patient.name_words & set(WORD.findall(fold(text)))):
        found.append(f"name: {word}")
    if re.search(rf"(?<!\d){patient.dob.year}(?!\d)", text):
        found.append(f"birth year: {patient.dob.year}")
    if match := day_month(patient.dob).search(text):
        found.append(f"birth day and month: {match.group()!r}")
    outward, inward = patient.postcode.split()
    if match := re.search(rf"\b{outward}\s*{inward}\b", text, re.IGNORECASE):
        found.append(f"postcode: {match.group()!r}")
    if match := re.search(
        rf"(?<!\d){patient.house}[a-z]?,?\s+{patient.street.split()[0]}\b", text, re.IGNORECASE
    ):
        found.append(f"address: {match.group()!r}")
    age = rf"(?<!\d){patient.age}\s*-?\s*(?:years?|yrs?|y\.?/?o\.?)(?![a-z])|\baged?\s*{patient.age}(?!\d)"
    if match := re.search(age, text, re.IGNORECASE):
        found.append(f"age: {match.group()!r}")
    return found


def kinds_found(text: str, patient: Patient) -> set[str]:
    """The kinds of identifier ``leaks`` finds, e.g. {"NHS number", "name"}."""
    return {finding.split(":")[0] for finding in leaks(text, patient)}


def docx_everything(data: bytes) -> str:
    """All a reader of the Word file could see: body, tables, headers, footers and document properties."""
    document = docx.Document(io.BytesIO(data))
    parts = [docx_text(data)]
    for section in document.sections:
        for part in (section.header, section.footer, section.first_page_header, section.first_page_footer):
            parts += [paragraph.text for paragraph in part.paragraphs]
    props = document.core_properties
    parts += [props.title, props.subject, props.author, props.keywords, props.comments, props.category]
    parts.append(props.last_modified_by)
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        # The body's raw text too, in case anything sits outside paragraphs python-docx reads.
        xml = package.read("word/document.xml").decode()
    parts.append(re.sub(r"<[^>]+>", " ", xml))
    return "\n".join(part or "" for part in parts)


def pdf_everything(data: bytes) -> str:
    """The text of every page of the PDF and its document information (title, author...)."""
    metadata = pypdf.PdfReader(io.BytesIO(data)).metadata or {}
    return pdf_text(data) + "\n" + "\n".join(str(value) for value in metadata.values())


def download(client, url: str, data: dict, action: str) -> str:
    """Post the form with ``action`` and return the file's readable text (the test fails on a form error)."""
    response = client.post(url, {**data, "action": action})
    assert response.status_code == 200
    if not response.get("Content-Disposition", "").startswith("attachment"):
        form = (WorkloadRejectionForm if url == WORKLOAD_URL else DeclinedReferralForm)(data)
        form.is_valid()
        requests = getattr(form, "requests", None)
        extra = (requests.errors, requests.non_form_errors()) if requests is not None else ()
        raise AssertionError(f"no file for {action}: {form.errors.as_data()} {extra}")
    content = body(response)
    return docx_everything(content) if action.endswith(".docx") else pdf_everything(content)
