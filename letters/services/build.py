"""Turn ``LetterFacts`` and the published wording into ``LetterContent``.

Four versions come from the same answers: the letter; a copy without patient details (for the LMC or
ICB); a short note for the patient; and a report to the ICB (the commissioner), also without patient
details. A blank letter comes from the wording alone.
"""

import datetime
import enum
from collections.abc import Iterable, Mapping

from letters.blocks import Condition, OptionList
from letters.content import (
    Answers,
    Block,
    BulletList,
    Checklist,
    Choice,
    Heading,
    LetterContent,
    LetterFacts,
    Paragraph,
    RequestFacts,
    Signature,
    Subject,
    long_date,
    month_date,
)
from letters.models import LetterTemplate, OptionBase, RequestCategory
from letters.placeholders import fill, placeholders_for, service_condition_placeholder
from letters.services.facts import as_sentence
from letters.services.published import Wording, published_service_conditions, published_wording

# The builders read only kind, title, the streams, version_label and last_published_at: the
# remembered published ``Wording``, or a ``LetterTemplate`` itself (e.g. one not saved yet).
LetterWording = Wording | LetterTemplate


class Variant(enum.StrEnum):
    LETTER = "letter"
    ANONYMISED = "anonymised"
    PATIENT_NOTE = "patient-note"
    ICB_REPORT = "icb-report"


# What each variant is called in its title, and the stream of wording it uses.
VARIANT_TITLES = {
    Variant.LETTER: "",
    Variant.ANONYMISED: "copy without patient details",
    Variant.ICB_REPORT: "report to the ICB",
}
VARIANT_STREAMS = {
    Variant.LETTER: "body",
    Variant.ANONYMISED: "body",
    Variant.PATIENT_NOTE: "patient_note",
    Variant.ICB_REPORT: "commissioner_report",
}
COPY_HEADING = "COPY WITHOUT PATIENT DETAILS, FOR THE LMC OR ICB"
COPY_NOTICE = (
    "This copy leaves out the patient's name, date of birth, NHS number, hospital number and e-RS "
    "reference, the details typed about the patient and the request, and dates more exact than the month."
)


class WordingUnavailable(Exception):
    """No published wording for this letter (or the version asked for) yet."""


def published_template(*, kind: str) -> Wording:
    """The published wording for a letter type; ``WordingUnavailable`` if there is none."""
    wording = published_wording(kind)
    if wording is None:
        raise WordingUnavailable(kind)
    return wording


# The note is read by the patient: its title and footer never call their care a "rejection".
PATIENT_NOTE_TITLE = "A note from your GP practice"


def _footer(*, template: LetterWording, issuer: str, variant: Variant = Variant.LETTER) -> str:
    published = long_date(template.last_published_at.date()) if template.last_published_at else "not yet"
    what = "note for patients" if variant is Variant.PATIENT_NOTE else f"letter: {template.title}"
    return f"{issuer} template {what}, {template.version_label}, published {published}."


def _title(template: LetterWording, variant: Variant) -> str:
    if variant is Variant.PATIENT_NOTE:
        return PATIENT_NOTE_TITLE
    suffix = VARIANT_TITLES[variant]
    return f"{template.title}: {suffix}" if suffix else template.title


def as_item(phrase: str) -> str:
    """A phrase written to sit inside a sentence, as a bulleted item: capital letter, full stop."""
    phrase = phrase.strip()
    if not phrase:
        return phrase
    return as_sentence(phrase[0].upper() + phrase[1:])


