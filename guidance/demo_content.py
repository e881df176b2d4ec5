# ruff: noqa: E501 - prose data: long string lines read better than artificially split ones
"""The ten starting items of the guidance library, in the LMC portal's own words.

Plain data: ``guidance.demo`` turns it into topics, documents and pages. Names, phone numbers and
email addresses of people are fictitious placeholders (01632 960 numbers are reserved for drama).
"""

import datetime

TOPICS = [
    ("Referrals and Advice and Guidance", "referrals"),
    ("Prescribing", "prescribing"),
    ("Medical examiners", "medical-examiners"),
    ("Results and tests", "results"),
    ("Private providers", "private-providers"),
    ("Template letters", "letters"),
    ("Workload", "workload"),
]

INDEX = {
    "title": "Interface guidance",
    "slug": "interface-guidance",
    "summary": (
        "Guidance, reports and template letters for practices on work that crosses the boundary "
        "between general practice and hospitals, community services and private providers."
    ),
}


def paragraph(html: str) -> dict:
    return {"type": "paragraph", "value": {"text": html}}


def callout(heading: str, html: str) -> dict:
    return {"type": "callout", "value": {"heading": heading, "text": html}}


def warning(html: str) -> dict:
    return {"type": "warning", "value": {"text": html}}


def details(summary: str, html: str) -> dict:
    return {"type": "details", "value": {"summary": summary, "content": html}}


def letter(kind: str, text: str) -> dict:
    return {
        "type": "letter",
        "value": {
            "letter": kind,
            "heading": "Generate this letter",
            "text": text,
            "button_label": "Start the letter",
        },
    }


def download(document_key: str, title: str, description: str = "") -> dict:
    """A download block; ``document_key`` is replaced by the document's id when loading."""
    return {
        "type": "download",
        "value": {"title": title, "document": document_key, "description": description},
    }


# Documents: key → (title, kind, paragraphs). Each holds a phrase that appears nowhere else, so
# searching for it proves document text is indexed.
DOCUMENTS = {
    "declined-referral-docx": (
        "Declined referral letter (Word template)",
        "docx",
        [
            "Template letter for practices whose referral was declined or converted to Advice and Guidance.",
            "Advice and Guidance is an offer, not a condition of referral; the referral should be accepted "
            "when it follows the agreed referral process.",
            "Clinical responsibility stays with the referring GP only until the specialist accepts the patient.",
        ],
    ),
    "workload-docx": (
        "Workload rejection letter (Word template)",
        "docx",
        [
            "Template letter declining a request that is not part of core general practice work.",
            "Choose the kind of request, then keep the contract reference that goes with it.",
        ],
    ),
    "tasks-pdf": (
        "Tasks in clinical systems: LMC position",
        "pdf",
        [
            "Tasks in EMIS Web and SystmOne are an internal messaging tool for the practice team.",
            "A task sent across organisations is not a safe clinical handover: nobody outside the practice "
            "can see whether it was read, acted on or lost.",
            "Providers should write to the practice by letter or through the agreed electronic route.",
        ],
    ),
    "gender-pdf": (
        "Gender incongruence in primary care: summary of guidance",
        "pdf",
        [
            "This summary brings together several national and professional documents on caring for "
            "patients with gender incongruence in general practice.",
            "GPs are not expected to start hormone treatment that a specialist gender service has not "
            "recommended, and shared care is voluntary.",
        ],
    ),
    "consensus-pdf": (
        "Primary and secondary care interface consensus, Northern Lincolnshire (May 2024)",
        "pdf",
        [
            "Clinicians in hospitals and general practice agreed the principles below to reduce work "
            "passed between sectors without agreement.",
            "Whoever requests a test is responsible for reviewing the result, acting on it and telling "
            "the patient. Onward referral for a related problem is made by the hospital team.",
        ],
    ),
    "me-north-pdf": (
        "Referring a death to the Medical Examiner: North Bank",
        "pdf",
        [
            "Since April 2024 every death in England and Wales not investigated by a coroner is reviewed "
            "by a medical examiner.",
            "The practice sends the notification with the attending practitioner's proposed cause of death; "
            "the medical examiner office contacts the bereaved family.",
        ],
    ),
    "me-south-pdf": (
        "Medical Examiner service: information for practices, South Bank",
        "pdf",
        [
            "Background on the medical examiner system and the local service covering North and North East "
            "Lincolnshire.",
            "Practices are invited to help test the referral process before it became statutory; taking "
            "part was voluntary.",
        ],
    ),
    "radiology-report-pdf": (
        "Patient safety incident investigation: radiology result notifications",
        "pdf",
        [
            "On 22 September 2023 practices were told by email that notifications of some radiology results "
            "had not been sent.",
            "The investigation found that results had been sent to an email inbox nobody monitored.",
            "Recommendations for general practice are on page 17 of the full report.",
        ],
    ),
    "radiology-guidance-docx": (
        "Processing electronic radiology results from HUTH",
        "docx",
        [
            "How to make sure electronic radiology reports from Hull University Teaching Hospitals reach a "
            "clinician in the practice.",
            "Check who receives results for each shared mailbox, and test the route after any system change.",
        ],
    ),
    "interface-report-pdf": (
        "Humberside LMC interface report, January 2024",
        "pdf",
        [
            "Practices told the LMC about problems at the interface with hospitals and other providers.",
            "The most common themes were requests to arrange hospital tests, short supplies of discharge "
            "medicines and patients told to ask their GP about hospital appointments.",
        ],
    ),
    "private-pdf": (
        "Private providers and NHS general practice",
        "pdf",
        [
            "Private providers often ask practices to arrange tests, prescribe medicines started privately or "
            "share records. None of this is funded NHS general practice work.",
            "NHS and private care should be kept separate; the patient can get their records through the NHS "
            "App or a subject access request.",
        ],
    ),
}

