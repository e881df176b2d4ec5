"""The blocks a letter's wording is built from. Editors write text; the generator fills it in."""

from wagtail import blocks

PLACEHOLDER_HELP = "Use placeholders in braces, e.g. {patient_name}; the list is in the letter type's help."


class Condition:
    """When a conditional paragraph appears. Each is worked out from the form, never from code."""

    URGENT = "urgent"
    FIRST_REQUEST = "first_request"
    SECOND_REQUEST = "second_request"
    ESCALATION = "escalation"
    NO_NAMED_CLINICIAN = "no_named_clinician"
    HAS_RESPONSE_DAYS = "has_response_days"
    COPY_TO_PATIENT = "copy_to_patient"
    NHS_PROVIDER = "nhs_provider"
    PRIVATE_PROVIDER = "private_provider"
    HAS_CONTRACT_BASIS = "has_contract_basis"
    HAS_ADVICE_SUMMARY = "has_advice_summary"
    HAS_REQUEST_SUMMARY = "has_request_summary"
    HAS_REQUEST_DATE = "has_request_date"
    HAS_REQUEST_AUTHOR = "has_request_author"

    CHOICES = [
        (URGENT, "The referral was urgent"),
        (FIRST_REQUEST, "Tone: first request"),
        (SECOND_REQUEST, "Tone: second request"),
        (ESCALATION, "Tone: escalation to the medical director"),
        (NO_NAMED_CLINICIAN, "No named clinician was given"),
        (HAS_RESPONSE_DAYS, "A reply deadline (working days) was given"),
        (COPY_TO_PATIENT, "A copy goes to the patient"),
        (NHS_PROVIDER, "The request came from an NHS provider"),
        (PRIVATE_PROVIDER, "The request came from a private provider"),
        (HAS_CONTRACT_BASIS, "A contract basis is given"),
        (HAS_ADVICE_SUMMARY, "A summary of the advice is given"),
        (HAS_REQUEST_SUMMARY, "A summary of the request is given"),
        (HAS_REQUEST_DATE, "The date of the request is given"),
        (HAS_REQUEST_AUTHOR, "Who made the request is given"),
    ]


class OptionList:
    """Which chosen options a list block shows."""

    REASONS = "reasons"
    ASKS = "asks"

    CHOICES = [(REASONS, "The reasons chosen"), (ASKS, "What the letter asks for")]


class HeadingBlock(blocks.CharBlock):
    class Meta:
        icon = "title"
        help_text = "The subject line, printed in bold. " + PLACEHOLDER_HELP


class ParagraphBlock(blocks.TextBlock):
    class Meta:
        icon = "pilcrow"
        help_text = PLACEHOLDER_HELP


class OptionListBlock(blocks.StructBlock):
    intro = blocks.TextBlock(required=False, help_text="Text before the list. " + PLACEHOLDER_HELP)
    options = blocks.ChoiceBlock(choices=OptionList.CHOICES)

    class Meta:
        icon = "list-ul"
        help_text = "A bulleted list of what the user chose."


class ConditionalParagraphBlock(blocks.StructBlock):
    condition = blocks.ChoiceBlock(choices=Condition.CHOICES)
    text = blocks.TextBlock(help_text=PLACEHOLDER_HELP)

    class Meta:
        icon = "help"
        help_text = "A paragraph that appears only when the condition holds."


class PatientDetailsBlock(blocks.StaticBlock):
    class Meta:
        icon = "user"
        admin_text = "The patient's details, as a table (left out of the copy without identifiers)."


class SignatureBlock(blocks.StructBlock):
    closing = blocks.CharBlock(default="Yours sincerely")

    class Meta:
        icon = "edit"
        help_text = "The closing words, then the signatory's name, role and practice."


class LetterBodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    option_list = OptionListBlock()
    conditional_paragraph = ConditionalParagraphBlock()
    patient_details = PatientDetailsBlock()
    signature = SignatureBlock()
