"""The blocks a letter's wording is built from. Editors write text; the generator fills it in."""

from wagtail import blocks

from letters.validation import validate_editor_text

PLACEHOLDER_HELP = "Use placeholders in braces, e.g. {patient_name}; the list is in the letter type's help."
EDITOR_TEXT = [validate_editor_text]


class Condition:
    """When a conditional paragraph appears. Each is worked out from the form, never from code."""

    URGENT = "urgent"
    ROUTINE = "routine"
    FIRST_REQUEST = "first_request"
    SECOND_REQUEST = "second_request"
    ESCALATION = "escalation"
    MEDICAL_DIRECTOR_COPIED = "medical_director_copied"
    MEDICAL_DIRECTOR_ADDRESSED = "medical_director_addressed"
    NAMED_CLINICIAN = "named_clinician"
    NO_NAMED_CLINICIAN = "no_named_clinician"
    HAS_ADVICE_SUMMARY = "has_advice_summary"
    HAS_PRACTICE_PHONE = "has_practice_phone"
    NHS_PROVIDER = "nhs_provider"
    PRIVATE_PROVIDER = "private_provider"
    ONE_REQUEST = "one_request"
    SEVERAL_REQUESTS = "several_requests"
    DONE_ONCE = "done_once"
    TIME_CRITICAL = "time_critical"

    CHOICES = [
        (URGENT, "The referral was urgent"),
        (ROUTINE, "The referral was routine"),
        (FIRST_REQUEST, "Tone: first request"),
        (SECOND_REQUEST, "Tone: second request"),
        (ESCALATION, "Tone: escalation to the medical director"),
        (MEDICAL_DIRECTOR_COPIED, "Escalation, copied to the medical director"),
        (MEDICAL_DIRECTOR_ADDRESSED, "Escalation, addressed to the medical director"),
        (NAMED_CLINICIAN, "The clinician who gave the advice is named"),
        (NO_NAMED_CLINICIAN, "No named clinician was given"),
        (HAS_ADVICE_SUMMARY, "A summary of the advice is given"),
        (HAS_PRACTICE_PHONE, "The practice gave a phone number"),
        (NHS_PROVIDER, "The request came from an NHS or NHS-funded provider"),
        (PRIVATE_PROVIDER, "The request came from a private provider"),
        (ONE_REQUEST, "The letter answers one request"),
        (SEVERAL_REQUESTS, "The letter answers several requests"),
        (DONE_ONCE, "The practice did something once to keep the patient safe"),
        (TIME_CRITICAL, "A time-critical request (medicines, fit notes, results) was not done once"),
    ]


class OptionList:
    """Which chosen options a list block shows."""

    REASONS = "reasons"
    ASKS = "asks"
    PATIENT_ADVICE = "patient_advice"

    CHOICES = [
        (REASONS, "The reasons chosen"),
        (ASKS, "What the letter asks for"),
        (PATIENT_ADVICE, "Advice for the patient, one per kind of request (workload letter)"),
    ]


class HeadingBlock(blocks.CharBlock):
    def __init__(self, **kwargs):
        super().__init__(validators=EDITOR_TEXT, **kwargs)

    class Meta:
        icon = "title"
        help_text = "A line printed in bold, such as the subject. " + PLACEHOLDER_HELP


class ParagraphBlock(blocks.TextBlock):
    def __init__(self, **kwargs):
        super().__init__(validators=EDITOR_TEXT, **kwargs)

    class Meta:
        icon = "pilcrow"
        help_text = PLACEHOLDER_HELP


class OptionListBlock(blocks.StructBlock):
    intro = blocks.TextBlock(
        required=False, validators=EDITOR_TEXT, help_text="Text before the list. " + PLACEHOLDER_HELP
    )
    options = blocks.ChoiceBlock(choices=OptionList.CHOICES)

    class Meta:
        icon = "list-ul"
        help_text = "A bulleted list of what the user chose, each item from its phrase in the letter."


class ConditionalParagraphBlock(blocks.StructBlock):
    condition = blocks.ChoiceBlock(choices=Condition.CHOICES)
    text = blocks.TextBlock(validators=EDITOR_TEXT, help_text=PLACEHOLDER_HELP)
    bold = blocks.BooleanBlock(required=False, help_text="Print in bold, like a subject line.")

    class Meta:
        icon = "help"
        help_text = "A paragraph that appears only when the condition holds."


class PatientDetailsBlock(blocks.StaticBlock):
    class Meta:
        icon = "user"
        admin_text = (
            'The bold "Re:" lines naming the patient (name, date of birth, NHS number, hospital number '
            "and any e-RS reference). Put it after the greeting. The copy without identifiers says the "
            "details are left out instead."
        )


class RequestsBlock(blocks.StructBlock):
    """Each request the workload letter returns: what was asked, why it is the provider's, the ask."""

    asked = blocks.TextBlock(
        default="You asked the practice {request}.",
        validators=EDITOR_TEXT,
        help_text="Opens each request. {request} is the kind of request's phrase.",
    )
    done_once = blocks.TextBlock(
        default="To keep the patient safe, we have done this once; please make sure your team does it in "
        "future.",
        validators=EDITOR_TEXT,
        help_text='Printed after a request the practice did once "to keep the patient safe".',
    )
    show_asks = blocks.BooleanBlock(
        default=True,
        required=False,
        help_text="Print what the letter asks the provider to do. Untick for a letter to someone other "
        "than the provider, such as the report to the ICB (why each request is the provider's still shows).",
    )

    class Meta:
        icon = "list-ol"
        help_text = (
            "Each request the letter answers: what was asked, the user's details, why it belongs with the "
            "provider and what the letter asks (from the kinds of request). Numbered when there are several."
        )


class SignatureBlock(blocks.StructBlock):
    closing = blocks.CharBlock(default="Yours sincerely", validators=EDITOR_TEXT)

    class Meta:
        icon = "edit"
        help_text = "The closing words, then the signatory's name, role and practice, then any copies (cc)."


class LetterBodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    option_list = OptionListBlock()
    conditional_paragraph = ConditionalParagraphBlock()
    patient_details = PatientDetailsBlock()
    requests = RequestsBlock()
    signature = SignatureBlock()
