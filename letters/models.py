"""Letter wording and option lists, edited by LMC staff as Wagtail snippets.

Only published versions are used: with ``DraftStateMixin`` the database row holds the published
content (a saved draft lives only in a revision), so the generators read rows with ``live=True``.
Nothing in this module ever holds patient data.
"""

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import DraftStateMixin, LockableMixin, Orderable, RevisionMixin

from letters.blocks import LetterBodyBlock
from letters.contract import is_out_of_date, service_condition_citation, validate_edition
from letters.placeholders import PLACEHOLDER, LetterKind, placeholder_errors, service_condition_placeholder
from letters.validation import validate_editor_text

SERVICE_CONDITION_PLACEHOLDER = "{service_condition}"


class SourceGroup(models.TextChoices):
    """Which workload categories a source of work is offered: NHS and private care stay separate."""

    NHS = "nhs", "NHS providers"
    PRIVATE = "private", "Private providers"


class PublishedQuerySet(models.QuerySet):
    def published(self) -> "PublishedQuerySet":
        """Options and wording that are live (published), in the editors' order."""
        return self.filter(live=True)


class OptionBase(DraftStateMixin, RevisionMixin, Orderable):
    """An editable, orderable entry in one of the letters' option lists.

    ``label`` is what the dropdown or checkbox shows; ``phrase`` is written to sit inside a sentence
    of the letter ("they need an examination that cannot be done remotely"), so the letter reads as
    prose rather than a list of form labels.
    """

    label = models.CharField(max_length=255, validators=[validate_editor_text])
    phrase = models.CharField(
        "phrase in the letter",
        max_length=500,
        blank=True,
        validators=[validate_editor_text],
        help_text="Written to sit inside a sentence of the letter, starting in lower case. "
        "Leave blank to use the label as it is.",
    )
    asks_for_text = models.BooleanField(
        default=False,
        help_text='Tick for an "Other" entry: the form then asks the user to describe it.',
    )

    objects = PublishedQuerySet.as_manager()

    # The letter whose placeholders a phrase may use (None: only the placeholders every letter has).
    phrase_letter_kind: str | None = None
    # Related rows the letters read, fetched with the published list in the same query.
    published_related: tuple[str, ...] = ()

    class Meta(Orderable.Meta):
        abstract = True

    def __str__(self) -> str:
        return self.label

    @property
    def letter_phrase(self) -> str:
        """The words the letter prints for this option."""
        return self.phrase or self.label

    def clean(self) -> None:
        super().clean()
        kind = getattr(self, "letter_kind", None) or self.phrase_letter_kind
        errors = placeholder_errors(kind=kind or "", texts=[self.phrase or ""], extra=citation_placeholders())
        if errors:
            raise ValidationError({"phrase": errors})


class Specialty(OptionBase):
    """A hospital specialty a referral can be made to."""

    panels = [FieldPanel("label"), FieldPanel("phrase")]

    class Meta(OptionBase.Meta):
        verbose_name_plural = "specialties"


class Provider(OptionBase):
    """A provider letters are sent to, with the address printed on the letter."""

    label = models.CharField("name", max_length=255, validators=[validate_editor_text])
    address = models.TextField(
        blank=True, validators=[validate_editor_text], help_text="One line per line of the address."
    )
    source_group = models.CharField(max_length=10, choices=SourceGroup.choices, default=SourceGroup.NHS)

    panels = [FieldPanel("label"), FieldPanel("address"), FieldPanel("source_group")]


class ServiceCondition(models.Model):
    """A Service Condition of the NHS Standard Contract that letters cite, with its title.

    The title is printed only while it was checked against the edition in force (editions run 1 April
    to 31 March); otherwise letters cite the number alone, and the dashboard asks the LMC to check.
    """

    number = models.PositiveSmallIntegerField(unique=True)
    title = models.CharField(max_length=255, validators=[validate_editor_text])
    checked_against = models.CharField(
        "title checked against edition",
        max_length=7,
        blank=True,
        validators=[validate_edition],
        help_text='The contract edition you checked the title in, e.g. "2026/27".',
    )

    panels = [FieldPanel("number"), FieldPanel("title"), FieldPanel("checked_against")]

    class Meta:
        ordering = ["number"]
        verbose_name = "contract Service Condition"

    def __str__(self) -> str:
        return f"SC{self.number} {self.title}"

    def out_of_date(self, *, on: datetime.date) -> bool:
        """True when the title was not checked against the edition in force on ``on``."""
        return is_out_of_date(self.checked_against, on=on)

    def citation(
        self, *, on: datetime.date, sub_clause: str = "", sub_clause_checked_against: str = ""
    ) -> str:
        """How a letter dated ``on`` cites this Service Condition (``letters.contract``)."""
        return service_condition_citation(
            number=self.number,
            title=self.title,
            title_checked_against=self.checked_against,
            sub_clause=sub_clause,
            sub_clause_checked_against=sub_clause_checked_against,
            on=on,
        )


