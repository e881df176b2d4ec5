"""What a letter says, as plain frozen data: the one input every renderer takes.

Built by ``letters.services.build`` from ``LetterFacts`` and the published wording; rendered by
``render_html``, ``render_docx`` and ``render_pdf``, so the preview and the files say the same thing.
"""

import base64
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import ClassVar


@dataclass(frozen=True)
class Heading:
    """A line in bold: a subject line, "URGENT", or the title of one request among several."""

    kind: ClassVar[str] = "heading"
    text: str


@dataclass(frozen=True)
class Paragraph:
    kind: ClassVar[str] = "paragraph"
    text: str


@dataclass(frozen=True)
class BulletList:
    kind: ClassVar[str] = "bullets"
    intro: str
    items: tuple[str, ...]


@dataclass(frozen=True)
class Subject:
    """The bold "Re:" lines after the greeting, naming the patient (UK letter convention)."""

    kind: ClassVar[str] = "subject"
    lines: tuple[str, ...]


@dataclass(frozen=True)
class Signature:
    kind: ClassVar[str] = "signature"
    closing: str
    lines: tuple[str, ...]


@dataclass(frozen=True)
class Checklist:
    """Options to tick by hand in a blank letter: Word checkboxes (content controls)."""

    kind: ClassVar[str] = "checklist"
    intro: str
    items: tuple[str, ...]


@dataclass(frozen=True)
class Choice:
    """One option to choose in a blank letter: a Word dropdown list (a content control)."""

    kind: ClassVar[str] = "choice"
    intro: str
    prompt: str
    options: tuple[str, ...]


Block = Heading | Paragraph | BulletList | Subject | Signature | Checklist | Choice


@dataclass(frozen=True)
class LetterContent:
    """A finished letter: letterhead, references, date, recipient, body, copies, and a footer."""

    title: str
    file_stem: str
    letterhead: tuple[str, ...]
    date_line: str
    recipient: tuple[str, ...]
    blocks: tuple[Block, ...]
    footer: str
    references: tuple[str, ...] = ()  # "Your reference: …" above the date
    copies: tuple[str, ...] = ()  # the cc block after the signature
    running_header: str = ""  # repeated at the top of pages after the first: whose letter this is
    headed_paper: bool = False  # printed on the practice's own headed paper: room left at the top
    logo: bytes = b""  # the practice's logo for the letterhead, as PNG (letters.logo); never stored

    @property
    def logo_data_uri(self) -> str:
        """The logo for an ``<img src>`` in the preview and the PDF (nothing is fetched or stored)."""
        return "data:image/png;base64," + base64.b64encode(self.logo).decode("ascii") if self.logo else ""


@dataclass(frozen=True)
class RequestFacts:
    """One request a workload letter returns, with the published category's wording filled in."""

    label: str
    phrase: str
    details: str
    basis: str
    ask: str
    patient_advice: str
    done_once: bool
    time_critical: bool


@dataclass(frozen=True)
class Answers:
    """What the form's answers put into one version of a letter, ready to fill in the wording."""

    values: Mapping[str, str]
    practice_lines: tuple[str, ...]
    recipient_lines: tuple[str, ...]
    subject_lines: tuple[str, ...]
    running_header: str = ""
    headed_paper: bool = False
    logo: bytes = b""  # the practice's letterhead logo (PNG), on the letter and the patient's note only
    references: tuple[str, ...] = ()
    copies: tuple[str, ...] = ()
    reasons: tuple[str, ...] = ()
    asks: tuple[str, ...] = ()
    requests: tuple[RequestFacts, ...] = ()
    conditions: frozenset[str] = field(default_factory=frozenset)


@dataclass(frozen=True)
class LetterFacts:
    """Validated answers from a letter form. Held in memory only, never stored.

    ``full`` fills the letter and the note for the patient. ``without_identifiers`` fills the copy
    for the LMC and the report to the ICB: no patient identifier, nothing typed in a free-text box,
    dates to the month only, and any kept practice or organisation name checked for identifiers.
    """

    kind: str
    letter_date: date
    full: Answers
    without_identifiers: Answers


def long_date(value: date) -> str:
    """A date as written in letters: "3 June 2026"."""
    return f"{value.day} {value:%B %Y}"


def month_date(value: date) -> str:
    """A date to the month only, for copies without identifiers: "June 2026"."""
    return f"{value:%B %Y}"