def _request_blocks(
    value: Mapping[str, str], requests: tuple[RequestFacts, ...], values: Mapping[str, str]
) -> list[Block]:
    """Each request as a short paragraph: what was asked, details, why it is the provider's, the ask."""
    blocks: list[Block] = []
    numbered = len(requests) > 1
    for number, request in enumerate(requests, start=1):
        if numbered:
            # The one that needs prompt action is marked, so the reader knows which the time-critical
            # line means.
            urgent = " (time-critical)" if request.time_critical and not request.done_once else ""
            blocks.append(Heading(f"{number}. {request.label}{urgent}"))
        asked = fill(value["asked"], {**values, "request": request.phrase})
        blocks.append(Paragraph(" ".join(part for part in (asked, request.details) if part)))
        # Work done once has its own ask (the done-once sentence): the usual one would repeat it.
        ask = request.ask if value.get("show_asks", True) and not request.done_once else ""
        reply = " ".join(part for part in (request.basis, ask) if part)
        if reply:
            blocks.append(Paragraph(reply))
        if request.done_once:
            blocks.append(Paragraph(fill(value["done_once"], values)))
    return blocks


def _patient_advice(requests: tuple[RequestFacts, ...]) -> tuple[str, ...]:
    """What each returned request means for the patient, once per piece of advice.

    With several requests the advice ("keep taking this medicine", "if your medicine runs out…")
    could be read against the wrong one, so each is introduced by the practice's own details of its
    request ("Apixaban 5 mg: 3 days' supply given.").
    """
    several = len(requests) > 1
    items = (
        " ".join(part for part in (r.details if several else "", r.patient_advice) if part)
        for r in requests
        if r.patient_advice
    )
    return tuple(dict.fromkeys(items))


def _body(stream, *, answers: Answers, signature_lines: tuple[str, ...]) -> list[Block]:
    """Letter blocks from the editors' stream, with placeholders filled and conditions applied."""
    values = answers.values
    lists = {
        OptionList.REASONS: tuple(as_item(item) for item in answers.reasons),
        OptionList.ASKS: tuple(as_item(item) for item in answers.asks),
        # Work the practice did once has its own advice (``RequestFacts.patient_advice``).
        OptionList.PATIENT_ADVICE: _patient_advice(answers.requests),
    }
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
                if value["condition"] in answers.conditions:
                    text = fill(value["text"], values)
                    blocks.append(Heading(text) if value.get("bold") else Paragraph(text))
            case "patient_details":
                if answers.subject_lines:
                    blocks.append(Subject(answers.subject_lines))
            case "requests":
                blocks += _request_blocks(value, answers.requests, values)
            case "signature":
                blocks.append(Signature(value["closing"], signature_lines))
    return blocks


def build_letter(
    *, facts: LetterFacts, template: LetterWording, issuer: str, variant: Variant = Variant.LETTER
) -> LetterContent:
    """The letter, its copy without patient details, the patient's note or the report to the ICB."""
    stream = getattr(template, VARIANT_STREAMS[variant])
    if not stream:
        raise WordingUnavailable(f"{facts.kind} {variant.value}")
    copy = variant in (Variant.ANONYMISED, Variant.ICB_REPORT)
    answers = facts.without_identifiers if copy else facts.full
    values = answers.values
    recipient = answers.recipient_lines
    if variant is Variant.PATIENT_NOTE:
        recipient = (values["patient_name"],)
    elif variant is Variant.ICB_REPORT:
        recipient = (values["icb_name"],)
    signature_lines = _lines(values["signatory_name"], values["signatory_role"], values["practice_name"])
    blocks = _body(stream, answers=answers, signature_lines=signature_lines)
    if variant is Variant.ANONYMISED:
        blocks[:0] = [Heading(COPY_HEADING), Paragraph(COPY_NOTICE)]
    return LetterContent(
        title=_title(template, variant),
        file_stem=file_stem(kind=facts.kind, on=facts.letter_date, variant=variant),
        letterhead=answers.practice_lines,
        date_line=month_date(facts.letter_date) if copy else long_date(facts.letter_date),
        recipient=recipient,
        blocks=tuple(blocks),
        footer=_footer(template=template, issuer=issuer, variant=variant),
        references=() if variant is Variant.PATIENT_NOTE else answers.references,
        copies=answers.copies if variant in (Variant.LETTER, Variant.ANONYMISED) else (),
        running_header="Report to the ICB" if variant is Variant.ICB_REPORT else answers.running_header,
        headed_paper=answers.headed_paper,
        logo=answers.logo,
    )


