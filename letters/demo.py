"""Demo content for the letters: wording and option lists. Idempotent.

Existing entries (matched by label, or by letter type for the wording) are left alone, so LMC staff's
edits survive a re-run. Everything seeded is published, with a first revision.
"""

from letters.blocks import Condition, OptionList
from letters.models import Ask, LetterTemplate, Provider, Reason, RequestCategory, SourceGroup, Specialty
from letters.placeholders import LetterKind

NHS, PRIVATE = SourceGroup.NHS, SourceGroup.PRIVATE
OTHER = "Other (describe it)"

SPECIALTIES = [
    "Cardiology",
    "Dermatology",
    "Ear, nose and throat",
    "Endocrinology",
    "Gastroenterology",
    "General surgery",
    "Gynaecology",
    "Neurology",
    "Ophthalmology",
    "Orthopaedics",
    "Paediatrics",
    "Respiratory medicine",
    "Rheumatology",
    "Urology",
]

PROVIDERS = [
    ("Hull University Teaching Hospitals NHS Trust", "Hull Royal Infirmary\nAnlaby Road\nHull", NHS),
    (
        "Northern Lincolnshire and Goole NHS Foundation Trust",
        "Diana, Princess of Wales Hospital\nScartho Road\nGrimsby",
        NHS,
    ),
    ("Humber Teaching NHS Foundation Trust", "Willerby Hill\nBeverley Road\nWillerby", NHS),
    ("City Health Care Partnership CIC", "Hull", NHS),
    ("A private hospital (edit me)", "", PRIVATE),
]

# (label, source group, contract basis, edition, the ask)
CATEGORIES = [
    (
        "Onward referral to another specialty",
        NHS,
        "NHS Standard Contract SC8 (onward referral)",
        "2017/18",
        "Please make the onward referral yourselves and tell the patient.",
    ),
    (
        "Re-referral after a missed appointment",
        NHS,
        "NHS Standard Contract SC6 (local access policy; no blanket discharge after a missed appointment)",
        "2017/18",
        "Please offer the patient a new appointment.",
    ),
    (
        "Arranging tests the hospital wants",
        NHS,
        "The provider carries out every step of its own care pathway (NHS England key messages)",
        "2017",
        "Please request and carry out the tests yourselves.",
    ),
    (
        "Chasing or acting on results of hospital-requested tests",
        NHS,
        "NHS Standard Contract SC12.2: the clinician who requests a test owns its result",
        "2017/18",
        "Please review the result, act on it and tell the patient.",
    ),
    (
        "Fit note (Med3) for a patient under hospital care",
        NHS,
        "NHS Standard Contract SC11.11 (fit notes)",
        "2017/18",
        "Please issue the fit note for the whole expected period of absence.",
    ),
    (
        "Medicine needed urgently after an outpatient visit",
        NHS,
        "NHS Standard Contract SC11.10 (outpatient medicines)",
        "2017/18",
        "Please supply the first supply of the medicine.",
    ),
    (
        "Discharge medication too short or missing",
        NHS,
        "NHS Standard Contract SC11.9 (discharge medicines: at least 7 days)",
        "2017/18",
        "Please supply at least the contractual minimum of medication.",
    ),
    (
        "Specialist (amber or red) drugs without an agreed shared-care protocol",
        NHS,
        "NHS Standard Contract SC11.3–11.4; NHS England guidance on prescribing responsibility",
        "2018",
        "Please keep prescribing until shared care has been offered and accepted.",
    ),
    (
        "Monitoring, post-operative or wound checks",
        NHS,
        "The provider carries out every step of its own care pathway; not commissioned from general practice",
        "2017",
        "Please arrange this yourselves, or ask the ICB to commission it.",
    ),
    (
        'Recall requests ("refer back or re-refer in a few years")',
        NHS,
        "Call and recall stays with the provider (delivery plan for recovering access, 2023)",
        "2023",
        "Please keep the patient under your care and recall them yourselves.",
    ),
    (
        "Actions from clinic letters or discharge summaries",
        NHS,
        "NHS Standard Contract SC11.5 and SC11.7",
        "2017/18",
        "Please carry out the actions yourselves, or give clear instructions with the reason for each.",
    ),
    (
        'Patient told to "contact your GP" about hospital care',
        NHS,
        "NHS Standard Contract SC12.2 (clear points of contact)",
        "2017/18",
        "Please answer the patient's questions directly.",
    ),
    (
        "Trust referral form demanded",
        NHS,
        "There is no contractual duty to use a provider's referral forms",
        "",
        "Please accept the referral as it was sent.",
    ),
    (
        "Pre-operative work-up",
        NHS,
        "The provider carries out every step of its own care pathway",
        "2017",
        "Please have your pre-operative service manage this.",
    ),
    (
        "Request sent as a clinical-system Task",
        NHS,
        "Humberside LMC guidance on Tasks in clinical systems",
        "",
        "Please send the request again as a letter or a referral.",
    ),
    (OTHER, NHS, "", "", ""),
    (
        "Tests for private care",
        PRIVATE,
        "NHS and private care are kept separate (Department of Health guidance, 2009)",
        "2009",
        "Please arrange the tests as part of the private care.",
    ),
    (
        "Prescribing medicines started privately",
        PRIVATE,
        "NHS and private care are kept separate (Department of Health guidance, 2009)",
        "2009",
        "Please keep prescribing the medicine privately.",
    ),
    (
        "Shared care with a private provider",
        PRIVATE,
        "No shared-care agreement covers private care",
        "",
        "Please keep prescribing and monitoring yourselves.",
    ),
    (
        "Supplying the patient's records",
        PRIVATE,
        "The patient can see their record in the NHS App or make a subject access request",
        "",
        "Please ask the patient for their records, or for consent to a subject access request.",
    ),
    (
        "Onward NHS referral",
        PRIVATE,
        "The GP decides on clinical grounds whether an NHS referral is needed",
        "",
        "Please send us your clinical findings; we will decide whether an NHS referral is needed.",
    ),
    (OTHER, PRIVATE, "", "", ""),
]