REVIEWED = datetime.date(2026, 1, 15)
NEXT_REVIEW = datetime.date(2027, 1, 15)

ITEMS = [
    {
        "slug": "declined-referrals-advice-and-guidance",
        "title": "Declined referrals: Advice and Guidance – template letter",
        "summary": (
            "What to do when a hospital turns a referral into Advice and Guidance or declines it, with a "
            "letter asking the provider to accept the referral as made."
        ),
        "topics": ["referrals", "letters"],
        "body": [
            paragraph(
                "<p>Advice and Guidance (A&amp;G) can help, but it has never been mandatory. When a referral is "
                "made through the agreed process, the provider should accept it rather than send advice the "
                "practice did not ask for.</p><p>Until a specialist accepts the patient, the GP keeps clinical "
                "responsibility, so an unanswered or declined referral leaves risk with the practice.</p>"
            ),
            callout(
                "Timescale",
                "<p>Routine A&amp;G replies are expected within 10 working days. Keep a note of when you asked.</p>",
            ),
            letter(
                "declined_referral", "Fill in the referral details and download the letter as Word or PDF."
            ),
            download("declined-referral-docx", "Declined referral letter (Word template)"),
        ],
    },
    {
        "slug": "workload-rejection-template-letter",
        "title": "Workload rejection – template letter",
        "summary": (
            "A letter for politely declining work that is not part of the practice's GMS or PMS contract, "
            "with the contract basis for each kind of request."
        ),
        "topics": ["workload", "letters"],
        "body": [
            paragraph(
                "<p>Hospitals and other providers often ask practices to do work that belongs to them. Choose "
                "the kind of request, and the letter explains where responsibility lies and what you are asking "
                "the provider to do instead.</p>"
            ),
            {
                "type": "table",
                "value": {
                    "caption": "Examples of requests and what the letter asks",
                    "table": {
                        "columns": [
                            {"type": "text", "heading": "Request"},
                            {"type": "text", "heading": "What the letter asks"},
                        ],
                        "rows": [
                            {
                                "values": [
                                    "Arranging tests the hospital wants",
                                    "The provider requests and performs them",
                                ]
                            },
                            {
                                "values": [
                                    "Fit note for a patient under hospital care",
                                    "The provider issues it",
                                ]
                            },
                            {
                                "values": [
                                    "Discharge medicines too short",
                                    "The provider supplies the minimum",
                                ]
                            },
                        ],
                    },
                },
            },
            letter("workload_rejection", "Pick the request type, check the wording and download the letter."),
            download("workload-docx", "Workload rejection letter (Word template)"),
        ],
    },
    {
        "slug": "tasks-in-clinical-systems",
        "title": "Guidance on “Tasks” in clinical systems",
        "summary": (
            "Tasks in EMIS and SystmOne are not a way for other providers to communicate with practices. "
            "How to respond when they are used that way."
        ),
        "topics": ["workload"],
        "body": [
            warning(
                "<p>A Task sent from another organisation can go unseen. Do not rely on Tasks for clinical "
                "handover.</p>"
            ),
            paragraph(
                "<p>Ask the sender to write to the practice by letter or the agreed electronic route. The "
                "workload rejection letter has a request type for this.</p>"
            ),
            details(
                "What if the Task contains something urgent?",
                "<p>Deal with the clinical need first, then reply asking for future requests to come by "
                "letter.</p>",
            ),
            download("tasks-pdf", "LMC position on Tasks (PDF)"),
        ],
    },
    {
        "slug": "gender-prescribing-guidance-summary",
        "title": "Gender prescribing guidance summary",
        "summary": (
            "A short summary of several guidance documents on managing gender incongruence in primary care, "
            "including prescribing and shared care."
        ),
        "topics": ["prescribing"],
        "body": [
            paragraph(
                "<p>This page draws together national and professional guidance so practices can see in one "
                "place what is expected of them and what is not.</p>"
            ),
            details(
                "Bridging prescriptions",
                "<p>Practices are not obliged to start treatment a specialist service has not recommended.</p>",
            ),
            download("gender-pdf", "Summary of gender prescribing guidance (PDF)"),
        ],
    },
    {
        "slug": "primary-secondary-care-consensus-northern-lincolnshire",
        "title": "Consensus on the primary and secondary care interface – Northern Lincolnshire (May 2024)",
        "summary": (
            "Responsibilities agreed by clinicians in general practice and in hospitals in Northern "
            "Lincolnshire, with the principles each sector works to."
        ),
        "topics": ["referrals", "results"],
        "body": [
            paragraph("<p>Clinicians from both sectors agreed who does what in the situations below.</p>"),
            {
                "type": "responsibilities",
                "value": {
                    "caption": "Who is responsible for what",
                    "responsibilities": [
                        {
                            "area": "Tests requested by the hospital",
                            "primary_care": "Does not arrange or chase them.",
                            "secondary_care": "Arranges them, reviews the results and tells the patient.",
                        },
                        {
                            "area": "Onward referral",
                            "primary_care": "Is told about the referral.",
                            "secondary_care": "Refers to the other specialty directly.",
                        },
                        {
                            "area": "Medicines after a clinic visit",
                            "primary_care": "Continues prescribing once the supply is due.",
                            "secondary_care": "Supplies medicines needed urgently.",
                        },
                    ],
                },
            },
            download("consensus-pdf", "Consensus statement (PDF)"),
        ],
    },
    {
        "slug": "medical-examiner-process-north-bank",
        "title": "Medical Examiner process – North Bank",
        "summary": (
            "Since April 2024 a statutory medical examiner process applies in England and Wales. How "
            "practices refer deaths to the medical examiner on the North Bank."
        ),
        "topics": ["medical-examiners"],
        "next_review_due": datetime.date(2026, 10, 1),
        "body": [
            paragraph(
                "<p>The medical examiner reviews every death not investigated by a coroner. The practice "
                "completes the referral and the medical examiner office speaks to the family.</p>"
            ),
            download("me-north-pdf", "Referring a death to the Medical Examiner (PDF)"),
        ],
    },
    {
        "slug": "medical-examiner-community-communications-south-bank",
        "title": "Medical Examiner community communications – South Bank",
        "summary": (
            "Background on the medical examiner process and the local service on the South Bank, with the "
            "office's contact details. Practices were asked to help pilot the processes."
        ),
        "topics": ["medical-examiners"],
        "body": [
            paragraph(
                "<p>Before the process became statutory, practices were invited to help test it. Taking part "
                "was voluntary.</p>"
            ),
            {
                "type": "contacts",
                "value": {
                    "caption": "Medical Examiner office (example contacts)",
                    "contacts": [
                        {
                            "name": "Dr A. Example",
                            "role": "Lead medical examiner",
                            "organisation": "Medical Examiner office",
                            "phone": "01632 960001",
                            "email": "lead.me@example.org",
                        },
                        {
                            "name": "B. Example",
                            "role": "Medical examiner officer",
                            "organisation": "Medical Examiner office",
                            "phone": "01632 960002",
                            "email": "me.officer@example.org",
                        },
                    ],
                },
            },
            download("me-south-pdf", "Medical Examiner service: information for practices (PDF)"),
        ],
    },
    {
        "slug": "interface-private-providers",
        "title": "Private provider interface",
        "summary": (
            "Guidance on work private providers pass to practices, one of the largest sources of unfunded "
            "workload, and how to decline it."
        ),
        "topics": ["private-providers", "workload"],
        "body": [
            paragraph(
                "<p>Private care and NHS care stay separate. A private provider that starts treatment or asks "
                "for tests is responsible for them; the GP decides on clinical grounds whether an NHS referral "
                "is needed.</p>"
            ),
            letter("workload_rejection", "Use the private provider options in the workload letter."),
            download("private-pdf", "Private providers and NHS general practice (PDF)"),
        ],
    },
]

