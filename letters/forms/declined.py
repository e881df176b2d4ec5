"""Letter A: a referral declined, returned with advice, or turned into Advice and Guidance."""

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator

from letters.blocks import Condition
from letters.content import LetterFacts
from letters.forms.base import LetterForm
from letters.forms.fields import DateField, OptionChoiceField, OptionsField, TextField
from letters.models import Ask, Reason, Specialty
from letters.placeholders import LetterKind
from letters.services.facts import declined_referral_facts

# Working days to reply when the user leaves the box empty. Routine: NHS England's guidance on A&G
# expects routine replies within 10 working days; urgent: a few days (docs/letters.md).
DEFAULT_REPLY_DAYS = {"routine": 10, "urgent": 2}


class DeclinedReferralForm(LetterForm):
    """A referral the practice judged necessary, declined or answered with advice instead."""

    kind = LetterKind.DECLINED_REFERRAL

    PRIORITIES = [("routine", "Routine"), ("urgent", "Urgent")]
    # (how the letter says it, "returned to us …"; the label in the form)
    CHANNELS = [
        ("through e-RS Advice and Guidance", "e-RS Advice and Guidance"),
        ("through the Referral Assessment Service", "Referral Assessment Service (RAS)"),
        ("by letter", "Letter"),
        ("as a Task in our clinical system", "Task in the clinical system"),
        ("through the single point of access", "Single point of access"),
    ]
    TONES = [
        (Condition.FIRST_REQUEST, "Our first letter about this referral"),
        (Condition.SECOND_REQUEST, "A second request: our first letter had no reply"),
        (Condition.ESCALATION, "An escalation to the provider's medical director"),
    ]

    referral_date = DateField(
        label="Date of the referral", required_message="Enter the date of the referral."
    )
    ubrn = TextField(
        label="e-RS booking reference (UBRN)",
        max_length=20,
        identifier=True,
        help_text="12 digits, from the e-RS booking.",
        validators=[
            RegexValidator(
                r"^\d{4}[\s-]?\d{4}[\s-]?\d{4}$", "Enter the UBRN as 12 digits, e.g. 0001 2345 6789."
            )
        ],
    )
    specialty = OptionChoiceField(Specialty, noun="a specialty", label="Specialty")
    specialty_other = TextField(
        label="Specialty, if not in the list",
        max_length=120,
        conditional=True,
        help_text='Needed if you chose "Other", e.g. "paediatric neurology".',
    )
    priority = forms.ChoiceField(
        label="Priority of the referral",
        choices=PRIORITIES,
        widget=forms.RadioSelect,
        initial="routine",
        error_messages={
            "invalid_choice": "Choose routine or urgent.",
            "required": "Choose routine or urgent.",
        },
    )
    rejection_date = DateField(
        label="Date of their reply", required_message="Enter the date of the reply declining the referral."
    )
    rejection_channel = forms.ChoiceField(
        label="How the reply came",
        choices=[("", "Choose how the reply came"), *CHANNELS],
        error_messages={
            "invalid_choice": "Choose how the reply came from the list.",
            "required": "Choose how the reply came.",
        },
    )
    triaging_clinician = TextField(
        label="Clinician who gave the advice",
        max_length=120,
        help_text="Name and role, if the reply gives them. Left blank, the letter says no named clinician "
        "was given.",
    )
    advice_summary = TextField(
        label="Summary of the advice",
        max_length=1000,
        multiline=True,
        help_text="A sentence or two, without patient identifiers; up to 1000 characters.",
    )
    reasons = OptionsField(
        Reason,
        where={"letter_kind": LetterKind.DECLINED_REFERRAL},
        noun="reason",
        label="Why Advice and Guidance is not clinically appropriate: the patient needs to be seen because",
    )
    reasons_other = TextField(
        label="Other reason",
        max_length=500,
        conditional=True,
        help_text='Needed if you ticked "Other". Written to follow "the patient needs to be seen because".',
    )
    asks = OptionsField(Ask, noun="request", label="What you ask the provider to do")
    asks_other = TextField(
        label="Other request",
        max_length=500,
        conditional=True,
        help_text='Needed if you ticked "Other". Start with a verb.',
    )
    response_days = forms.IntegerField(
        label="Reply within (working days)",
        required=False,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        error_messages={
            "invalid": "Enter the number of working days as a whole number, e.g. 10.",
            "min_value": "Enter at least 1 working day.",
            "max_value": "Enter 60 working days or fewer.",
        },
        widget=forms.NumberInput(attrs={"class": "input--short", "inputmode": "numeric"}),
        help_text="Leave blank for 10 working days for a routine referral, 2 for an urgent one.",
    )
    tone = forms.ChoiceField(
        label="Is this",
        choices=TONES,
        widget=forms.RadioSelect,
        initial=Condition.FIRST_REQUEST,
        error_messages={
            "invalid_choice": "Choose the kind of letter from the list.",
            "required": "Choose the kind of letter.",
        },
    )
    first_letter_date = DateField(
        label="Date of your first letter",
        conditional=True,
        help_text="For a second request or an escalation: the date of the practice's first letter.",
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
                "specialty_other",
                "priority",
                "rejection_date",
                "rejection_channel",
                "triaging_clinician",
                "advice_summary",
            ),
        ),
        (
            "reasons",
            "Why the patient needs to be seen, and what you ask for",
            ("reasons", "reasons_other", "asks", "asks_other", "response_days", "tone", "first_letter_date"),
        ),
        LetterForm.signatory_section,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        phone = self.fields["practice_phone"]
        phone.conditional = True
        phone.help_text = "Needed for an urgent referral, so the provider can call the practice."
        phone.widget.attrs["aria-describedby"] = "id_practice_phone-hint"

    def clean(self) -> dict:
        data = super().clean()
        letter_date = data.get("letter_date")
        self.check_not_after("referral_date", letter_date, "The referral cannot be dated after the letter.")
        self.check_not_after("rejection_date", letter_date, "The reply cannot be dated after the letter.")
        self.check_not_after(
            "referral_date",
            data.get("rejection_date"),
            "The referral date must be on or before the date of the reply.",
        )
        self.require_other_text(
            "specialty",
            "specialty_other",
            'Type the specialty, or choose one from the list other than "Other".',
        )
        self.require_other_text("reasons", "reasons_other", 'Describe the other reason, or untick "Other".')
        self.require_other_text("asks", "asks_other", 'Describe the other request, or untick "Other".')
        if data.get("tone") in (Condition.SECOND_REQUEST, Condition.ESCALATION):
            if not data.get("first_letter_date") and "first_letter_date" not in self.errors:
                self.add_error(
                    "first_letter_date",
                    "Enter the date of your first letter: a second request or escalation says when you "
                    "first wrote.",
                )
            self.check_not_after(
                "first_letter_date", letter_date, "Your first letter cannot be dated after this one."
            )
            self.check_not_after(
                "rejection_date",
                data.get("first_letter_date"),
                "Your first letter must be on or after the date of their reply.",
            )
        urgent = data.get("priority") == "urgent"
        if urgent and not data.get("practice_phone") and "practice_phone" not in self.errors:
            self.add_error(
                "practice_phone",
                "Enter the practice phone number: an urgent letter gives the provider a number to call.",
            )
        needs_default = not data.get("response_days") and "response_days" not in self.errors
        if data.get("priority") in DEFAULT_REPLY_DAYS and needs_default:
            data["response_days"] = DEFAULT_REPLY_DAYS[data["priority"]]
        return data

    def facts(self, *, icb_name: str) -> LetterFacts:
        """The validated answers as ``LetterFacts`` (call only after ``is_valid()``)."""
        return declined_referral_facts(answers=self.cleaned_data, icb_name=icb_name)