DECLINED_REASONS = [
    "The patient needs an examination or assessment that cannot be done remotely.",
    "The advice needs tests or treatment that are not available or not commissioned in general practice.",
    "The problem is outside GP competence or needs specialist monitoring.",
    "The advice has already been followed without improvement.",
    "There is diagnostic uncertainty, red-flag features or repeated presentation.",
    "The patient has chosen to be seen, as is their legal right.",
    "The advice came without a named clinician or is too brief to act on.",
    OTHER,
]
WORKLOAD_REASONS = [
    "It is not part of the practice's GMS/PMS obligations (GMS Regulations 2015, regulation 17).",
    "The NHS Standard Contract places this work with the provider.",
    "It is not commissioned from general practice by the ICB.",
    "It is not funded by an enhanced service.",
    "It needs specialist expertise.",
    "There is no shared-care agreement in place.",
    "The clinician who requested the test owns the result.",
    "Private care is outside NHS primary medical services.",
    OTHER,
]
ASKS = [
    "Accept the referral as made and book the patient.",
    "Restore the patient's original place on the waiting list.",
    "Tell the patient directly what is happening.",
    "Tell us the name of the clinician now responsible.",
    OTHER,
]


def _p(text: str) -> tuple[str, str]:
    return ("paragraph", text)


def _if(condition: str, text: str) -> tuple[str, dict]:
    return ("conditional_paragraph", {"condition": condition, "text": text})


def _list(options: str, intro: str) -> tuple[str, dict]:
    return ("option_list", {"options": options, "intro": intro})


SIGNATURE = ("signature", {"closing": "Yours sincerely"})
PATIENT = ("patient_details", None)

