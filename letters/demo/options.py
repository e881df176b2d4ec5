"""Demo option lists for the letters, in our own words. Facts and their sources: docs/letters.md.

Each option has a label (what the form shows) and a phrase written to sit inside a sentence of the
letter. Request categories carry why the work belongs with the provider (a Service Condition cited
by number through ``{service_condition}``, or guidance cited as guidance), the ask, advice for the
patient, and whether the patient could come to harm if nobody acts soon.
"""

from dataclasses import dataclass

from letters.models import SourceGroup

NHS, PRIVATE = SourceGroup.NHS, SourceGroup.PRIVATE
OTHER = "Other (describe it)"
EDITION = "2026/27"

# (number, title, edition the title was checked against). SC6, SC11 and SC12 titles are as the LMC's
# brief gives them for the edition in force; the SC8 title could not be confirmed for 2026/27, so it
# is left unchecked: letters cite it by number only until the LMC checks it (the dashboard says so).
SERVICE_CONDITIONS = [
    (6, "Choice and Referral", EDITION),
    (8, "Unmet Needs, Making Every Contact Count and Onward Referral", ""),
    (11, "Transfer of and Discharge from Care; Communication with GPs", EDITION),
    (12, "Communicating with and Involving Service Users, Public and Staff", EDITION),
]

# (label, phrase inside a sentence: "our referral to cardiology")
SPECIALTIES = [
    ("Cardiology", "cardiology"),
    ("Dermatology", "dermatology"),
    ("Ear, nose and throat", "ear, nose and throat (ENT)"),
    ("Endocrinology", "endocrinology"),
    ("Gastroenterology", "gastroenterology"),
    ("General surgery", "general surgery"),
    ("Gynaecology", "gynaecology"),
    ("Neurology", "neurology"),
    ("Ophthalmology", "ophthalmology"),
    ("Orthopaedics", "orthopaedics"),
    ("Paediatrics", "paediatrics"),
    ("Respiratory medicine", "respiratory medicine"),
    ("Rheumatology", "rheumatology"),
    ("Urology", "urology"),
    ("Breast surgery", "breast surgery"),
    ("Haematology", "haematology"),
    ("Vascular surgery", "vascular surgery"),
    ("Mental health", "mental health services"),
    (OTHER, ""),
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
    # An invented private hospital, so the list shows where private providers go; the LMC replaces it.
    ("Holderness Grange Private Hospital", "Grange Lane\nHedon\nHull", PRIVATE),
]
# Demo entries shipped earlier under a placeholder label: a demo load renames them (label → new label).
RENAMED_PROVIDERS = {"A private hospital (edit me)": "Holderness Grange Private Hospital"}

PRIVATE_OUTSIDE = "NHS care and private care are kept separate (Department of Health guidance, 2009)"
# For what the practice can safely do at once (a fit note, a short supply of a medicine it can prescribe).
NOT_LEFT_WITHOUT = "contact the practice straight away: you will not be left without it."
# For what the practice may not be able to prescribe (specialist or privately started medicines).
ASK_THEM_FIRST = (
    "contact {team} first; if you cannot get it from them, contact the practice and we will help."
)


@dataclass(frozen=True)
class Category:
    label: str
    group: str
    phrase: str
    basis: str
    ask: str
    patient_advice: str
    service_condition: int | None = None
    time_critical: bool = False
    # Replaces the advice when the practice did it once to keep the patient safe.
    patient_advice_done_once: str = ""