REPORTS = [
    {
        "slug": "radiology-results-incident-report",
        "title": "Patient safety incident investigation report – HUTH and general practice radiology",
        "summary": (
            "An investigation into radiology result notifications from HUTH that were not sent to practices, "
            "with recommendations for both sectors and guidance on processing electronic radiology results."
        ),
        "topics": ["results"],
        "publication_date": datetime.date(2024, 3, 1),
        "report_document": "radiology-report-pdf",
        "key_findings": (
            "<p>On 22 September 2023 practices were told by email that radiology result notifications had "
            "not been sent for a list of patients.</p><p>Some results had gone to an email inbox that nobody "
            "monitored.</p>"
        ),
        "recommendations": [
            (
                "general_practice",
                "<p>Make sure every inbox that receives results has a named person checking it.</p>",
            ),
            ("general_practice", "<p>Test the results route after any change of system or mailbox.</p>"),
            ("providers", "<p>Confirm that result notifications reach the requesting clinician.</p>"),
        ],
        "body": [
            download("radiology-guidance-docx", "Processing electronic radiology results from HUTH (Word)")
        ],
    },
    {
        "slug": "interface-report-january-2024",
        "title": "Humberside LMC interface report, January 2024",
        "summary": "A report built from practices' feedback on problems at the interface with other providers.",
        "topics": ["workload"],
        "publication_date": datetime.date(2024, 1, 31),
        "report_document": "interface-report-pdf",
        "key_findings": (
            "<ul><li>Requests to arrange hospital tests were the most common problem.</li>"
            "<li>Discharge medicines were often supplied for too short a time.</li></ul>"
        ),
        "recommendations": [
            ("providers", "<p>Arrange the tests your own clinicians request.</p>"),
            ("general_practice", "<p>Report interface problems to the LMC so patterns can be raised.</p>"),
        ],
        "body": [],
    },
]
