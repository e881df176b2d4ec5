"""Turn validated answers and the published wording into ``LetterContent``.

Three versions come from the same answers: the letter, a copy with every patient identifier removed
(for the LMC or ICB) and a short note for the patient. A blank letter comes from the wording alone.
"""

import datetime
import enum
import re
from collections.abc import Iterable, Mapping

from letters.blocks import Condition, OptionList
from letters.content import (
    Block,
    BulletList,
    DetailsTable,
    Heading,
    LetterContent,
    LetterFacts,
    Paragraph,
    Signature,
    long_date,
)
from letters.models import LetterTemplate, RequestCategory
from letters.placeholders import fill, placeholders_for
from letters.services.published import Wording, published_wording

REMOVED = "[removed]"

# The builders read only kind, title, body, patient_note, version_label and last_published_at: the
# remembered published ``Wording``, or a ``LetterTemplate`` itself (e.g. one not saved yet).
LetterWording = Wording | LetterTemplate


class Variant(enum.StrEnum):
    LETTER = "letter"
    ANONYMISED = "anonymised"
    PATIENT_NOTE = "patient-note"


class WordingUnavailable(Exception):
    """No published wording for this letter (or its patient note) yet."""


def published_template(*, kind: str) -> Wording:
    """The published wording for a letter type; ``WordingUnavailable`` if there is none."""
    wording = published_wording(kind)
    if wording is None:
        raise WordingUnavailable(kind)
    return wording


def _footer(*, template: LetterWording, issuer: str) -> str:
    published = long_date(template.last_published_at.date()) if template.last_published_at else "not yet"
    return f"{issuer} template letter: {template.title}, {template.version_label}, published {published}."


def _scrub(text: str, identifiers: Iterable[str]) -> str:
    """Replace each identifier, as a whole word in any case, with "[removed]"."""
    # Longest first, so a full name goes before any shorter identifier inside it.
    for identifier in sorted(identifiers, key=len, reverse=True):
        text = re.sub(rf"(?<!\w){re.escape(identifier)}(?!\w)", REMOVED, text, flags=re.IGNORECASE)
    return text


def _body(
    stream,
    *,
    values: Mapping[str, str],
    lists: Mapping[str, tuple[str, ...]],
    conditions: frozenset[str],
    patient_rows: tuple[tuple[str, str], ...],
    signature_lines: tuple[str, ...],
) -> list[Block]:
    """Letter blocks from the editors' stream, with placeholders filled and conditions applied."""
    blocks: list[Block] = []
    for child in stream:
        value = child.value
        match child.block_type:
            case "heading":
                blocks.append(Heading(fill(value, values)))
            case "paragraph":
                blocks.append(Paragraph(fill(value, values)))
            case "option_list":
                items = lists.get(value["options"], ())
                if items:
                    blocks.append(BulletList(fill(value["intro"], values), items))
            case "conditional_paragraph":
                if value["condition"] in conditions:
                    blocks.append(Paragraph(fill(value["text"], values)))
            case "patient_details":
                if patient_rows:
                    blocks.append(DetailsTable("Patient", patient_rows))
            case "signature":
                blocks.append(Signature(value["closing"], signature_lines))
    return blocks


def build_letter(
    *, facts: LetterFacts, template: LetterWording, issuer: str, variant: Variant = Variant.LETTER
) -> LetterContent:
    """The finished letter (or its anonymised copy, or the patient's note) as ``LetterContent``."""
    values = dict(facts.values)
    patient_rows = facts.patient_rows
    reasons, asks = facts.reasons, facts.asks
    recipient = facts.recipient_lines
    stream = template.body
    title = template.title
    if variant is Variant.ANONYMISED:
        values = {name: _scrub(value, facts.identifiers) for name, value in values.items()}
        patient_rows = tuple((label, REMOVED) for label, _ in patient_rows)
        reasons = tuple(_scrub(item, facts.identifiers) for item in reasons)
        asks = tuple(_scrub(item, facts.identifiers) for item in asks)
        title = f"{title}: copy without patient identifiers"
    elif variant is Variant.PATIENT_NOTE:
        if not template.patient_note:
            raise WordingUnavailable(f"{facts.kind} patient note")
        stream = template.patient_note
        recipient = (values["patient_name"],)
        patient_rows = ()
        title = f"{title}: note for the patient"
    blocks = _body(
        stream,
        values=values,
        lists={OptionList.REASONS: reasons, OptionList.ASKS: asks},
        conditions=facts.conditions,
        patient_rows=patient_rows,
        signature_lines=(values["signatory_name"], values["signatory_role"], values["practice_name"]),
    )
    if variant is Variant.ANONYMISED:
        blocks.insert(0, Heading("Copy for the LMC or ICB: patient identifiers have been removed."))
    return LetterContent(
        title=title,
        file_stem=file_stem(kind=facts.kind, on=facts.letter_date, variant=variant),
        letterhead=facts.practice_lines,
        date_line=long_date(facts.letter_date),
        recipient=recipient,
        blocks=tuple(blocks),
        footer=_footer(template=template, issuer=issuer),
    )


def file_stem(*, kind: str, on: datetime.date, variant: Variant = Variant.LETTER) -> str:
    """A generic file name without extension, never naming the patient: "workload-rejection-2026-06-03"."""
    suffix = "" if variant is Variant.LETTER else f"-{variant.value}"
    return f"{kind.replace('_', '-')}-{on.isoformat()}{suffix}"


def _category_line(category: RequestCategory) -> str:
    edition = f" ({category.contract_edition})" if category.contract_edition else ""
    basis = category.contract_basis or "no contract clause"
    return f"{category.label}: {basis}{edition}. Ask: {category.ask or '[describe]'}"


def build_blank_letter(
    *,
    template: LetterWording,
    issuer: str,
    reasons: tuple[str, ...],
    asks: tuple[str, ...],
    categories: Iterable[RequestCategory] = (),
) -> LetterContent:
    """The published wording with gaps to fill by hand and every choice listed, for practices using Word."""
    values = {name: f"[{description}]" for name, description in placeholders_for(template.kind).items()}
    condition_labels = dict(Condition.CHOICES)
    blank_template_stream = []
    for child in template.body:
        if child.block_type == "conditional_paragraph":
            # Every optional paragraph is shown, marked with when to keep it.
            label = condition_labels.get(child.value["condition"], child.value["condition"])
            blank_template_stream.append(
                Paragraph(f"[Keep only if: {label}] {fill(child.value['text'], values)}")
            )
            continue
        blank_template_stream += _body(
            [child],
            values=values,
            lists={
                OptionList.REASONS: tuple(f"☐ {label}" for label in reasons),
                OptionList.ASKS: tuple(f"☐ {label}" for label in asks),
            },
            conditions=frozenset(),
            patient_rows=tuple(
                (label, "") for label in ("Name", "Date of birth", "NHS number", "Hospital number")
            ),
            signature_lines=("[Your name]", "[Your role]", "[Practice name]"),
        )
    category_items = tuple(f"☐ {_category_line(category)}" for category in categories)
    if category_items:
        blank_template_stream.append(
            BulletList(
                "Kinds of request, with their contract basis and what to ask for (choose one):",
                category_items,
            )
        )
    return LetterContent(
        title=f"{template.title} (blank)",
        file_stem=f"{template.kind.replace('_', '-')}-blank",
        letterhead=("[Practice name]", "[Practice address]", "[Phone]", "[Email]"),
        date_line="[Date]",
        recipient=("[Recipient's name and role]", "[Department]", "[Organisation and address]"),
        blocks=tuple(blank_template_stream),
        footer=_footer(template=template, issuer=issuer),
    )
