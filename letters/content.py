"""What a letter says, as plain frozen data: the one input every renderer takes.

Built by ``letters.services.build`` from validated form data and the published wording; rendered
by ``render_html``, ``render_docx`` and ``render_pdf``, so the preview and the files say the same thing.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import ClassVar


@dataclass(frozen=True)
class Heading:
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
class DetailsTable:
    kind: ClassVar[str] = "table"
    caption: str
    rows: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Signature:
    kind: ClassVar[str] = "signature"
    closing: str
    lines: tuple[str, ...]


Block = Heading | Paragraph | BulletList | DetailsTable | Signature


@dataclass(frozen=True)
class LetterContent:
    """A finished letter: letterhead, date, recipient, body blocks and a footer naming the version."""

    title: str
    file_stem: str
    letterhead: tuple[str, ...]
    date_line: str
    recipient: tuple[str, ...]
    blocks: tuple[Block, ...]
    footer: str


@dataclass(frozen=True)
class LetterFacts:
    """Validated answers from a letter form, ready to fill in the wording. Held in memory only."""

    kind: str
    letter_date: date
    values: Mapping[str, str]
    practice_lines: tuple[str, ...]
    recipient_lines: tuple[str, ...]
    patient_rows: tuple[tuple[str, str], ...]
    reasons: tuple[str, ...] = ()
    asks: tuple[str, ...] = ()
    conditions: frozenset[str] = field(default_factory=frozenset)
    # Every patient identifier as typed and as printed, for the copy without identifiers.
    identifiers: tuple[str, ...] = ()


def long_date(value: date) -> str:
    """A date as written in letters: "3 June 2026"."""
    return f"{value.day} {value:%B %Y}"
