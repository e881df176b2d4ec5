"""Demo wording of the two letters, their notes for the patient and their reports to the ICB.

In our own words; every fact it relies on is listed with its source in docs/letters.md. Citations of
the NHS Standard Contract come from data ({sc6}, and each category's {service_condition}), so a
title checked against an old edition is never printed as current.
"""

from letters.blocks import Condition, OptionList
from letters.placeholders import LetterKind


def _p(text: str) -> tuple[str, str]:
    return ("paragraph", text)


def _if(condition: str, text: str, *, bold: bool = False) -> tuple[str, dict]:
    return ("conditional_paragraph", {"condition": condition, "text": text, "bold": bold})


def _list(options: str, intro: str) -> tuple[str, dict]:
    return ("option_list", {"options": options, "intro": intro})


def _requests(asked: str, done_once: str, *, show_asks: bool = True) -> tuple[str, dict]:
    return ("requests", {"asked": asked, "done_once": done_once, "show_asks": show_asks})


SIGNATURE = ("signature", {"closing": "Yours sincerely"})
PATIENT = ("patient_details", None)
GREETING = _p("Dear {recipient_name},")
NO_IDENTIFIERS = "We have left out the patient's details, anything typed as free text and exact dates."
UNWELL = "If you feel unwell, contact the practice as usual, or call NHS 111. In an emergency, call 999."

DECLINED_BODY = [
    _if(Condition.URGENT, "URGENT: please reply within {response_days} working days", bold=True),
    _if(
        Condition.SECOND_REQUEST, "SECOND REQUEST: our first letter was dated {first_letter_date}", bold=True
    ),
    _if(Condition.MEDICAL_DIRECTOR_ADDRESSED, "FOR THE ATTENTION OF THE MEDICAL DIRECTOR", bold=True),
    _if(Condition.MEDICAL_DIRECTOR_COPIED, "ESCALATION: copied to your medical director", bold=True),
    GREETING,
    PATIENT,
    ("heading", "Referral to {specialty}, dated {referral_date}: please accept and book"),
    _if(
        Condition.SECOND_REQUEST,
        "We wrote to you about this referral in our letter of {first_letter_date} and have had no reply. We "
        "are writing again because the patient still needs to be seen. If we do not hear from you within "
        "{response_days} working days, we will ask your medical director for help.",
    ),
    _if(
        Condition.ESCALATION,
        "We first wrote about this referral in our letter of {first_letter_date}, and it has not been "
        "resolved.",
    ),
    _if(
        Condition.MEDICAL_DIRECTOR_COPIED,
        "We are therefore copying this letter to your medical director to ask for their help.",
    ),
    _if(
        Condition.MEDICAL_DIRECTOR_ADDRESSED,
        "We are therefore writing to you, as medical director, to ask for your help.",
    ),
    _p(
        "Our {priority} referral of this patient to {specialty}, dated {referral_date}, was returned to us "
        "{rejection_channel} with advice instead of an appointment. The reply is dated {rejection_date}."
    ),
    _if(Condition.NAMED_CLINICIAN, "The advice was given by {triaging_clinician}."),
    _if(Condition.NO_NAMED_CLINICIAN, "The reply did not name the clinician who gave the advice."),
    _if(Condition.HAS_ADVICE_SUMMARY, "In summary, the advice was: “{advice_summary}”"),
    _p(
        # "Advice in place of an appointment", not "Advice and Guidance": the reply may have come through
        # a Referral Assessment Service, a letter or a Task.
        "Thank you for the advice, which we have considered. We judge that advice in place of an "
        "appointment is not clinically appropriate for this patient, who needs to be seen by your service."
    ),
    _list(OptionList.REASONS, "In particular:"),
    _p(
        "Advice and Guidance supports referral; it does not replace it. It should be used only where it is "
        "clinically appropriate, and it does not take away a GP's ability to refer a patient who needs "
        "specialist care, nor should it block or unduly delay that referral. Under {sc6}, providers are "
        "expected to accept referrals made through the agreed routes. NHS England's guidance on Advice and "
        "Guidance says that the clinician who gives advice is accountable for it if it is not clinically "
        "appropriate, and for a decision not to accept a patient."
    ),
    _list(OptionList.ASKS, "We therefore ask you to:"),
    _if(
        Condition.URGENT,
        "As this is an urgent referral, please deal with it before routine work and reply within "
        "{response_days} working days.",
    ),
    _if(Condition.ROUTINE, "Please reply within {response_days} working days."),
    _if(
        Condition.HAS_PRACTICE_PHONE,
        "To discuss this patient, please phone the practice on {practice_phone}.",
    ),
    SIGNATURE,
]
DECLINED_NOTE = [
    ("heading", "Your referral to {specialty}"),
    _p("Dear {patient_name},"),
    _p(
        "The practice referred you to the {specialty} team at {recipient_organisation}. They replied with "
        "advice for us instead of offering you an appointment."
    ),
    _p(
        "We think you need to be seen by the specialist team, so we have written asking them to accept the "
        "referral. They should contact you directly to tell you what happens next."
    ),
    _if(Condition.ROUTINE, "If you have not heard from the hospital within two weeks, contact the practice."),
    _if(Condition.URGENT, "If you have not heard from the hospital within a few days, contact the practice."),
    _p(
        "If your symptoms get worse, or you notice new symptoms, do not wait for the hospital: contact the "
        "practice, or call NHS 111. In an emergency, call 999."
    ),
    SIGNATURE,
]
DECLINED_ICB_REPORT = [
    ("heading", "A referral returned with advice instead of an appointment"),
    GREETING,
    _p(
        "We are writing to tell you, as commissioner, about a referral from our practice that "
        "{recipient_organisation} did not accept. Our {priority} referral to {specialty}, dated "
        "{referral_date}, was returned {rejection_channel} with advice instead of an appointment. "
        "We judged that advice in place of an appointment was not clinically appropriate for this "
        "patient, and we have written to the provider asking it to accept the referral."
    ),
    _if(
        Condition.SECOND_REQUEST,
        "This is our second letter to the provider about this referral; our first, dated "
        "{first_letter_date}, had no reply.",
    ),
    _if(
        Condition.ESCALATION,
        "We have written to the provider about this referral before, and have now asked its medical "
        "director for help.",
    ),
    _list(OptionList.REASONS, "The patient needs to be seen because:"),
    _p(
        "Under {sc6}, providers are expected to accept referrals made through the agreed routes. Please "
        "raise this with the provider and tell us the outcome."
    ),
    _p(NO_IDENTIFIERS),
    SIGNATURE,
]