# Phrases follow "You asked the practice" (letter) and "The provider asked the practice" (report to
# the ICB), so they name the provider in the third person. Bases are neutral for the same reason.
CATEGORIES = [
    Category(
        "Onward referral to another specialty",
        NHS,
        "to refer the patient on to another specialty",
        "Where the need is directly related to the condition the provider is treating, or is immediate, "
        "{service_condition} expects the provider to make the onward referral itself.",
        "Please make the onward referral yourselves and tell the patient.",
        "The team treating you has been asked to refer you on to the other service themselves. If your "
        "symptoms get worse while you wait, contact the practice.",
        service_condition=8,
    ),
    Category(
        "Re-referral after a missed appointment",
        NHS,
        "to refer the patient again after a missed appointment",
        "Missed appointments are handled under the provider's own access policy and {service_condition}; "
        "one missed appointment should not mean discharging the patient back to the practice to refer again.",
        "Please offer the patient a new appointment.",
        "The team treating you has been asked to offer you a new appointment. If you have not heard from "
        "them within two weeks, contact them using the number on their letter.",
        service_condition=6,
    ),
    Category(
        "Arranging tests the provider wants",
        NHS,
        "to arrange tests needed for {your} care of the patient",
        "National guidance on the interface between general practice and hospitals (NHS England, 2017) "
        "says the provider carries out the steps of its own care pathway, including the tests it needs.",
        "Please request and carry out the tests yourselves, and tell the patient the results.",
        "The team treating you has been asked to arrange your tests. If you have not heard from them within "
        "two weeks, or before your next appointment with them, contact them using the number on their "
        "letter.",
    ),
    Category(
        "Chasing or acting on results of tests the provider requested",
        NHS,
        "to chase or act on the results of tests {your} team requested",
        "National guidance (NHS England, 2017) says the clinician who requests a test reviews the result, "
        "acts on it and tells the patient.",
        "Please review the result, act on it and tell the patient.",
        "The team who asked for your tests has been asked to give you the results and act on them. If you "
        "were told a result is urgent, or you feel worse, contact the practice straight away.",
        time_critical=True,
        patient_advice_done_once=(
            "We have acted on your result this time. In future, the team who asked for your tests should "
            "give you the results and act on them; if you feel worse, contact the practice."
        ),
    ),
    Category(
        "Fit note (Med3) for a patient under the provider's care",
        NHS,
        "to issue a fit note for a patient under {your} care",
        "Under {service_condition}, fit notes for patients under a provider's care are for the provider to "
        "issue.",
        "Please issue fit notes yourselves, covering the whole period you expect the patient to be unfit "
        "for work.",
        f"If you need a fit note now and do not have one from the team treating you, {NOT_LEFT_WITHOUT}",
        service_condition=11,
        time_critical=True,
        patient_advice_done_once=(
            "We have given you a fit note this time. For further fit notes, ask the team treating you; "
            "if you cannot get one from them, contact the practice."
        ),
    ),
    Category(
        "Medicine needed urgently after an outpatient visit",
        NHS,
        "to prescribe a medicine {your} clinic wants the patient to start straight away",
        "Under {service_condition}, a medicine a clinic needs the patient to start promptly is supplied by "
        "the provider, enough to last until the practice has the clinic letter.",
        "Please supply the medicine yourselves, enough to last until we have your clinic letter.",
        f"If you need to start the medicine before the clinic has supplied it, {NOT_LEFT_WITHOUT}",
        service_condition=11,
        time_critical=True,
        patient_advice_done_once=(
            "We have given you a prescription for your new medicine this time. For further supplies, "
            "contact the clinic first; if you cannot get it from them, contact the practice and we will "
            "help."
        ),
    ),
    Category(
        "Discharge medication too short or missing",
        NHS,
        "to supply medicines the patient should have been given on discharge",
        "Under {service_condition}, patients leaving hospital should be given the supply of medicines the "
        "contract sets, unless a shorter course is clinically appropriate.",
        "Please supply this patient now with at least the supply the contract sets, tell us what you have "
        "given, and make sure patients leave with that supply in future.",
        f"If your medicine will run out before this is sorted out, {NOT_LEFT_WITHOUT}",
        service_condition=11,
        time_critical=True,
        patient_advice_done_once=(
            "We have given you a supply of your medicine this time. If you are not sure where further "
            "supplies will come from, contact the practice."
        ),
    ),
    Category(
        "Specialist (amber or red) medicine without an agreed shared-care arrangement",
        NHS,
        "to prescribe a specialist medicine without an agreed shared-care arrangement",
        "Under {service_condition}, prescribing passes to the practice only when shared care has been "
        "offered and the practice has agreed to it; NHS England's guidance on responsibility for "
        "prescribing between primary and secondary care (2018) says the same.",
        "Please keep prescribing until shared care has been offered to us and we have accepted it.",
        "The team treating you has been asked to keep prescribing this medicine for now. If it is about to "
        "run out, " + ASK_THEM_FIRST.format(team="that team"),
        service_condition=11,
        time_critical=True,
        patient_advice_done_once=(
            "We have given you a short supply of this medicine this time. For further supplies, contact "
            "the team treating you first; if you cannot get it from them, contact the practice and we "
            "will help."
        ),
    ),
    Category(
        "Monitoring, post-operative or wound checks",
        NHS,
        "to carry out monitoring, post-operative or wound checks",
        "These checks are part of the provider's own care pathway (NHS England interface guidance, 2017) "
        "unless they have been commissioned from practices locally, and as far as we know they have not.",
        "Please arrange the checks yourselves or, if they should be provided elsewhere, ask the ICB to "
        "commission them.",
        "The team treating you has been asked to arrange your checks. If a check is due and you have not "
        "heard from them, contact them using the number on their letter.",
        time_critical=True,
        patient_advice_done_once=(
            "We have done this check for you this time. For further checks, contact the team treating "
            "you; if you feel unwell, contact the practice or NHS 111 straight away."
        ),
    ),
    Category(
        'Recall requests ("refer back or re-refer in a few years")',
        NHS,
        "to refer the patient back to {your} service at a later date",
        "Calling patients back for review belongs with the provider caring for them; NHS England's delivery "
        "plan for recovering access to primary care (2023) names call and recall among the interface "
        "problems to fix.",
        "Please keep the patient under your care and recall them yourselves when they are due.",
        "The team treating you has been asked to contact you themselves when you are due to be seen again.",
    ),
    Category(
        "Actions from clinic letters or discharge summaries",
        NHS,
        "to carry out actions from a clinic letter or discharge summary",
        "{service_condition} sets out how providers hand over care and communicate with GPs, and national "
        "guidance (NHS England, 2017) says the provider carries out its own follow-up.",
        "Please carry out these actions yourselves or, where you think the practice should, give clear "
        "instructions and the reason for each.",
        "The team treating you has been asked to do what they recommended themselves. If you have not heard "
        "about it within two weeks, contact them using the number on their letter.",
        service_condition=11,
    ),
    Category(
        'Patient told to "contact your GP" about the provider\'s care',
        NHS,
        "to answer the patient's questions about {your} care (the patient was told to contact their GP)",
        "Under {service_condition}, a provider answers patients' questions about the care it is giving "
        "them and gives them a clear way to contact the team.",
        "Please answer the patient directly and give them a clear way to contact your team.",
        "Please contact the team treating you with questions about the care they are giving you. For "
        "anything else, contact the practice.",
        service_condition=12,
    ),
    Category(
        "Provider's own referral form demanded",
        NHS,
        "to send the referral again on {your} own referral form",
        "There is no contractual duty for practices to use a provider's own referral forms (guidance from "
        "Londonwide LMCs and the BMA); GPC England still advises using the urgent suspected cancer forms.",
        "Please accept the referral as it was sent.",
        "",
    ),
    Category(
        "Pre-operative work-up",
        NHS,
        "to carry out tests or checks before an operation",
        "Preparing a patient for an operation is part of the provider's own care pathway (NHS England "
        "interface guidance, 2017).",
        "Please have your pre-operative assessment service arrange this.",
        "The hospital's pre-operative team has been asked to arrange your tests before the operation. If you "
        "have not heard from them a week before the operation date, contact them.",
    ),
    Category(
        "Request sent as a clinical-system Task",
        NHS,
        "to act on a request sent as a Task in the practice's clinical system",
        "Humberside LMC's guidance is that Tasks in clinical systems should not be used by other providers "
        "to communicate with practices.",
        "Please send the request again as a letter or a referral.",
        "",
    ),
    Category(OTHER, NHS, "", "", "Please arrange this within your own service.", ""),
    Category(
        "Tests for private care",
        PRIVATE,
        "to arrange tests for the patient's private care",
        f"{PRIVATE_OUTSIDE}: tests that private care needs are part of that care, not NHS primary medical "
        "services.",
        "Please arrange the tests as part of the private care, and tell the patient about any cost.",
        "Tests for your private care are arranged by the private provider; they may charge for them, or your "
        "insurer may cover them. If you would rather have NHS care, talk to the practice about an NHS "
        "referral.",
    ),
    Category(
        "Prescribing a medicine started privately",
        PRIVATE,
        "to prescribe a medicine started in private care",
        "We have considered taking on this prescribing and decided not to: whether to take on a medicine "
        "started privately is the GP's clinical decision (BMA guidance on private healthcare).",
        "Please keep prescribing the medicine as part of the private care.",
        "Your private provider has been asked to keep prescribing this medicine; private prescriptions are "
        "usually charged for. If it is about to run out, "
        + ASK_THEM_FIRST.format(team="your private provider"),
        time_critical=True,
        patient_advice_done_once=(
            "We have given you a short supply of this medicine this time. For further supplies, contact "
            "your private provider first; if you cannot get it from them, contact the practice and we "
            "will help."
        ),
    ),
    Category(
        "Shared care with a private provider",
        PRIVATE,
        "to share the care of a medicine with the private provider",
        "Without a shared-care agreement, practices do not usually take on prescribing started in private "
        "care, and taking on shared care is the GP's clinical decision (BMA guidance on private healthcare).",
        "Please keep prescribing and monitoring the medicine yourselves.",
        "Your private provider has been asked to keep prescribing and monitoring this medicine. If it is "
        "about to run out, " + ASK_THEM_FIRST.format(team="your private provider"),
        time_critical=True,
        patient_advice_done_once=(
            "We have given you a short supply of this medicine this time. For further supplies and "
            "monitoring, contact your private provider first; if you cannot get it from them, contact "
            "the practice and we will help."
        ),
    ),
    Category(
        "Supplying the patient's records",
        PRIVATE,
        "to send the patient's medical records to the private provider",
        "The patient can see their GP record in the NHS App or get a copy free of charge through a subject "
        "access request; a report from the practice needs the patient's consent and may be charged for "
        "(BMA guidance).",
        "Please ask the patient to share their record with you, or send us a request for a report with the "
        "patient's written consent.",
        "You can see your GP record in the NHS App, or ask the practice for a copy free of charge.",
    ),
    Category(
        "Onward NHS referral",
        PRIVATE,
        "to refer the patient to an NHS service",
        "A private provider can refer a patient directly to NHS services where the patient is eligible "
        "(BMA guidance on private healthcare).",
        "Please refer the patient to the NHS service directly, or send us your findings so that we can "
        "decide with the patient whether an NHS referral is needed.",
        "Your private provider has been asked to refer you to the NHS service directly. If they cannot, the "
        "practice will look at their findings and decide with you whether you need an NHS referral.",
    ),
    Category(OTHER, PRIVATE, "", "", "Please arrange this as part of the private care.", ""),
]

