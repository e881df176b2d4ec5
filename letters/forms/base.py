"""What both letter forms ask: practice, recipient, patient, signatory and copies, with shared checks.

A form only validates and tidies what the user typed; ``letters.services.facts`` turns the cleaned
answers into ``LetterFacts``. Nothing here stores anything.
"""

import datetime
from collections.abc import Iterator

from django import forms
from django.core.validators import RegexValidator
from django.utils import timezone

from letters.forms.fields import DateField, NHSNumberField, OptionChoiceField, TextField
from letters.logo import TOO_BIG, carried_logo, encoded, prepared_logo
from letters.models import Provider

LETTER_DATE_WINDOW_DAYS = 366

LETTERHEADS = [
    ("print", "Print our practice details at the top of the letter"),
    ("own", "We print on our own headed paper: leave room at the top of the first page"),
]
PRACTICE_CONTRACTS = [
    ("", "Not stated (the letter says GMS/PMS contract)"),
    ("gms", "GMS contract"),
    ("pms", "PMS agreement"),
]


def _today() -> datetime.date:
    return timezone.localdate()


# A section of the form: (id, legend, field names).
Section = tuple[str, str, tuple[str, ...]]


class SectionedForm(forms.Form):
    """A form laid out in ``sections`` of (id, legend, field names), with an error summary that links
    each error to its field in page order (the letter forms and the interface report form)."""

    sections: tuple[Section, ...] = ()

    def section_fields(self) -> list[tuple[str, str, list[forms.BoundField]]]:
        """``sections`` with each name replaced by its bound field: the template needs no lookups."""
        return [
            (section_id, legend, [self[name] for name in names])
            for section_id, legend, names in self.sections
        ]

    @property
    def has_errors(self) -> bool:
        """True when the page must show the error summary."""
        return any(True for _ in self.error_list())

    def error_list(self) -> Iterator[tuple[str, str]]:
        """Every error with the id it links to, in the order the fields appear on the page."""
        for error in self.non_field_errors():
            yield "", error
        for _section, _legend, fields in self.section_fields():
            for field in fields:
                for error in field.errors:
                    yield anchor(field), error


