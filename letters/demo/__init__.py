"""Demo content for the letters: wording, option lists and the Service Conditions they cite.

``load`` is idempotent: existing entries (matched by label, by number for Service Conditions, by
letter type for the wording) are left alone, so LMC staff's edits survive a re-run. With
``refresh=True`` (``manage.py refresh_letter_wording``) the demo values are published over existing
entries as new revisions, which editors can roll back in the admin's history. Service Conditions are
only ever created, never changed: their titles and checked editions are the LMC's own check.
"""

from letters.demo.options import (
    ASKS,
    CATEGORIES,
    DECLINED_REASONS,
    OTHER,
    PROVIDERS,
    RENAMED_PROVIDERS,
    SERVICE_CONDITIONS,
    SPECIALTIES,
    WORKLOAD_REASONS,
)
from letters.demo.wording import TEMPLATES
from letters.models import Ask, LetterTemplate, Provider, Reason, RequestCategory, ServiceCondition, Specialty
from letters.placeholders import LetterKind

__all__ = [
    "ASKS",
    "CATEGORIES",
    "DECLINED_REASONS",
    "OTHER",
    "PROVIDERS",
    "SERVICE_CONDITIONS",
    "SPECIALTIES",
    "TEMPLATES",
    "WORKLOAD_REASONS",
    "load",
]


def _publish(model, lookup: dict, values: dict, *, refresh: bool) -> bool:
    """Create and publish an entry unless one matching ``lookup`` exists (then, with ``refresh``,
    publish ``values`` over it as a new revision). True when something changed."""
    existing = model.objects.filter(**lookup).first()
    if existing is not None and not refresh:
        return False
    obj = existing or model(**lookup)
    if existing is not None and all(getattr(obj, name) == value for name, value in values.items()):
        return False
    for name, value in values.items():
        setattr(obj, name, value)
    if existing is None and hasattr(obj, "sort_order"):
        obj.sort_order = model.objects.count()  # new entries go to the end of the editors' order
    obj.save()
    obj.save_revision().publish()
    return True


def _rename_placeholder_providers() -> int:
    """Give providers still carrying a shipped placeholder label ("… (edit me)") their demo name, as a
    new published revision; an LMC's own providers are never touched. Returns how many changed."""
    changed = 0
    demo_values = {label: (address, group) for label, address, group in PROVIDERS}
    for old_label, new_label in RENAMED_PROVIDERS.items():
        for provider in Provider.objects.filter(label=old_label):
            if Provider.objects.filter(label=new_label).exists():
                break  # the demo entry is already there: leave the old one for the LMC to delete
            provider.label = new_label
            provider.address, provider.source_group = demo_values[new_label]
            provider.save()
            provider.save_revision().publish()
            changed += 1
    return changed


def _service_conditions() -> dict[int, ServiceCondition]:
    """The Service Conditions the demo cites, created if missing. Existing ones are never changed,
    not even by a refresh: their titles and checked editions are the LMC's own yearly check."""
    return {
        number: ServiceCondition.objects.get_or_create(
            number=number, defaults={"title": title, "checked_against": checked}
        )[0]
        for number, title, checked in SERVICE_CONDITIONS
    }


def load(stdout, *, refresh: bool = False) -> None:
    """Seed the letter wording and option lists (a second run changes nothing unless ``refresh``)."""
    changed = 0
    conditions = _service_conditions()
    for label, phrase in SPECIALTIES:
        changed += _publish(
            Specialty, {"label": label}, {"phrase": phrase, "asks_for_text": label == OTHER}, refresh=refresh
        )
    changed += _rename_placeholder_providers()
    for label, address, group in PROVIDERS:
        changed += _publish(
            Provider, {"label": label}, {"address": address, "source_group": group}, refresh=refresh
        )
    for category in CATEGORIES:
        values = {
            "phrase": category.phrase,
            "service_condition": conditions.get(category.service_condition),
            "basis": category.basis,
            "ask": category.ask,
            "patient_advice": category.patient_advice,
            "patient_advice_done_once": category.patient_advice_done_once,
            "time_critical": category.time_critical,
            "asks_for_text": category.label == OTHER,
        }
        changed += _publish(
            RequestCategory,
            {"label": category.label, "source_group": category.group},
            values,
            refresh=refresh,
        )
    for kind, options in (
        (LetterKind.DECLINED_REFERRAL, DECLINED_REASONS),
        (LetterKind.WORKLOAD_REJECTION, WORKLOAD_REASONS),
    ):
        for label, phrase, *group in options:
            changed += _publish(
                Reason,
                {"label": label, "letter_kind": kind},
                {
                    "phrase": phrase,
                    "source_group": group[0] if group else "",
                    "asks_for_text": label == OTHER,
                },
                refresh=refresh,
            )
    for label, phrase in ASKS:
        changed += _publish(
            Ask, {"label": label}, {"phrase": phrase, "asks_for_text": label == OTHER}, refresh=refresh
        )
    for kind, title, body, note, report in TEMPLATES:
        existing = LetterTemplate.objects.filter(kind=kind).first()
        if existing is not None and not refresh:
            continue
        template = existing or LetterTemplate(kind=kind)
        template.title, template.body, template.patient_note, template.commissioner_report = (
            title,
            body,
            note,
            report,
        )
        template.save()
        template.save_revision().publish()
        changed += 1
    stdout.write(f"Letters: {changed} wording and option entries created or updated.")