class RequestCategory(OptionBase):
    """A kind of request a practice returns, with why it belongs with the provider and what to ask.

    The contract reference is data: a Service Condition cited by number and title, and a sub-clause
    only with the edition the LMC checked it against (``letters.contract``). Guidance is cited as
    guidance, in the basis sentence itself.
    """

    phrase_letter_kind = LetterKind.WORKLOAD_REJECTION
    published_related = ("service_condition",)

    source_group = models.CharField(max_length=10, choices=SourceGroup.choices, default=SourceGroup.NHS)
    service_condition = models.ForeignKey(
        ServiceCondition,
        verbose_name="NHS Standard Contract Service Condition",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Cited by number and title. Leave blank when the basis is guidance, not the contract.",
    )
    sub_clause = models.CharField(
        max_length=20,
        blank=True,
        validators=[
            RegexValidator(r"^\d+(\.\d+)*([–-]\d+(\.\d+)*)?$", "Write a clause number such as 11.9.")
        ],
        help_text="Optional, e.g. 11.9. Printed only while the edition below is the one in force.",
    )
    checked_against = models.CharField(
        "edition checked against",
        max_length=7,
        blank=True,
        validators=[validate_edition],
        help_text='The contract edition you checked the clause number in, e.g. "2026/27". Editions run '
        "1 April to 31 March.",
    )
    basis = models.TextField(
        "why it belongs with the provider",
        blank=True,
        validators=[validate_editor_text],
        help_text="One or two sentences. Write {service_condition} where the Service Condition is cited. "
        "Cite guidance as guidance, with its publisher and year.",
    )
    ask = models.TextField(
        "what the letter asks", blank=True, validators=[validate_editor_text], help_text="A sentence."
    )
    patient_advice = models.TextField(
        "advice for the patient",
        blank=True,
        validators=[validate_editor_text],
        help_text="One or two plain sentences for the note to the patient. For time-critical requests "
        "never ask the patient to wait.",
    )
    patient_advice_done_once = models.TextField(
        "advice for the patient when the practice did it once",
        blank=True,
        validators=[validate_editor_text],
        help_text='Replaces the advice above when the practice did this once "to keep the patient safe", '
        'e.g. "We have given you a fit note this time; for further fit notes, ask the team treating you."',
    )
    time_critical = models.BooleanField(
        default=False,
        help_text="The patient could come to harm if nobody acts soon (medicines, fit notes, urgent "
        "results). Its advice for the patient must never ask them to wait; wording can use the "
        '"time-critical" condition.',
    )

    panels = [
        FieldPanel("label"),
        FieldPanel("phrase"),
        FieldPanel("source_group"),
        MultiFieldPanel(
            [
                FieldPanel("service_condition"),
                FieldPanel("sub_clause"),
                FieldPanel("checked_against"),
                FieldPanel("basis"),
            ],
            heading="Basis",
        ),
        FieldPanel("ask"),
        FieldPanel("patient_advice"),
        FieldPanel("patient_advice_done_once"),
        FieldPanel("time_critical"),
        FieldPanel("asks_for_text"),
    ]

    class Meta(OptionBase.Meta):
        verbose_name = "request category"
        verbose_name_plural = "request categories"

    def clean(self) -> None:
        super().clean()
        errors: dict[str, str] = {}
        cites = SERVICE_CONDITION_PLACEHOLDER in (self.basis or "")
        if cites and not self.service_condition_id:
            errors["service_condition"] = (
                "Choose the Service Condition the basis cites, or remove it from the basis."
            )
        if self.service_condition_id and not cites:
            errors["basis"] = "Write {service_condition} in the basis where the Service Condition is cited."
        if self.service_condition_id and self.source_group == SourceGroup.PRIVATE:
            errors["service_condition"] = (
                "Private care is not under the NHS Standard Contract: cite guidance instead."
            )
        if self.sub_clause and not (self.service_condition_id and self.checked_against):
            errors["checked_against"] = "Give the edition you checked the clause number against."
        other = [
            name
            for name in PLACEHOLDER.findall(self.basis or "")
            if f"{{{name}}}" != SERVICE_CONDITION_PLACEHOLDER
        ]
        if other:
            errors["basis"] = "The basis can only use {service_condition}."
        if errors:
            raise ValidationError(errors)

    def references_out_of_date(self, *, on: datetime.date) -> bool:
        """True when a sub-clause was checked against an edition older than the one in force."""
        return bool(self.sub_clause) and is_out_of_date(self.checked_against, on=on)

    def citation(self, *, on: datetime.date) -> str:
        """The Service Condition as a letter dated ``on`` cites it ("" for guidance-based categories)."""
        if self.service_condition is None:
            return ""
        return self.service_condition.citation(
            on=on, sub_clause=self.sub_clause, sub_clause_checked_against=self.checked_against
        )