# (label, phrase): phrases follow "the patient needs to be seen because" and print as bullets.
DECLINED_REASONS = [
    (
        "Needs an examination or assessment that cannot be done remotely",
        "they need an examination or assessment that cannot be done remotely",
    ),
    (
        "The advice needs tests or treatment not available or not commissioned in general practice",
        "the advice needs tests or treatment that are not available, or not commissioned, in general "
        "practice",
    ),
    (
        "Outside GP competence or needs specialist monitoring",
        "the problem is outside the competence of general practice or needs specialist monitoring",
    ),
    (
        "Advice already followed without improvement",
        "the advice has already been followed without improvement",
    ),
    (
        "Diagnostic uncertainty, red flags or repeated presentation",
        "there is diagnostic uncertainty, red-flag features or repeated presentation",
    ),
    (
        "Patient choice (legal right to choose)",
        "the patient has used their legal right to choose a provider for this referral",
    ),
    (
        "Advice without a named clinician, or too brief to act on",
        "the advice came without a named clinician, or is too brief to act on safely",
    ),
    (OTHER, ""),
]
# (label, phrase, offered for: NHS, private or both when ""). Phrases follow "We are returning this
# work because" and print as bullets. Reasons citing the NHS contract or the ICB never fit private care.
WORKLOAD_REASONS = [
    (
        "Not part of the practice's GMS/PMS contract",
        "it is not part of the primary medical services our {practice_contract} covers",
        "",
    ),
    (
        "The NHS Standard Contract places it with the provider",
        "where the NHS Standard Contract is cited above, it places that work with the provider",
        NHS,
    ),
    (
        "Not commissioned from practices by the ICB",
        "as far as we know, the ICB has not commissioned this work from practices in our area",
        NHS,
    ),
    ("Not funded by an enhanced service", "no enhanced service funds the practice to do it", NHS),
    ("Needs specialist expertise", "it needs specialist expertise", ""),
    ("No shared-care agreement", "no shared-care agreement covers it", ""),
    (
        "The clinician who requested the test is responsible for the result",
        "national guidance says the clinician who requests a test is responsible for acting on the result",
        NHS,
    ),
    (
        "Private care is outside NHS primary medical services",
        "private care is not part of NHS primary medical services",
        PRIVATE,
    ),
    (OTHER, "", ""),
]
# Phrases follow "We ask you to" and print as bullets.
ASKS = [
    ("Accept the referral and book the patient", "{accept_referral}"),
    (
        "Keep the original referral date",
        "keep the original referral date of {referral_date}, so that the patient does not lose their place "
        "on the waiting list",
    ),
    ("Tell the patient directly", "tell the patient directly what is happening with their referral"),
    (
        "Tell us the responsible clinician",
        "tell us the name of the consultant now responsible for the patient's care",
    ),
    (OTHER, ""),
]