class LetterForm(SectionedForm):
    """The fields and checks both letters share. Subclasses add their own and list ``sections``."""

    kind: str
    sections: tuple[Section, ...]

    opening_sections: tuple[Section, ...] = (
        (
            "practice",
            "Your practice",
            (
                "practice_name",
                "practice_address",
                "practice_phone",
                "practice_email",
                "practice_ods_code",
                "practice_contract",
                "letterhead",
                "practice_logo",
                "letter_date",
            ),
        ),
        (
            "recipient",
            "Who the letter is to",
            (
                "recipient_name",
                "recipient_role",
                "recipient_provider",
                "recipient_organisation",
                "recipient_department",
                "their_reference",
            ),
        ),
        ("patient", "The patient", ("patient_name", "patient_dob", "nhs_number", "hospital_number")),
    )
    signatory_section: Section = (
        "signatory",
        "Who signs the letter, and copies",
        ("signatory_name", "signatory_role", "cc_patient", "cc_medical_director", "cc_icb"),
    )
    # The practice's and signatory's own details, named for browsers' autofill (WCAG 1.3.5).
    autocomplete = {
        "practice_name": "organization",
        "practice_address": "street-address",
        "practice_phone": "tel",
        "practice_email": "email",
        "signatory_name": "name",
        "signatory_role": "organization-title",
    }
    # Identifiers: never offered for browser autocomplete, never remembered.
    patient_fields = ("patient_name", "patient_dob", "nhs_number", "hospital_number", "ubrn")
    # Practice and signatory fields may be remembered in the user's browser (letters.js); never patient ones.
    remembered_fields = (
        "practice_name",
        "practice_address",
        "practice_phone",
        "practice_email",
        "practice_ods_code",
        "practice_contract",
        "letterhead",
        "signatory_name",
        "signatory_role",
    )

    practice_name = TextField(
        label="Practice name", max_length=120, required_message="Enter the practice name."
    )
    practice_address = TextField(
        label="Practice address",
        max_length=300,
        multiline=True,
        required_message="Enter the practice address.",
        help_text="One line per line.",
    )
    practice_phone = TextField(label="Practice phone", max_length=40)
    practice_email = forms.EmailField(
        label="Practice email",
        max_length=254,
        required=False,
        error_messages={"invalid": "Enter an email address like name@example.nhs.uk."},
    )
    practice_ods_code = TextField(
        label="Practice ODS code",
        max_length=6,
        help_text="A letter and five digits, e.g. B81001.",
        validators=[
            RegexValidator(r"^[A-Za-z]\d{5}$", "Enter the ODS code as a letter and five digits, e.g. B81001.")
        ],
    )
    practice_contract = forms.ChoiceField(
        label="The practice's contract",
        choices=PRACTICE_CONTRACTS,
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Choose the practice's contract from the list."},
    )
    letterhead = forms.ChoiceField(
        label="Letterhead",
        choices=LETTERHEADS,
        initial="print",
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Choose how the letter is headed from the list."},
    )
    practice_logo = forms.FileField(
        label="Practice logo",
        required=False,
        help_text=(
            "A PNG or JPEG image under 1 MB, printed above your practice details. "
            "It is used for this letter only and never saved on our server."
        ),
        widget=forms.FileInput(attrs={"accept": "image/png,image/jpeg"}),
    )
    letter_date = DateField(
        label="Date of the letter", initial=lambda: _today(), required_message="Enter the date of the letter."
    )

    recipient_name = TextField(
        label="Recipient's name",
        max_length=120,
        help_text='e.g. Dr A Khan. Leave blank to write "Dear colleague".',
    )
    recipient_role = TextField(label="Recipient's role", max_length=120)
    recipient_provider = OptionChoiceField(
        Provider,
        noun="an organisation",
        label="Organisation",
        required=False,
        help_text="Choose from the list, or type the organisation in the next box.",
    )
    recipient_organisation = TextField(
        label="Organisation, if not in the list",
        max_length=200,
        help_text="Used instead of the list when filled in.",
    )
    recipient_department = TextField(label="Department", max_length=120)
    their_reference = TextField(
        label="Their reference", max_length=60, help_text="From their letter, if it has one."
    )

    patient_name = TextField(
        label="Patient's full name",
        max_length=120,
        identifier=True,
        required_message="Enter the patient's full name.",
    )
    patient_dob = DateField(
        label="Patient's date of birth", required_message="Enter the patient's date of birth."
    )
    nhs_number = NHSNumberField(label="NHS number", help_text="10 digits, e.g. 943 476 5919.")
    hospital_number = TextField(label="Hospital number", max_length=30, identifier=True)

    signatory_name = TextField(label="Your name", max_length=120, required_message="Enter your name.")
    signatory_role = TextField(
        label="Your role",
        max_length=120,
        required_message="Enter your role.",
        help_text="e.g. GP partner, practice manager.",
    )
    cc_patient = forms.BooleanField(label="Copy to the patient", required=False)
    cc_medical_director = forms.BooleanField(label="Copy to the provider's medical director", required=False)
    cc_icb = forms.BooleanField(label="Copy to the ICB (the commissioner)", required=False)

    def __init__(self, *args, upload_too_big: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        # Set when the view's upload handler refused a file over the size limit before reading it.
        self.upload_too_big = upload_too_big
        # The logo, redrawn (letters.logo), carried in a hidden field between preview and download.
        self.logo_carried = ""
        for name, field in self.fields.items():
            if field.help_text:
                field.widget.attrs["aria-describedby"] = f"id_{name}-hint"
            if name in self.remembered_fields:
                field.widget.attrs["data-remember"] = name
            if name in self.autocomplete:
                field.widget.attrs["autocomplete"] = self.autocomplete[name]
            if name in self.patient_fields:
                # Browsers must not offer patient details from earlier letters.
                field.widget.attrs["autocomplete"] = "off"

    def full_clean(self) -> None:
        """Validate, then point each field with an error at its message for screen readers."""
        super().full_clean()
        mark_errors(self)

    # -- cross-field checks --

    def clean(self) -> dict:
        data = super().clean()
        letter_date = data.get("letter_date")
        if letter_date and abs((letter_date - _today()).days) > LETTER_DATE_WINDOW_DAYS:
            # Almost always a mistyped year; a letter dated years away would not be taken seriously.
            self.add_error("letter_date", "The date of the letter must be within a year of today.")
        self.check_not_after("patient_dob", _today(), "The date of birth cannot be in the future.")
        if letter_date:
            self.check_not_after(
                "patient_dob", letter_date, "The date of birth cannot be after the date of the letter."
            )
        data["logo"] = self._clean_logo(data)
        if not data.get("recipient_provider") and not data.get("recipient_organisation"):
            self.add_error(
                "recipient_provider", "Choose the organisation, or type it in the box below the list."
            )
        return data

    def _clean_logo(self, data: dict) -> bytes:
        """A newly chosen logo, else the one carried from the preview unless removed; redrawn as PNG."""
        if self.upload_too_big:
            self.add_error("practice_logo", TOO_BIG)
            return b""
        try:
            if data.get("practice_logo"):
                logo = prepared_logo(data["practice_logo"].read())
            elif self.data.get("practice_logo_carried") and not self.data.get("practice_logo_remove"):
                logo = carried_logo(self.data["practice_logo_carried"])
            else:
                return b""
        except forms.ValidationError as error:
            self.add_error("practice_logo", error)
            return b""
        self.logo_carried = encoded(logo)
        return logo

    def check_not_after(self, name: str, limit: datetime.date | None, message: str) -> None:
        """An error on ``name`` when its date is after ``limit``."""
        value = self.cleaned_data.get(name)
        if value and limit and value > limit and name not in self.errors:
            self.add_error(name, message)

    def require_other_text(self, choice_field: str, text_field: str, message: str) -> None:
        """An "Other" choice needs its description."""
        require_other_text(self, choice_field, text_field, message)


def require_other_text(form: forms.Form, choice_field: str, text_field: str, message: str) -> None:
    """An error on ``text_field`` when an "Other" option is chosen in ``choice_field`` without words."""
    chosen = form.cleaned_data.get(choice_field)
    options = chosen if isinstance(chosen, list) else [chosen]
    needs_text = any(option is not None and option.asks_for_text for option in options)
    if needs_text and not form.cleaned_data.get(text_field):
        form.add_error(text_field, message)


def anchor(field: forms.BoundField) -> str:
    """The id an error summary links to: the first option of a group of radios or checkboxes."""
    grouped = isinstance(field.field.widget, forms.CheckboxSelectMultiple | forms.RadioSelect)
    return f"{field.auto_id}_0" if grouped else field.auto_id


def mark_errors(form: forms.Form) -> None:
    """Point each field with an error at its message (and hint) for screen readers."""
    for name in form.errors:
        if name in form.fields:
            field = form.fields[name]
            prefixed = form.add_prefix(name)
            described = [f"id_{prefixed}-error"] + ([f"id_{prefixed}-hint"] if field.help_text else [])
            field.widget.attrs.update({"aria-describedby": " ".join(described), "aria-invalid": "true"})