class Reason(OptionBase):
    """A reason offered as a checkbox in one letter's form."""

    letter_kind = models.CharField(max_length=40, choices=LetterKind.choices)
    source_group = models.CharField(
        "offered for",
        max_length=10,
        choices=SourceGroup.choices,
        blank=True,
        help_text="Workload letter: leave blank to offer it for every provider. NHS reasons (the contract, "
        "the ICB) are never offered for private care.",
    )

    panels = [
        FieldPanel("label"),
        FieldPanel("phrase"),
        FieldPanel("letter_kind"),
        FieldPanel("source_group"),
        FieldPanel("asks_for_text"),
    ]

    def offered_for(self, group: str) -> bool:
        """True when this reason fits a request from ``group`` (NHS or private)."""
        return not self.source_group or self.source_group == group


class Ask(OptionBase):
    """Something the declined-referral letter asks the provider to do."""

    phrase_letter_kind = LetterKind.DECLINED_REFERRAL

    panels = [FieldPanel("label"), FieldPanel("phrase"), FieldPanel("asks_for_text")]


class LetterTemplate(DraftStateMixin, LockableMixin, RevisionMixin, models.Model):
    """The wording of one letter type: the letter itself and the short note for the patient."""

    kind = models.CharField(max_length=40, choices=LetterKind.choices, unique=True)
    title = models.CharField(max_length=255, validators=[validate_editor_text])
    body = StreamField(LetterBodyBlock(), help_text="The letter, from the greeting to the signature.")
    patient_note = StreamField(
        LetterBodyBlock(), blank=True, help_text="A short plain-language note for the patient (optional)."
    )
    commissioner_report = StreamField(
        LetterBodyBlock(),
        blank=True,
        verbose_name="report to the ICB",
        help_text="A short letter telling the ICB (the commissioner) about the problem, without any patient "
        "identifiers (optional).",
    )

    objects = PublishedQuerySet.as_manager()

    panels = [
        FieldPanel("kind"),
        FieldPanel("title"),
        FieldPanel("body"),
        FieldPanel("patient_note"),
        FieldPanel("commissioner_report"),
    ]

    # The streams a letter type's wording is made of, with how each is named in the admin.
    STREAMS = ("body", "patient_note", "commissioner_report")

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        """Reject placeholders this letter type does not have, so a typo fails on save, not later."""
        super().clean()
        if not self.kind:
            return
        errors = {
            field: messages
            for field in self.STREAMS
            if (
                messages := placeholder_errors(
                    kind=self.kind, texts=_stream_texts(getattr(self, field)), extra=citation_placeholders()
                )
            )
        }
        if errors:
            raise ValidationError({"kind": [msg for msgs in errors.values() for msg in msgs]})

    @property
    def version_label(self) -> str:
        """The published version, named in the letter footer ("version 3")."""
        if self.live_revision_id is None:
            return "unpublished"
        number = self.revisions.filter(pk__lte=self.live_revision_id).count()
        return f"version {number}"


def citation_placeholders() -> list[str]:
    """{sc6}, {sc11}, …: one placeholder per Service Condition in the database, citing it."""
    return [
        service_condition_placeholder(n) for n in ServiceCondition.objects.values_list("number", flat=True)
    ]


def _stream_texts(stream) -> list[str]:
    """Every editor-written string in a letter body, for placeholder checks."""
    texts: list[str] = []
    for block in stream or []:
        value = block.value
        texts.extend(str(v) for v in (value.values() if hasattr(value, "values") else [value]) if v)
    return texts
