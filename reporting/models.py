"""Reports of interface problems sent by practices, and where the LMC is told of new ones.

A report holds no patient data: every text field refuses patient identifiers
(``reporting.identifiers``), the date is a month, and harm to a patient is signposted to the national
patient-safety route rather than described here.
"""

import datetime

from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from letters.models import Provider, Reason, RequestCategory
from letters.placeholders import LetterKind
from letters.validation import validate_editor_text
from reporting.choices import PatientRisk, PracticeTime, ProblemKind, ReporterRole, TriageStatus
from reporting.identifiers import validate_no_patient_identifiers

ODS_CODE = RegexValidator(
    r"^[A-Z]\d{5}$", "Enter the practice's ODS code as a letter and five digits, e.g. B81001."
)
# Text the reporter typed; each box states its own limit in the form.
TEXT_VALIDATORS = [validate_editor_text, validate_no_patient_identifiers]
WHAT_HAPPENED_MAX = 2000


class InterfaceReportQuerySet(models.QuerySet):
    def counted(self) -> "InterfaceReportQuerySet":
        """The reports that count in figures: all but those officers marked not counted (spam,
        duplicates, not an interface problem)."""
        return self.exclude(status=TriageStatus.EXCLUDED)


class InterfaceReport(models.Model):
    """One problem at the interface, as a practice reported it, with the LMC's triage."""

    practice_ods_code = models.CharField("practice ODS code", max_length=6, validators=[ODS_CODE])
    practice_name = models.CharField(max_length=120, validators=TEXT_VALIDATORS)
    reporter_role = models.CharField("reporter's role", max_length=20, choices=ReporterRole.choices)
    contact_email = models.EmailField(
        "contact email", blank=True, help_text="Given by the reporter for the LMC to reply; optional."
    )
    provider = models.ForeignKey(Provider, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    provider_other = models.CharField(
        "provider, if not in the list", max_length=200, blank=True, validators=TEXT_VALIDATORS
    )
    service = models.CharField("service or specialty", max_length=120, blank=True, validators=TEXT_VALIDATORS)
    kind = models.CharField("kind of problem", max_length=30, choices=ProblemKind.choices)
    workload_category = models.ForeignKey(
        RequestCategory,
        verbose_name="kind of work",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="For work pushed to the practice: the request category the workload letter uses.",
    )
    month = models.DateField(help_text="The month it happened (stored as its first day).")
    what_happened = models.TextField(max_length=WHAT_HAPPENED_MAX, validators=TEXT_VALIDATORS)
    practice_time = models.CharField("practice time taken", max_length=20, choices=PracticeTime.choices)
    patient_risk = models.CharField("risk to patients", max_length=20, choices=PatientRisk.choices)

    status = models.CharField(max_length=20, choices=TriageStatus.choices, default=TriageStatus.NEW)
    lmc_notes = models.TextField(
        "LMC notes",
        blank=True,
        validators=TEXT_VALIDATORS,
        help_text="For LMC officers only. Never record patient details here either.",
    )
    created_at = models.DateTimeField("received", auto_now_add=True, db_index=True)

    objects = InterfaceReportQuerySet.as_manager()

    reporter_panels = [
        FieldRowPanel(
            [FieldPanel("practice_ods_code", read_only=True), FieldPanel("practice_name", read_only=True)]
        ),
        FieldRowPanel(
            [FieldPanel("reporter_role", read_only=True), FieldPanel("contact_email", read_only=True)]
        ),
        FieldRowPanel([FieldPanel("provider", read_only=True), FieldPanel("provider_other", read_only=True)]),
        FieldRowPanel([FieldPanel("service", read_only=True), FieldPanel("month", read_only=True)]),
        # Editable only so an officer can remove a patient's name or other detail the check cannot see.
        FieldPanel(
            "what_happened",
            help_text="What the practice wrote. Change it only to remove anything that could identify "
            "a patient.",
        ),
        FieldPanel("practice_time", read_only=True),
    ]
    panels = [
        MultiFieldPanel(
            [
                # What the practice said (read-only), first: a patient harmed or at risk comes first.
                FieldPanel("patient_risk", read_only=True),
                FieldPanel("status"),
                FieldPanel("kind"),
                FieldPanel("workload_category"),
                FieldPanel("lmc_notes"),
            ],
            heading="Triage",
            help_text="The kind of problem can be corrected if the reporter chose one that does not fit.",
        ),
        MultiFieldPanel(reporter_panels, heading="What the practice reported"),
    ]

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "interface report"

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {self.provider_name} ({self.month:%B %Y})"

    def save(self, *args, **kwargs) -> None:
        self.practice_ods_code = self.practice_ods_code.upper()
        self.month = first_of_month(self.month)
        super().save(*args, **kwargs)

    @property
    def provider_name(self) -> str:
        """The provider chosen from the list, or as typed."""
        return self.provider.label if self.provider_id else self.provider_other

    @property
    def category_label(self) -> str:
        """The kind of problem, with the kind of work when there is one (for listings and exports)."""
        if self.workload_category_id:
            return f"{self.get_kind_display()}: {self.workload_category.label}"
        return self.get_kind_display()

    @property
    def workload_category_label(self) -> str:
        return self.workload_category.label if self.workload_category_id else ""

    def get_month_display(self) -> str:
        return f"{self.month:%B %Y}"


def first_of_month(day: datetime.date) -> datetime.date:
    """The month ``day`` falls in, as its first day (reports never hold a more exact date)."""
    return day.replace(day=1) if day else day


class CountedLetter(models.Model):
    """A letter a practice chose to count for the LMC, after making it with a generator.

    Exactly what the statement beside "Count this letter for the LMC" says is sent, and nothing else:
    the kind of letter, the provider (from the list; none if the practice typed another), the kinds of
    request and the reasons ticked, and the month of the letter. No day, no time it was counted, no
    practice, no patient, no free text. ``reporting.counting`` builds it from a signed offer.
    """

    letter_kind = models.CharField("letter", max_length=40, choices=LetterKind.choices)
    provider = models.ForeignKey(Provider, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    categories = models.ManyToManyField(
        RequestCategory, blank=True, related_name="+", verbose_name="kinds of request"
    )
    reasons = models.ManyToManyField(Reason, blank=True, related_name="+")
    month = models.DateField(help_text="The month of the letter (stored as its first day).")

    class Meta:
        ordering = ["-month", "-pk"]
        verbose_name = "counted letter"

    def __str__(self) -> str:
        return f"{self.get_letter_kind_display()} ({self.month:%B %Y})"

    def save(self, *args, **kwargs) -> None:
        self.month = first_of_month(self.month)
        super().save(*args, **kwargs)

    def month_label(self) -> str:
        """The month, as readers write it ("May 2026")."""
        return f"{self.month:%B %Y}"

    def categories_label(self) -> str:
        """The kinds of request, one after another (for the export)."""
        return "; ".join(category.label for category in self.categories.all())

    def reasons_label(self) -> str:
        """The reasons ticked, one after another (for the export)."""
        return "; ".join(reason.label for reason in self.reasons.all())


@register_setting(icon="mail")
class ReportingSettings(BaseSiteSetting):
    """Who hears about a new interface report (Settings → Interface reports)."""

    notify_email = models.EmailField(
        "email new reports to",
        blank=True,
        help_text="Told when a practice sends a report: a link to it and the chosen answers, never what "
        "they typed. Leave blank to send no email.",
    )

    keep_contact_months = models.PositiveSmallIntegerField(
        "delete contact emails after (months)",
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
        help_text="A report's contact email is deleted this many months after the report was received "
        "(checked daily). The rest of the report is kept.",
    )

    panels = [FieldPanel("notify_email"), FieldPanel("keep_contact_months")]

    class Meta:
        verbose_name = "Interface reports"
