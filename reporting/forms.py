"""The public form for reporting an interface problem: validates, tidies and refuses identifiers.

Field types come from the letter forms (``letters.forms.fields``: Unicode NFC, hidden characters
refused, the length limit stated) so both read alike; every text box also refuses patient identifiers
(``reporting.identifiers``). Nothing here stores anything: ``reporting.services`` does.
"""

import datetime

from django import forms
from django.utils import timezone

from letters.forms.base import SectionedForm, mark_errors
from letters.forms.fields import CategoryField, OptionChoiceField, TextField
from letters.models import Provider, RequestCategory
from reporting.choices import PatientRisk, PracticeTime, ProblemKind, ReporterRole
from reporting.identifiers import validate_no_patient_identifiers
from reporting.models import ODS_CODE, WHAT_HAPPENED_MAX

MONTHS = [("", "Choose the month")] + [
    (str(number), datetime.date(2000, number, 1).strftime("%B")) for number in range(1, 13)
]
YEARS_BACK = 3  # older problems are history, not evidence for what to raise now


def _today() -> datetime.date:
    return timezone.localdate()


def _text(**kwargs) -> TextField:
    """A text box that refuses patient identifiers."""
    field = TextField(**kwargs)
    field.validators.append(validate_no_patient_identifiers)
    return field


class OdsCodeField(TextField):
    """An ODS code, upper-cased before it is checked: "b81001" is B81001."""

    def to_python(self, value):
        return "".join(super().to_python(value).split()).upper()


def _radios(choices, *, label: str, message: str, **kwargs) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=choices,
        widget=forms.RadioSelect,
        error_messages={"required": message, "invalid_choice": message},
        **kwargs,
    )


class InterfaceReportForm(SectionedForm):
    """What a practice tells the LMC about one problem. ``sections`` set the page's fieldsets."""

    sections = (
        (
            "practice",
            "Your practice",
            ("practice_ods_code", "practice_name", "reporter_role", "contact_email"),
        ),
        ("provider", "Who it was", ("provider", "provider_other", "service")),
        ("problem", "What went wrong", ("kind", "workload_category", "what_happened")),
        ("when", "When did it happen?", ("month", "year")),
        ("effect", "The effect", ("practice_time", "patient_risk")),
    )
    autocomplete = {"practice_name": "organization", "contact_email": "email"}

    practice_ods_code = OdsCodeField(
        label="Practice ODS code",
        max_length=6,
        required_message="Enter the practice's ODS code.",
        help_text="A letter and five digits, e.g. B81001.",
        validators=[ODS_CODE],
    )
    practice_name = _text(label="Practice name", max_length=120, required_message="Enter the practice name.")
    reporter_role = _radios(ReporterRole.choices, label="Your role", message="Choose your role.")
    contact_email = forms.EmailField(
        label="Email address for a reply",
        max_length=254,
        required=False,
        help_text="Only if you would like the LMC to contact you about this report.",
        error_messages={"invalid": "Enter an email address like name@example.nhs.uk."},
    )
    provider = OptionChoiceField(
        Provider,
        noun="the provider",
        label="Provider",
        required=False,
        help_text="The hospital trust or other service. Choose from the list, or type it in the next box.",
    )
    provider_other = _text(
        label="Provider, if not in the list",
        max_length=200,
        help_text="Used instead of the list when filled in.",
    )
    service = _text(
        label="Service or specialty", max_length=120, help_text="e.g. dermatology, the discharge lounge."
    )
    kind = _radios(
        ProblemKind.choices, label="What kind of problem was it?", message="Choose the kind of problem."
    )
    workload_category = CategoryField(
        RequestCategory,
        noun="the kind of work",
        label="What were you asked to do?",
        required=False,
        help_text="Only if the work was pushed to the practice: the kinds the workload letter uses.",
    )
    what_happened = _text(
        label="What happened",
        max_length=WHAT_HAPPENED_MAX,
        multiline=True,
        rows=8,
        required_message="Describe what happened.",
        help_text=f"In your own words, up to {WHAT_HAPPENED_MAX} characters. Do not include the patient's "
        "name, NHS number, date of birth, hospital number, e-RS reference or anything else that could "
        "identify them.",
    )
    month = forms.ChoiceField(
        label="Month",
        choices=MONTHS,
        error_messages={"required": "Choose the month it happened.", "invalid_choice": "Choose the month."},
    )
    year = forms.IntegerField(
        label="Year",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "input--short", "maxlength": "4"}),
        error_messages={
            "required": "Enter the year it happened.",
            "invalid": "Enter the year as four digits, e.g. 2026.",
        },
    )
    practice_time = _radios(
        PracticeTime.choices,
        label="How much practice time did it take?",
        message="Choose how much time it took.",
    )
    patient_risk = _radios(
        PatientRisk.choices,
        label="Was there any risk to patients?",
        message="Choose whether patients were at risk.",
    )
    # A honeypot: hidden from people (and from assistive technology) by the stylesheet; bots fill it in.
    website = forms.CharField(label="Leave this empty", required=False, max_length=200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if field.help_text:
                field.widget.attrs["aria-describedby"] = f"id_{name}-hint"
            field.widget.attrs.setdefault("autocomplete", self.autocomplete.get(name, "off"))
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})
        # Needed in some cases (the hint says which): not labelled "(optional)".
        for name in ("provider", "provider_other", "workload_category"):
            self.fields[name].conditional = True

    def full_clean(self) -> None:
        super().full_clean()
        mark_errors(self)

    @property
    def is_spam(self) -> bool:
        """True when the hidden field was filled in: a bot, answered as if it worked."""
        return bool(self.data.get("website"))

    def clean(self) -> dict:
        data = super().clean()
        if not data.get("provider") and not data.get("provider_other") and "provider" not in self.errors:
            self.add_error("provider", "Choose the provider, or type its name in the box below the list.")
        if data.get("kind") == ProblemKind.WORKLOAD:
            if not data.get("workload_category") and "workload_category" not in self.errors:
                self.add_error("workload_category", "Choose what the practice was asked to do.")
        else:
            data["workload_category"] = None  # answered only for work pushed to the practice
        data["month_start"] = self._month_start(data)
        return data

    def _month_start(self, data: dict) -> datetime.date | None:
        if not data.get("month") or data.get("year") is None:
            return None
        today = _today()
        if not today.year - YEARS_BACK <= data["year"] <= today.year:
            self.add_error("year", f"Enter a year from {today.year - YEARS_BACK} to {today.year}.")
            return None
        start = datetime.date(data["year"], int(data["month"]), 1)
        if start > today:
            self.add_error("month", "The month cannot be in the future.")
            return None
        return start