def _lines(*lines: str) -> tuple[str, ...]:
    return tuple(line for line in lines if line)


def file_stem(*, kind: str, on: datetime.date, variant: Variant = Variant.LETTER) -> str:
    """A generic file name without extension, never naming the patient: "workload-rejection-2026-06-03".

    The copies without patient details carry the month only, like the copies themselves.
    """
    suffix = "" if variant is Variant.LETTER else f"-{variant.value}"
    exact = variant in (Variant.LETTER, Variant.PATIENT_NOTE)
    return f"{kind.replace('_', '-')}-{on.isoformat() if exact else on.strftime('%Y-%m')}{suffix}"


def _category_line(category: RequestCategory, *, on: datetime.date) -> str:
    basis = fill(category.basis, {"service_condition": category.citation(on=on)})
    return " ".join(part for part in (f"{category.label}:", basis, category.ask) if part)


BLANK_RUNNING_HEADER = "[Patient's name], NHS number [NHS number]"
BLANK_SUBJECT = ("Re: [patient's name], date of birth [date of birth]", "NHS number [NHS number]")
BLANK_REQUESTS = (
    "[For each request: what you were asked to do, why it belongs with the provider, and what you ask. "
    "The wording for each kind of request is listed at the end of this document.]"
)


def build_blank_letter(
    *,
    template: LetterWording,
    issuer: str,
    on: datetime.date,
    reasons: Iterable[OptionBase],
    asks: Iterable[OptionBase] = (),
    categories: Iterable[RequestCategory] = (),
) -> LetterContent:
    """The published wording with gaps to fill by hand and every choice listed, for practices using Word."""
    values = {name: f"[{description}]" for name, description in placeholders_for(template.kind).items()}
    values |= {
        service_condition_placeholder(condition.number): condition.citation(on=on)
        for condition in published_service_conditions()
    }
    condition_labels = dict(Condition.CHOICES)
    answers = Answers(
        values=values,
        practice_lines=(),
        recipient_lines=(),
        subject_lines=BLANK_SUBJECT,
    )
    ticked = {
        OptionList.REASONS: tuple(as_item(fill(option.letter_phrase, values)) for option in reasons),
        OptionList.ASKS: tuple(as_item(fill(option.letter_phrase, values)) for option in asks),
    }
    categories = list(categories)
    blocks: list[Block] = []
    for child in template.body:
        if child.block_type == "conditional_paragraph":
            # Every optional paragraph is shown with a box to tick when it applies.
            label = condition_labels.get(child.value["condition"], child.value["condition"])
            when = label[0].lower() + label[1:]
            # The wording first, then what to delete once decided, in brackets as template notes are.
            blocks.append(Checklist("", (f"{fill(child.value['text'], values)} [Delete unless: {when}.]",)))
        elif child.block_type == "option_list" and child.value["options"] in ticked:
            blocks.append(Checklist(fill(child.value["intro"], values), ticked[child.value["options"]]))
        elif child.block_type == "requests":
            if categories:
                labels = tuple(category.label for category in categories)
                blocks.append(Choice("Kind of request:", "Choose the kind of request", labels))
            blocks.append(Paragraph(BLANK_REQUESTS))
        else:
            blocks += _body(
                [child], answers=answers, signature_lines=("[Your name]", "[Your role]", "[Practice name]")
            )
    if categories:
        blocks.append(
            BulletList(
                "Kinds of request, why each belongs with the provider and what to ask:",
                tuple(_category_line(category, on=on) for category in categories),
            )
        )
    return LetterContent(
        title=f"{template.title} (blank)",
        file_stem=f"{template.kind.replace('_', '-')}-blank",
        letterhead=("[Practice name]", "[Practice address]", "[Phone]", "[Email]"),
        date_line="[Date]",
        recipient=("[Recipient's name and role]", "[Department]", "[Organisation and address]"),
        blocks=tuple(blocks),
        footer=_footer(template=template, issuer=issuer),
        running_header=BLANK_RUNNING_HEADER,
    )
