"""The published letter wording and option lists, read once per worker per content change.

Editors change these only by saving or publishing in the admin, and every such save starts a new
purge generation (``pagecache.purge``), so they are remembered until then
(``core.remembered.remember``) instead of being queried on every form and letter. A change is used
by the very next request; a draft never is, because only live (published) rows are read.

Only editor-controlled content passes through here: never form data, never a letter.
"""

import datetime
from dataclasses import dataclass
from typing import TypeVar

from wagtail.blocks import StructValue

from core.remembered import remember
from letters.models import LetterTemplate, OptionBase, ServiceCondition

Option = TypeVar("Option", bound=OptionBase)
# A block's value: text, a struct's named texts, or None (the patient details table).
BlockValue = str | dict[str, str] | None


@dataclass(frozen=True)
class WordingBlock:
    """One block of an editor's stream, as plain data (the same two names as Wagtail's StreamChild)."""

    block_type: str
    value: BlockValue


@dataclass(frozen=True)
class Wording:
    """A published ``LetterTemplate`` as plain data: what the letter builders read, and nothing else.

    Plain data because remembered values are pickled, and a StreamField value would carry its whole
    block definition with it.
    """

    kind: str
    title: str
    body: tuple[WordingBlock, ...]
    patient_note: tuple[WordingBlock, ...]
    commissioner_report: tuple[WordingBlock, ...]
    version_label: str
    last_published_at: datetime.datetime | None


def _plain(stream) -> tuple[WordingBlock, ...]:
    return tuple(
        WordingBlock(
            child.block_type, dict(child.value) if isinstance(child.value, StructValue) else child.value
        )
        for child in stream or ()
    )


def _load_wording(kind: str) -> Wording | None:
    template = LetterTemplate.objects.published().filter(kind=kind).first()
    if template is None:
        return None
    return Wording(
        kind=template.kind,
        title=template.title,
        body=_plain(template.body),
        patient_note=_plain(template.patient_note),
        commissioner_report=_plain(template.commissioner_report),
        version_label=template.version_label,  # counts revisions: once per change, not per letter
        last_published_at=template.last_published_at,
    )


def published_wording(kind: str) -> Wording | None:
    """The published wording of one letter type, or None when it has none."""
    return remember(f"letters:wording:{kind}", lambda: _load_wording(kind))


def published_options(model: type[Option], **where: str) -> list[Option]:
    """The published entries of an option list (filtered by ``where``), in the editors' order.

    Each caller gets its own copies of the model instances.
    """
    condition = ",".join(f"{name}={value}" for name, value in sorted(where.items()))
    key = f"letters:options:{model._meta.label_lower}:{condition}"
    return remember(
        key, lambda: list(model.objects.published().filter(**where).select_related(*model.published_related))
    )


def published_service_conditions() -> list[ServiceCondition]:
    """The Service Conditions letters may cite, with their titles and checked editions."""
    return remember("letters:service-conditions", lambda: list(ServiceCondition.objects.all()))