WORKLOAD_BODY = [
    # First, where it cannot be missed, as "URGENT" on the declined-referral letter.
    _if(
        Condition.TIME_CRITICAL,
        "TIME-CRITICAL: this letter includes work the patient needs promptly. Please deal with it, and "
        "contact the practice if you cannot.",
        bold=True,
    ),
    GREETING,
    PATIENT,
    ("heading", "Work requested of the practice"),
    _if(
        Condition.NHS_PROVIDER,
        "Thank you for {your_letter}, which we have considered carefully. We are returning the work it asks "
        "of the practice to you, as set out below.",
    ),
    _if(
        Condition.PRIVATE_PROVIDER,
        "Thank you for {your_letter}, which we have considered carefully. The work it asks of the practice "
        "is part of the private care the patient has chosen, which is kept separate from their NHS care, so "
        "we are returning it to you.",
    ),
    _requests(
        "You asked the practice {request}.",
        "To keep the patient safe, we have done this once; please make sure your team does it in future.",
    ),
    _list(OptionList.REASONS, "We are returning this work because:"),
    _if(
        Condition.NHS_PROVIDER,
        "This is not a refusal to care for the patient: the practice will continue to provide everything "
        "its {practice_contract} covers. If this work has been commissioned from general practice in our "
        "area and we have missed it, please send us the details of that agreement.",
    ),
    _if(
        Condition.PRIVATE_PROVIDER,
        "This is not a refusal to care for the patient: the practice will continue to provide their NHS "
        "care. If the patient would like NHS care for this condition, you can refer them to NHS services "
        "directly where they are eligible, or send us your findings.",
    ),
    _if(
        Condition.HAS_PRACTICE_PHONE,
        "To discuss this patient, please phone the practice on {practice_phone}.",
    ),
    SIGNATURE,
]
WORKLOAD_NOTE = [
    ("heading", "A request from {recipient_organisation}"),
    _p("Dear {patient_name},"),
    _if(
        Condition.NHS_PROVIDER,
        "{recipient_organisation} asked your GP practice to do work that is part of the care they are "
        "giving you, so we have asked them to do it themselves.",
    ),
    _if(
        Condition.PRIVATE_PROVIDER,
        "{recipient_organisation} asked your GP practice to do work that is part of the private care you "
        "have chosen. Private care is kept separate from your NHS care, so we have asked them to do it "
        "themselves.",
    ),
    _if(
        Condition.DONE_ONCE,
        "Where waiting could have put you at risk, we have done it for you this time; in future, the team "
        "treating you should do it.",
    ),
    _list(OptionList.PATIENT_ADVICE, "What this means for you:"),
    _p(UNWELL),
    SIGNATURE,
]
WORKLOAD_ICB_REPORT = [
    ("heading", "Work moved to general practice without agreement"),
    GREETING,
    _if(
        Condition.NHS_PROVIDER,
        "We are writing to tell you, as commissioner, about work that {recipient_organisation} asked our "
        "practice to do. We consider that it is not part of our {practice_contract}, and we have returned "
        "it to the provider.",
    ),
    _if(
        Condition.PRIVATE_PROVIDER,
        "We are writing to let you know about work that {recipient_organisation}, a private provider, asked "
        "our practice to do. We consider that it is not part of our {practice_contract}, and we have "
        "returned it to the provider.",
    ),
    _requests(
        "The provider asked the practice {request}.",
        "We did this once so that the patient was not put at risk, and have asked the provider to do it in "
        "future.",
        show_asks=False,
    ),
    _list(OptionList.REASONS, "We returned the work because:"),
    _if(
        Condition.NHS_PROVIDER,
        "Please raise this with the provider under its contract and tell us the outcome.",
    ),
    _if(
        Condition.PRIVATE_PROVIDER,
        "The ICB does not commission private care: we are telling you so that the ICB can see how much work "
        "private care moves to practices.",
    ),
    _p(NO_IDENTIFIERS),
    SIGNATURE,
]

# (letter type, title, letter, note for the patient, report to the ICB)
TEMPLATES = [
    (
        LetterKind.DECLINED_REFERRAL,
        "Declined referral (Advice and Guidance)",
        DECLINED_BODY,
        DECLINED_NOTE,
        DECLINED_ICB_REPORT,
    ),
    (LetterKind.WORKLOAD_REJECTION, "Workload rejection", WORKLOAD_BODY, WORKLOAD_NOTE, WORKLOAD_ICB_REPORT),
]