DECLINED_BODY = [
    ("heading", "Referral to {specialty} declined: please accept the referral"),
    PATIENT,
    _p("Dear {recipient_name},"),
    _p(
        "On {referral_date} we referred the patient above to {specialty} ({priority}). On "
        "{rejection_date} the referral was declined through {rejection_channel} and advice was offered "
        "instead."
    ),
    _if(Condition.HAS_ADVICE_SUMMARY, "In summary, the advice was: {advice_summary}"),
    _if(Condition.NO_NAMED_CLINICIAN, "The reply did not name the clinician who looked at the referral."),
    _if(Condition.HAS_REQUEST_DATE, "This letter answers your message of {request_date}."),
    _if(Condition.HAS_REQUEST_AUTHOR, "That message was sent by {request_author}."),
    _p(
        "Advice and Guidance can help, but it has never been compulsory. The NHS Standard Contract asks "
        "providers to accept referrals made in line with the agreed referral routes, and until a specialist "
        "accepts the patient the referring GP keeps clinical responsibility for care we cannot safely give."
    ),
    _list(OptionList.REASONS, "The patient still needs to be seen by your team because:"),
    _list(OptionList.ASKS, "We therefore ask you to:"),
    _if(Condition.URGENT, "This was an urgent referral; please deal with this letter as urgent."),
    _if(Condition.HAS_RESPONSE_DAYS, "Please reply within {response_days} working days."),
    _if(
        Condition.SECOND_REQUEST,
        "This is our second letter about this referral; we have not had a reply to the first.",
    ),
    _if(
        Condition.ESCALATION,
        "Earlier letters have not settled this, so we are copying this letter to your medical director and "
        "asking for their help.",
    ),
    _if(Condition.COPY_TO_PATIENT, "A copy of this letter goes to the patient."),
    SIGNATURE,
]
DECLINED_NOTE = [
    ("heading", "About your referral to {specialty}"),
    _p("Dear {patient_name},"),
    _p(
        "On {referral_date} we asked the {specialty} team at {recipient_organisation} to see you. They "
        "replied with advice for us instead of an appointment for you."
    ),
    _p(
        "We think you still need to see the specialist team, so we have written asking them to accept the "
        "referral. They may contact you directly."
    ),
    _p(
        "If you get worse in the meantime, contact the practice as usual, or call 111 or 999 in an emergency."
    ),
    SIGNATURE,
]
WORKLOAD_BODY = [
    ("heading", "Request for the practice to take on work: {request_category}"),
    PATIENT,
    _p("Dear {recipient_name},"),
    _p(
        "We have received a request from {recipient_organisation} for the practice to take on: "
        "{request_category}."
    ),
    _if(Condition.HAS_REQUEST_SUMMARY, "The request was: {request_summary}"),
    _if(Condition.HAS_REQUEST_DATE, "The request is dated {request_date}."),
    _if(Condition.HAS_REQUEST_AUTHOR, "It was made by {request_author}."),
    _list(OptionList.REASONS, "We have considered it carefully and cannot take this work on, because:"),
    _if(Condition.HAS_CONTRACT_BASIS, "Contract basis: {contract_basis}."),
    _if(
        Condition.PRIVATE_PROVIDER,
        "NHS care and private care are kept separate: the provider a patient chooses for private care is "
        "responsible for the tests, prescriptions and follow-up that care needs.",
    ),
    _list(OptionList.ASKS, "What we ask:"),
    _p(
        "This is not a refusal to care for the patient, and the practice will go on providing everything its "
        "contract covers. If you believe this work has been commissioned from general practice, please "
        "send us "
        "the details of that agreement."
    ),
    _if(Condition.COPY_TO_PATIENT, "A copy of this letter goes to the patient."),
    SIGNATURE,
]
WORKLOAD_NOTE = [
    ("heading", "About a request from {recipient_organisation}"),
    _p("Dear {patient_name},"),
    _p(
        "{recipient_organisation} asked your GP practice to do something that is part of their own care for "
        "you: {request_category}."
    ),
    _p(
        "We have asked them to do it themselves, as the NHS contract expects, so that the team who know what "
        "is needed can do it without delay."
    ),
    _p(
        "If you have not heard from them within two weeks, please contact them using the details on their "
        "letter. If you feel unwell, contact the practice as usual."
    ),
    SIGNATURE,
]
TEMPLATES = [
    (LetterKind.DECLINED_REFERRAL, "Declined referral (Advice and Guidance)", DECLINED_BODY, DECLINED_NOTE),
    (LetterKind.WORKLOAD_REJECTION, "Workload rejection", WORKLOAD_BODY, WORKLOAD_NOTE),
]


def _publish_new(model, lookup: dict, defaults: dict) -> bool:
    """Create and publish an entry unless one matching ``lookup`` exists; True when created."""
    if model.objects.filter(**lookup).exists():
        return False
    obj = model(**lookup, **defaults)
    if hasattr(obj, "sort_order"):
        obj.sort_order = model.objects.count()  # new entries go to the end of the editors' order
    obj.save()
    obj.save_revision().publish()
    return True


def load(stdout) -> None:
    """Seed the letter templates and option lists (a second run changes nothing)."""
    created = 0
    for label in SPECIALTIES:
        created += _publish_new(Specialty, {"label": label}, {})
    for label, address, group in PROVIDERS:
        created += _publish_new(Provider, {"label": label}, {"address": address, "source_group": group})
    for label, group, basis, edition, ask in CATEGORIES:
        created += _publish_new(
            RequestCategory,
            {"label": label, "source_group": group},
            {
                "contract_basis": basis,
                "contract_edition": edition,
                "ask": ask,
                "asks_for_text": label == OTHER,
            },
        )
    for kind, labels in (
        (LetterKind.DECLINED_REFERRAL, DECLINED_REASONS),
        (LetterKind.WORKLOAD_REJECTION, WORKLOAD_REASONS),
    ):
        for label in labels:
            created += _publish_new(
                Reason, {"label": label, "letter_kind": kind}, {"asks_for_text": label == OTHER}
            )
    for label in ASKS:
        created += _publish_new(Ask, {"label": label}, {"asks_for_text": label == OTHER})
    for kind, title, body, note in TEMPLATES:
        created += _publish_new(
            LetterTemplate, {"kind": kind}, {"title": title, "body": body, "patient_note": note}
        )
    stdout.write(f"Letters: {created} wording and option entries created.")
