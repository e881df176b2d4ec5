"""The two letter forms. They share one base: sections, field types, checks and the facts they yield.

A form only validates and tidies what the user typed; ``facts()`` hands the answers on as a plain
``LetterFacts`` for ``letters.services.build``. Nothing here stores anything.
"""

import datetime

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.utils import timezone

from letters.blocks import Condition
from letters.content import LetterFacts, long_date
from letters.models import Ask, OptionBase, Provider, Reason, RequestCategory, SourceGroup, Specialty
from letters.placeholders import LetterKind
from letters.services.published import published_options
from letters.validation import (
    format_nhs_number,
    normalise_nhs_number,
    normalise_text,
    prints_as_nothing,
    reject_hidden_characters,
)

DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d %m %Y", "%d.%m.%Y"]
EARLIEST_YEAR = 1900
LETTER_DATE_WINDOW_DAYS = 366


# --- Field types ---------------------------------------------------------------------------------


class TextField(forms.CharField):
    """Text in NFC with hidden characters refused and the length limit stated in the error."""

    def __init__(
        self, *, max_length: int, multiline: bool = False, rows: int = 3, required_message: str = "", **kwargs
    ):
        # A field is required exactly when it says, in its own words, what is missing.
        kwargs["required"] = bool(required_message)
        if multiline:
            kwargs.setdefault("widget", forms.Textarea(attrs={"rows": rows}))
        super().__init__(max_length=max_length, **kwargs)
        self.error_messages["required"] = required_message
        self.error_messages["max_length"] = (
            f"{self.label or 'This'} must be {max_length} characters or fewer; you entered %(show_value)d."
        )

    def to_python(self, value):
        value = super().to_python(value)
        # Text that would print as nothing (e.g. only soft hyphens) counts as not filled in.
        if not value or prints_as_nothing(value):
            return ""
        return normalise_text(value)

    def run_validators(self, value) -> None:
        # Hidden characters first: otherwise Django's own NUL check speaks before ours.
        if value not in self.empty_values:
            reject_hidden_characters(value)
        super().run_validators(value)


class NHSNumberField(forms.CharField):
    """An NHS number: 10 digits passing the Modulus 11 check; cleaned to the bare digits."""

    def __init__(self, **kwargs):
        super().__init__(max_length=20, **kwargs)
        self.error_messages["max_length"] = "An NHS number has 10 digits; this is too long."
        self.error_messages["required"] = "Enter the patient's NHS number."

    def clean(self, value):
        value = super().clean(value)
        reject_hidden_characters(value)
        return normalise_nhs_number(value)


