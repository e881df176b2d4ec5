"""Letter wording and option lists, edited by LMC staff as Wagtail snippets.

Only published versions are used: with ``DraftStateMixin`` the database row holds the published
content (a saved draft lives only in a revision), so the generators read rows with ``live=True``.
Nothing in this module ever holds patient data.
"""

from django.core.exceptions import ValidationError
from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import DraftStateMixin, LockableMixin, Orderable, RevisionMixin

from letters.blocks import LetterBodyBlock
from letters.placeholders import LetterKind, placeholder_errors


class SourceGroup(models.TextChoices):
    """Which workload categories a source of work is offered: NHS and private care stay separate."""

    NHS = "nhs", "NHS providers"
    PRIVATE = "private", "Private providers"


class PublishedQuerySet(models.QuerySet):
    def published(self) -> "PublishedQuerySet":
        """Options and wording that are live (published), in the editors' order."""
        return self.filter(live=True)


class OptionBase(DraftStateMixin, RevisionMixin, Orderable):
    """An editable, orderable entry in one of the letters' option lists."""

    label = models.CharField(max_length=255)
    asks_for_text = models.BooleanField(
        default=False,
        help_text='Tick for an "Other" entry: the form then asks the user to describe it.',
    )

    objects = PublishedQuerySet.as_manager()

    class Meta(Orderable.Meta):
        abstract = True

    def __str__(self) -> str:
        return self.label


class Specialty(OptionBase):
    """A hospital specialty a referral can be made to."""

    panels = [FieldPanel("label")]

    class Meta(OptionBase.Meta):
        verbose_name_plural = "specialties"


class Provider(OptionBase):
    """A provider letters are sent to, with the address printed on the letter."""

    label = models.CharField("name", max_length=255)
    address = models.TextField(blank=True, help_text="One line per line of the address.")
    source_group = models.CharField(max_length=10, choices=SourceGroup.choices, default=SourceGroup.NHS)

    panels = [FieldPanel("label"), FieldPanel("address"), FieldPanel("source_group")]


class RequestCategory(OptionBase):
    """A kind of request a practice declines, with the contract basis and the ask that go with it.

    Clause numbers move between contract editions, so they are data here (with their edition),
    never part of the letter wording.
    """

    source_group = models.CharField(max_length=10, choices=SourceGroup.choices, default=SourceGroup.NHS)
    contract_basis = models.CharField(max_length=255, blank=True)
    contract_edition = models.CharField(
        max_length=100, blank=True, help_text="The contract edition the clause comes from, e.g. 2024/25."
    )
    ask = models.CharField("what the letter asks", max_length=500, blank=True)

    panels = [
        FieldPanel("label"),
        FieldPanel("source_group"),
        FieldPanel("contract_basis"),
        FieldPanel("contract_edition"),
        FieldPanel("ask"),
        FieldPanel("asks_for_text"),
    ]

    class Meta(OptionBase.Meta):
        verbose_name = "request category"
        verbose_name_plural = "request categories"


class Reason(OptionBase):
    """A reason offered as a checkbox in one letter's form."""

    letter_kind = models.CharField(max_length=40, choices=LetterKind.choices)

    panels = [FieldPanel("label"), FieldPanel("letter_kind"), FieldPanel("asks_for_text")]


class Ask(OptionBase):
    """Something the declined-referral letter asks the provider to do."""

    panels = [FieldPanel("label"), FieldPanel("asks_for_text")]


class LetterTemplate(DraftStateMixin, LockableMixin, RevisionMixin, models.Model):
    """The wording of one letter type: the letter itself and the short note for the patient."""

    kind = models.CharField(max_length=40, choices=LetterKind.choices, unique=True)
    title = models.CharField(max_length=255)
    body = StreamField(LetterBodyBlock(), help_text="The letter, from the greeting to the signature.")
    patient_note = StreamField(
        LetterBodyBlock(), blank=True, help_text="A short plain-language note for the patient (optional)."
    )

    objects = PublishedQuerySet.as_manager()

    panels = [FieldPanel("kind"), FieldPanel("title"), FieldPanel("body"), FieldPanel("patient_note")]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        """Reject placeholders this letter type does not have, so a typo fails on save, not later."""
        super().clean()
        if not self.kind:
            return
        errors = {
            field: messages
            for field in ("body", "patient_note")
            if (messages := placeholder_errors(kind=self.kind, texts=_stream_texts(getattr(self, field))))
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


def _stream_texts(stream) -> list[str]:
    """Every editor-written string in a letter body, for placeholder checks."""
    texts: list[str] = []
    for block in stream or []:
        value = block.value
        texts.extend(str(v) for v in (value.values() if hasattr(value, "values") else [value]) if v)
    return texts