class DateField(forms.DateField):
    """A date in several common formats, with a plain-English message for impossible dates."""

    def __init__(self, *, required_message: str = "", **kwargs):
        kwargs["required"] = bool(required_message)
        kwargs.setdefault("widget", forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
        super().__init__(input_formats=DATE_FORMATS, **kwargs)
        label = (self.label or "the date").lower()
        self.error_messages["invalid"] = f"Enter {label} as a real date, for example 03/06/2026."
        self.error_messages["required"] = required_message

    def clean(self, value):
        value = super().clean(value)
        if value and value.year < EARLIEST_YEAR:
            raise forms.ValidationError(f"Enter a year of {EARLIEST_YEAR} or later.")
        return value


class PublishedChoiceIterator(forms.models.ModelChoiceIterator):
    """Lists the field's remembered options: no query (or count) each time a widget renders."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for option in self.field.options:
            yield self.choice(option)

    def __len__(self) -> int:
        return len(self.field.options) + (self.field.empty_label is not None)

    def __bool__(self) -> bool:
        return self.field.empty_label is not None or bool(self.field.options)


class PublishedOptionsMixin:
    """Choices from an editable list, read from the published options remembered until the next
    content change (``published_options``) rather than queried for every form.

    ``queryset`` still describes the same list, for code that asks for it.
    """

    iterator = PublishedChoiceIterator
    _options: list[OptionBase] | None = None

    def __init__(self, model: type[OptionBase], *, where: dict[str, str] | None = None, **kwargs):
        self.model = model
        self.where = where or {}
        super().__init__(model.objects.published().filter(**self.where), **kwargs)

    @property
    def options(self) -> list[OptionBase]:
        """The published options in the editors' order: this form's own copies."""
        if self._options is None:
            self._options = published_options(self.model, **self.where)
        return self._options

    def option(self, value) -> OptionBase:
        """The published option whose primary key is ``value``; the invalid-choice error otherwise."""
        for option in self.options:
            if str(option.pk) == str(value):
                return option
        raise forms.ValidationError(
            self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value}
        )

    def __deepcopy__(self, memo):
        result = super().__deepcopy__(memo)
        result._options = None  # each form reads the list afresh
        return result


class OptionChoiceField(PublishedOptionsMixin, forms.ModelChoiceField):
    """One choice from an editable list; a value not in the published list is a form error."""

    def __init__(self, model: type[OptionBase], *, noun: str, **kwargs):
        super().__init__(model, empty_label=f"Choose {noun}", **kwargs)
        self.error_messages["invalid_choice"] = f"Choose {noun} from the list."
        self.error_messages["required"] = f"Choose {noun}."

    def to_python(self, value) -> OptionBase | None:
        if value in self.empty_values:
            return None
        self.validate_no_null_characters(value)
        return self.option(value.pk if isinstance(value, OptionBase) else value)


class OptionsField(PublishedOptionsMixin, forms.ModelMultipleChoiceField):
    """Any number of choices from an editable list, shown as checkboxes."""

    def __init__(self, model: type[OptionBase], *, noun: str, **kwargs):
        super().__init__(model, widget=forms.CheckboxSelectMultiple, **kwargs)
        self.error_messages["invalid_choice"] = f"Choose each {noun} from the list."
        self.error_messages["invalid_pk_value"] = f"Choose each {noun} from the list."
        self.error_messages["required"] = f"Choose at least one {noun}."

    def clean(self, value) -> list[OptionBase]:
        """The chosen options, in the editors' order."""
        if not value:
            if self.required:
                raise forms.ValidationError(self.error_messages["required"], code="required")
            return []
        if not isinstance(value, list | tuple):
            raise forms.ValidationError(self.error_messages["invalid_list"], code="invalid_list")
        chosen = {self.option(item).pk for item in value}
        self.run_validators(value)
        return [option for option in self.options if option.pk in chosen]


class CategorySelect(forms.Select):
    """Category options carry their group, contract basis and ask, for letters.js to use."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        category = getattr(value, "instance", None)
        if category is not None:
            option["attrs"].update(
                {
                    "data-group": category.source_group,
                    "data-basis": category.contract_basis,
                    "data-edition": category.contract_edition,
                    "data-ask": category.ask,
                    "data-other": "true" if category.asks_for_text else "false",
                }
            )
        return option


class CategoryField(OptionChoiceField):
    def label_from_instance(self, obj) -> str:
        # Without JavaScript every category is listed, so private ones say so.
        return f"{obj.label} (private providers)" if obj.source_group == SourceGroup.PRIVATE else obj.label


# --- The shared base -----------------------------------------------------------------------------


def _today() -> datetime.date:
    return timezone.localdate()


def _non_blank(lines) -> tuple[str, ...]:
    return tuple(line.strip() for line in lines if line and line.strip())


class LetterForm(forms.Form):
    """What both letters ask: practice, recipient, patient, the request being answered, signatory.

    Subclasses add their own fields, list every field in ``sections`` and supply the letter-specific
    placeholder values, reasons, asks and conditions.
    """

    kind: str
    sections: tuple[tuple[str, str, tuple[str, ...]], ...]

    # The sections both letters share: they open with these and close with the signatory.
    opening_sections = (
        (
            "practice",
            "Your practice",
            (
                "practice_name",
                "practice_address",
                "practice_phone",
                "practice_email",
                "practice_ods_code",
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
            ),
        ),
        ("patient", "The patient", ("patient_name", "patient_dob", "nhs_number", "hospital_number")),
    )
    signatory_section = (
        "signatory",
        "Who signs the letter",
        ("signatory_name", "signatory_role", "copy_to_patient"),
    )
    # Identifiers: never offered for browser autocomplete, never remembered.
    patient_fields = ("patient_name", "patient_dob", "nhs_number", "hospital_number", "ubrn")
    # Practice and signatory fields may be remembered in the user's browser (letters.js); never patient ones.
    remembered_fields = (
        "practice_name",
        "practice_address",
        "practice_phone",
        "practice_email",
        "practice_ods_code",
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
    letter_date = DateField(
        label="Date of the letter", initial=_today, required_message="Enter the date of the letter."
    )

    recipient_name = TextField(
        label="Recipient's name",
        max_length=120,
        help_text="Leave blank to write to the clinician responsible.",
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

    patient_name = TextField(
        label="Patient's full name", max_length=120, required_message="Enter the patient's full name."
    )
    patient_dob = DateField(
        label="Patient's date of birth", required_message="Enter the patient's date of birth."
    )
    nhs_number = NHSNumberField(label="NHS number", help_text="10 digits, e.g. 943 476 5919.")
    hospital_number = TextField(label="Hospital number", max_length=30)

    request_date = DateField(label="Date of the request")
    request_author = TextField(
        label="Who made the request", max_length=120, help_text="Name and role, if known."
    )

    signatory_name = TextField(label="Your name", max_length=120, required_message="Enter your name.")
    signatory_role = TextField(
        label="Your role",
        max_length=120,
        required_message="Enter your role.",
        help_text="e.g. GP partner, practice manager.",
    )
    copy_to_patient = forms.BooleanField(label="A copy of this letter goes to the patient", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if field.help_text:
                field.widget.attrs["aria-describedby"] = f"id_{name}-hint"
            if name in self.remembered_fields:
                field.widget.attrs["data-remember"] = name
            if name in self.patient_fields:
                # Browsers must not offer patient details from earlier letters.
                field.widget.attrs["autocomplete"] = "off"

    def full_clean(self) -> None:
        """Validate, then point each field with an error at its message for screen readers."""
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                described = [f"id_{name}-error"] + (
                    [f"id_{name}-hint"] if self.fields[name].help_text else []
                )
                widget.attrs.update({"aria-describedby": " ".join(described), "aria-invalid": "true"})

    def section_fields(self) -> list[tuple[str, str, list[forms.BoundField]]]:
        """``sections`` with each name replaced by its bound field: the template needs no lookups."""
        return [
            (section_id, legend, [self[name] for name in names])
            for section_id, legend, names in self.sections
        ]

    # -- cross-field checks --

    def clean(self) -> dict:
        data = super().clean()
        letter_date = data.get("letter_date")
        if letter_date and abs((letter_date - _today()).days) > LETTER_DATE_WINDOW_DAYS:
            # Almost always a mistyped year; a letter dated years away would not be taken seriously.
            self.add_error("letter_date", "The date of the letter must be within a year of today.")
        self._check_not_after("patient_dob", _today(), "The date of birth cannot be in the future.")
        if letter_date:
            self._check_not_after(
                "patient_dob", letter_date, "The date of birth cannot be after the date of the letter."
            )
            self._check_not_after(
                "request_date", letter_date, "The request cannot be dated after the letter."
            )
        if not data.get("recipient_provider") and not data.get("recipient_organisation"):
            self.add_error(
                "recipient_provider", "Choose the organisation, or type it in the box below the list."
            )
        return data

    def _check_not_after(self, name: str, limit: datetime.date, message: str) -> None:
        value = self.cleaned_data.get(name)
        if value and value > limit and name not in self.errors:
            self.add_error(name, message)

    def _require_other_text(self, choice_field: str, text_field: str, message: str) -> None:
        """An "Other" choice needs its description."""
        chosen = self.cleaned_data.get(choice_field)
        options = chosen if isinstance(chosen, list) else [chosen]
        needs_text = any(option is not None and option.asks_for_text for option in options)
        if needs_text and not self.cleaned_data.get(text_field):
            self.add_error(text_field, message)

    # -- the facts for the letter --

    def facts(self) -> LetterFacts:
        """The validated answers as ``LetterFacts`` (call only after ``is_valid()``)."""
        data = self.cleaned_data
        conditions = self.letter_conditions()
        if data["copy_to_patient"]:
            conditions.add(Condition.COPY_TO_PATIENT)
        if data["request_date"]:
            conditions.add(Condition.HAS_REQUEST_DATE)
        if data["request_author"]:
            conditions.add(Condition.HAS_REQUEST_AUTHOR)
        return LetterFacts(
            kind=self.kind,
            letter_date=data["letter_date"],
            values={**self._common_values(), **self.letter_values()},
            practice_lines=self._practice_lines(),
            recipient_lines=self._recipient_lines(),
            patient_rows=self._patient_rows() + tuple(self.letter_patient_rows()),
            reasons=self._chosen("reasons", "reasons_other"),
            asks=self.letter_asks(),
            conditions=frozenset(conditions),
            identifiers=self._identifiers(),
        )

    def _organisation(self) -> str:
        """The organisation typed in, or else the one chosen from the list."""
        provider = self.cleaned_data["recipient_provider"]
        return self.cleaned_data["recipient_organisation"] or (provider.label if provider else "")

    def _common_values(self) -> dict[str, str]:
        data = self.cleaned_data
        return {
            "practice_name": data["practice_name"],
            "letter_date": long_date(data["letter_date"]),
            "recipient_name": data["recipient_name"] or "colleague",
            "recipient_role": data["recipient_role"],
            "recipient_organisation": self._organisation(),
            "recipient_department": data["recipient_department"],
            "patient_name": data["patient_name"],
            "patient_dob": long_date(data["patient_dob"]),
            "nhs_number": format_nhs_number(data["nhs_number"]),
            "hospital_number": data["hospital_number"],
            "request_date": long_date(data["request_date"]) if data["request_date"] else "",
            "request_author": data["request_author"],
            "signatory_name": data["signatory_name"],
            "signatory_role": data["signatory_role"],
        }

    def _practice_lines(self) -> tuple[str, ...]:
        data = self.cleaned_data
        ods = f"ODS code: {data['practice_ods_code'].upper()}" if data["practice_ods_code"] else ""
        lines = [
            data["practice_name"],
            *data["practice_address"].splitlines(),
            data["practice_phone"],
            data["practice_email"],
            ods,
        ]
        return _non_blank(lines)

    def _recipient_lines(self) -> tuple[str, ...]:
        data = self.cleaned_data
        provider = data["recipient_provider"]
        # The list's address belongs to the listed organisation only, not to one typed in.
        address = provider.address.splitlines() if provider and not data["recipient_organisation"] else []
        lines = [
            data["recipient_name"],
            data["recipient_role"],
            data["recipient_department"],
            self._organisation(),
            *address,
        ]
        return _non_blank(lines)

    def _patient_rows(self) -> tuple[tuple[str, str], ...]:
        data = self.cleaned_data
        rows = [
            ("Name", data["patient_name"]),
            ("Date of birth", long_date(data["patient_dob"])),
            ("NHS number", format_nhs_number(data["nhs_number"])),
        ]
        if data["hospital_number"]:
            rows.append(("Hospital number", data["hospital_number"]))
        return tuple(rows)

    def _identifiers(self) -> tuple[str, ...]:
        """Each patient identifier as typed and as printed, for the copy without identifiers."""
        data = self.cleaned_data
        # Each part of the name too, so "Mrs Smith" typed in a free-text box is caught; parts this
        # short ("Jo", "Li") are left, as removing them would blank out ordinary words.
        name_parts = [part for part in data["patient_name"].split() if len(part) >= 3]
        candidates = (
            data["patient_name"],
            *name_parts,
            long_date(data["patient_dob"]),
            data["nhs_number"],
            format_nhs_number(data["nhs_number"]),
            data["hospital_number"],
            *self.letter_identifiers(),
        )
        return tuple(value for value in candidates if value)

    def _chosen(self, field: str, other_field: str) -> tuple[str, ...]:
        """Labels of the chosen options, with the user's own words in place of "Other"."""
        return tuple(
            self.cleaned_data[other_field] if option.asks_for_text else option.label
            for option in self.cleaned_data.get(field) or []
        )

    def letter_values(self) -> dict[str, str]:
        """Placeholder values only this letter has."""
        raise NotImplementedError

    def letter_conditions(self) -> set[str]:
        """The ``Condition`` values that hold for these answers (for conditional paragraphs)."""
        return set()

    def letter_asks(self) -> tuple[str, ...]:
        """What the letter asks the provider to do, one item per bullet."""
        return ()

    def letter_patient_rows(self) -> list[tuple[str, str]]:
        """Extra rows for the patient table."""
        return []

    def letter_identifiers(self) -> tuple[str, ...]:
        """Extra identifiers to remove from the copy for the LMC or ICB."""
        return ()


# --- Letter A: declined referral -----------------------------------------------------------------


class DeclinedReferralForm(LetterForm):
    """A referral rejected or turned into Advice and Guidance."""

    kind = LetterKind.DECLINED_REFERRAL

    PRIORITIES = [("routine", "Routine"), ("urgent", "Urgent")]
    CHANNELS = [
        ("e-RS Advice and Guidance", "e-RS Advice and Guidance"),
        ("Referral Assessment Service (RAS)", "Referral Assessment Service (RAS)"),
        ("letter", "Letter"),
        ("clinical-system Task", "Task in the clinical system"),
    ]
    TONES = [
        (Condition.FIRST_REQUEST, "First request"),
        (Condition.SECOND_REQUEST, "Second request"),
        (Condition.ESCALATION, "Escalation to the medical director"),
    ]

    referral_date = DateField(
        label="Date of the referral", required_message="Enter the date of the referral."
    )
    ubrn = TextField(
        label="e-RS booking reference (UBRN)",
        max_length=20,
        help_text="12 digits, from the e-RS booking.",
        validators=[
            RegexValidator(
                r"^\d{4}[\s-]?\d{4}[\s-]?\d{4}$", "Enter the UBRN as 12 digits, e.g. 0001 2345 6789."
            )
        ],
    )
    specialty = OptionChoiceField(Specialty, noun="a specialty", label="Specialty")
    priority = forms.ChoiceField(
        label="Priority",
        choices=PRIORITIES,
        widget=forms.RadioSelect,
        initial="routine",
        error_messages={
            "invalid_choice": "Choose routine or urgent.",
            "required": "Choose routine or urgent.",
        },
    )
    rejection_date = DateField(
        label="Date the referral was declined", required_message="Enter the date the referral was declined."
    )
    rejection_channel = forms.ChoiceField(
        label="How it was declined",
        choices=CHANNELS,
        error_messages={
            "invalid_choice": "Choose how the referral was declined from the list.",
            "required": "Choose how the referral was declined.",
        },
    )
    triaging_clinician = TextField(
        label="Triaging clinician", max_length=120, help_text="Name and role, if given."
    )
    no_named_clinician = forms.BooleanField(label="No named clinician was given", required=False)
    advice_summary = TextField(
        label="Summary of the advice given",
        max_length=1000,
        multiline=True,
        help_text="A sentence or two; up to 1000 characters.",
    )
    reasons = OptionsField(
        Reason,
        where={"letter_kind": LetterKind.DECLINED_REFERRAL},
        noun="reason",
        label="Why the patient still needs to be seen",
    )
    reasons_other = TextField(label="Other reason", max_length=500, help_text='Needed if you ticked "Other".')
    asks = OptionsField(Ask, noun="request", label="What you are asking the provider to do")
    asks_other = TextField(label="Other request", max_length=500, help_text='Needed if you ticked "Other".')
    response_days = forms.IntegerField(
        label="Reply within (working days)",
        required=False,
        initial=10,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        error_messages={
            "invalid": "Enter the number of working days as a whole number, e.g. 10.",
            "min_value": "Enter at least 1 working day.",
            "max_value": "Enter 60 working days or fewer.",
        },
        widget=forms.NumberInput(attrs={"class": "input--short", "inputmode": "numeric"}),
        help_text="Routine Advice and Guidance replies are expected within 10 working days.",
    )
    tone = forms.ChoiceField(
        label="Is this",
        choices=TONES,
        widget=forms.RadioSelect,
        initial=Condition.FIRST_REQUEST,
        error_messages={
            "invalid_choice": "Choose the kind of request from the list.",
            "required": "Choose the kind of request.",
        },
    )

    sections = (
        *LetterForm.opening_sections,
        (
            "request",
            "The referral and the reply",
            (
                "referral_date",
                "ubrn",
                "specialty",
                "priority",
                "rejection_date",
                "rejection_channel",
                "triaging_clinician",
                "no_named_clinician",
                "advice_summary",
                "request_date",
                "request_author",
            ),
        ),
        (
            "reasons",
            "Reasons and what you ask for",
            ("reasons", "reasons_other", "asks", "asks_other", "response_days", "tone"),
        ),
        LetterForm.signatory_section,
    )

    def clean(self) -> dict:
        data = super().clean()
        letter_date = data.get("letter_date")
        if letter_date:
            self._check_not_after(
                "referral_date", letter_date, "The referral cannot be dated after the letter."
            )
            self._check_not_after(
                "rejection_date", letter_date, "The reply cannot be dated after the letter."
            )
        referral_date = data.get("referral_date")
        if referral_date:
            self._check_not_after(
                "referral_date",
                data.get("rejection_date") or referral_date,
                "The referral date must be on or before the date it was declined.",
            )
        self._require_other_text("reasons", "reasons_other", 'Describe the other reason, or untick "Other".')
        self._require_other_text("asks", "asks_other", 'Describe the other request, or untick "Other".')
        return data

    def letter_values(self) -> dict[str, str]:
        data = self.cleaned_data
        clinician = data["triaging_clinician"] or ("no named clinician" if data["no_named_clinician"] else "")
        return {
            "referral_date": long_date(data["referral_date"]),
            "ubrn": self._ubrn(),
            "specialty": data["specialty"].label,
            "priority": data["priority"],
            "rejection_date": long_date(data["rejection_date"]),
            "rejection_channel": data["rejection_channel"],
            "triaging_clinician": clinician,
            "advice_summary": data["advice_summary"],
            "response_days": str(data["response_days"] or ""),
        }

    def _ubrn(self) -> str:
        digits = "".join(ch for ch in self.cleaned_data["ubrn"] if ch.isdigit())
        return f"{digits[:4]} {digits[4:8]} {digits[8:]}" if digits else ""

    def letter_conditions(self) -> set[str]:
        data = self.cleaned_data
        conditions = {data["tone"]}
        if data["priority"] == "urgent":
            conditions.add(Condition.URGENT)
        if data["no_named_clinician"] or not data["triaging_clinician"]:
            conditions.add(Condition.NO_NAMED_CLINICIAN)
        if data["response_days"]:
            conditions.add(Condition.HAS_RESPONSE_DAYS)
        if data["advice_summary"]:
            conditions.add(Condition.HAS_ADVICE_SUMMARY)
        return conditions

    def letter_asks(self) -> tuple[str, ...]:
        return self._chosen("asks", "asks_other")

    def letter_patient_rows(self) -> list[tuple[str, str]]:
        ubrn = self._ubrn()
        return [("e-RS booking reference (UBRN)", ubrn)] if ubrn else []

    def letter_identifiers(self) -> tuple[str, ...]:
        ubrn = self._ubrn()
        return (ubrn, ubrn.replace(" ", "")) if ubrn else ()


# --- Letter B: workload rejection ----------------------------------------------------------------


class WorkloadRejectionForm(LetterForm):
    """A request for work outside the practice's GMS/PMS contract."""

    kind = LetterKind.WORKLOAD_REJECTION

    SOURCE_TYPES = [
        ("NHS trust", "NHS hospital trust"),
        ("community services provider", "Community services"),
        ("mental health trust", "Mental health trust"),
        ("private provider", "Private provider"),
        ("other provider", "Other"),
    ]
    PRIVATE_SOURCES = {"private provider"}

    source_type = forms.ChoiceField(
        label="Where the request came from",
        choices=SOURCE_TYPES,
        widget=forms.RadioSelect,
        help_text="This decides which kinds of request are offered.",
        error_messages={
            "invalid_choice": "Choose where the request came from from the list.",
            "required": "Choose where the request came from.",
        },
    )
    category = CategoryField(
        RequestCategory,
        noun="the kind of request",
        label="Kind of request",
        widget=CategorySelect,
    )
    category_other = TextField(
        label="Describe the request", max_length=300, help_text='Needed if you chose "Other".'
    )
    request_summary = TextField(
        label="What was asked of the practice",
        max_length=1000,
        multiline=True,
        help_text="Up to 1000 characters.",
    )
    contract_basis = TextField(
        label="Contract basis",
        max_length=255,
        help_text="Filled in from the kind of request when left blank; you may change it.",
    )
    the_ask = TextField(
        label="What the letter asks the provider to do",
        max_length=500,
        multiline=True,
        help_text="Filled in from the kind of request when left blank; you may change it.",
    )
    reasons = OptionsField(
        Reason,
        where={"letter_kind": LetterKind.WORKLOAD_REJECTION},
        noun="reason",
        label="Why the practice is declining",
    )
    reasons_other = TextField(label="Other reason", max_length=500, help_text='Needed if you ticked "Other".')

    sections = (
        *LetterForm.opening_sections,
        (
            "request",
            "The request",
            (
                "source_type",
                "category",
                "category_other",
                "request_summary",
                "request_date",
                "request_author",
                "contract_basis",
                "the_ask",
            ),
        ),
        ("reasons", "Reasons", ("reasons", "reasons_other")),
        LetterForm.signatory_section,
    )

    def _source_group(self) -> str:
        return (
            SourceGroup.PRIVATE
            if self.cleaned_data.get("source_type") in self.PRIVATE_SOURCES
            else SourceGroup.NHS
        )

    def clean(self) -> dict:
        data = super().clean()
        category = data.get("category")
        if category and data.get("source_type") and category.source_group != self._source_group():
            wanted = SourceGroup(self._source_group()).label
            self.add_error(
                "category",
                f"This kind of request is not offered for {wanted.lower()}; "
                "choose another or change where the request came from.",
            )
        self._require_other_text(
            "category",
            "category_other",
            'Describe the request, or choose a kind of request other than "Other".',
        )
        if category and "contract_basis" in data and "the_ask" in data:
            # Without JavaScript nothing fills these in the browser: take the category's own.
            data["contract_basis"] = data["contract_basis"] or self._basis_text(category)
            data["the_ask"] = data["the_ask"] or category.ask
        return data

    @staticmethod
    def _basis_text(category: RequestCategory) -> str:
        if category.contract_basis and category.contract_edition:
            return f"{category.contract_basis} ({category.contract_edition})"
        return category.contract_basis

    def letter_values(self) -> dict[str, str]:
        data = self.cleaned_data
        category = data["category"]
        return {
            "source_type": data["source_type"],
            "request_category": data["category_other"] if category.asks_for_text else category.label,
            "request_summary": data["request_summary"],
            "contract_basis": data["contract_basis"],
            "contract_edition": category.contract_edition,
            "the_ask": data["the_ask"],
        }

    def letter_conditions(self) -> set[str]:
        conditions = {
            Condition.PRIVATE_PROVIDER
            if self._source_group() == SourceGroup.PRIVATE
            else Condition.NHS_PROVIDER
        }
        if self.cleaned_data["contract_basis"]:
            conditions.add(Condition.HAS_CONTRACT_BASIS)
        if self.cleaned_data["request_summary"]:
            conditions.add(Condition.HAS_REQUEST_SUMMARY)
        return conditions

    def letter_asks(self) -> tuple[str, ...]:
        return (self.cleaned_data["the_ask"],) if self.cleaned_data["the_ask"] else ()
