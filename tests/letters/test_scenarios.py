"""Ten realistic letters, read back from the Word and PDF files as a GP partner would read them.

Each scenario is what a practice would really send; each asserts the sentences a GP looks for, and
the sentences that must never appear (wrong facts, unsafe advice, old contract editions).
"""

import pytest

from letters.models import Ask, Reason, Specialty

from .conftest import DECLINED_URL, WORKLOAD_URL, body, category_pk, docx_text, pdf_text, requests_data

# Never in any letter: facts that were wrong in an earlier brief, or outdated citations.
NEVER = (
    "keeps clinical responsibility",
    "until a specialist accepts",
    "2017/18",
    "SC11.",
    "SC12.2",
    "(2009) (2009)",
    "{",
)


def flat(text: str) -> str:
    return " ".join(text.split())


def read(client, url: str, data: dict, action: str) -> str:
    response = client.post(url, {**data, "action": action})
    assert response.status_code == 200
    assert response.get("Content-Disposition", "").startswith("attachment"), flat(response.content.decode())[
        -3000:
    ]
    data = body(response)
    text = docx_text(data) if action.endswith(".docx") else pdf_text(data)
    text = flat(text)
    for phrase in NEVER:
        assert phrase not in text, phrase
    return text


def reason_pks(kind: str, *labels: str) -> list[str]:
    return [str(Reason.objects.get(letter_kind=kind, label__startswith=label).pk) for label in labels]


def ask_pks(*labels: str) -> list[str]:
    return [str(Ask.objects.get(label__startswith=label).pk) for label in labels]


@pytest.fixture
def routine_ag(declined_data) -> dict:
    """A routine cardiology referral returned as A&G, first letter, named clinician."""
    return {
        **declined_data,
        "specialty": str(Specialty.objects.get(label="Cardiology").pk),
        "priority": "routine",
        "tone": "first_request",
        "first_letter_date": "",
        "triaging_clinician": "Dr R Patel, consultant cardiologist",
        "advice_summary": "Start a statin and repeat the ECG in primary care",
        "reasons": reason_pks("declined_referral", "Needs an examination", "Diagnostic uncertainty"),
        "asks": ask_pks("Accept the referral", "Keep the original", "Tell the patient directly"),
        "response_days": "",
        "cc_patient": "on",
    }


@pytest.mark.django_db
class TestDeclinedReferral:
    def test_1_routine_first_request_names_the_clinician_and_asks_to_convert(self, client, routine_ag):
        text = read(client, DECLINED_URL, routine_ag, "letter.docx")
        for sentence in (
            "Dear Dr Núñez,",
            "Referral to cardiology, dated 1 May 2026: please accept and book",
            "Our routine referral of this patient to cardiology, dated 1 May 2026, was returned to us "
            "through e-RS Advice and Guidance with advice instead of an appointment.",
            "The advice was given by Dr R Patel, consultant cardiologist.",
            "In summary, the advice was: “Start a statin and repeat the ECG in primary care.”",
            "We judge that advice in place of an appointment is not clinically appropriate for this patient",
            "It should be used only where it is clinically appropriate, and it does not take away a GP's "
            "ability to refer",
            "Under Service Condition 6 (Choice and Referral) of the NHS Standard Contract, providers are "
            "expected to accept referrals made through the agreed routes.",
            "accountable for it if it is not clinically appropriate, and for a decision not to "
            "accept a patient.",
            "Turn the Advice and Guidance conversation back into a referral in the e-Referral Service and "
            "offer the patient an appointment",
            "Keep the original referral date of 1 May 2026, so that the patient does not lose their place",
            "Tell the patient directly what is happening with their referral.",
            "Please reply within 10 working days.",
            "cc: The patient",
        ):
            assert sentence in text, sentence
        assert "URGENT" not in text and "SECOND REQUEST" not in text
        assert "no named clinician" not in text.lower() and "did not name the clinician" not in text

    def test_2_urgent_second_request_puts_both_first_and_asks_for_a_fast_reply(self, client, declined_data):
        text = read(client, DECLINED_URL, declined_data, "letter.pdf")
        urgent, second, greeting = (
            text.index("URGENT: please reply within 2 working days"),
            text.index("SECOND REQUEST: our first letter was dated 22 May 2026"),
            text.index("Dear Dr Núñez"),
        )
        assert urgent < second < greeting  # "urgent" and "second request" come first, not last
        assert (
            "We wrote to you about this referral in our letter of 22 May 2026 and have had no reply." in text
        )
        assert "please deal with it before routine work and reply within 2 working days." in text
        assert "If we do not hear from you within 2 working days, we will ask your medical director" in text
        assert "To discuss this patient, please phone the practice on 01482 000001." in text
        assert "The reply did not name the clinician who gave the advice." in text

    def test_3_escalation_goes_to_the_medical_director(self, client, routine_ag):
        routine_ag.update(tone="escalation", first_letter_date="2026-05-20")
        text = read(client, DECLINED_URL, routine_ag, "letter.docx")
        assert text.index("ESCALATION: copied to your medical director") < text.index("Dear ")
        assert "We are therefore copying this letter to your medical director to ask for their help." in text
        assert "We first wrote about this referral in our letter of 20 May 2026" in text
        assert "cc: The patient Medical Director, Hull University Teaching Hospitals NHS Trust" in text
        # Addressed to the medical director: they are not also copied in.
        routine_ag["recipient_role"] = "Medical Director"
        text = read(client, DECLINED_URL, routine_ag, "letter.docx")
        assert "cc: The patient Medical Director" not in text
        assert text.index("FOR THE ATTENTION OF THE MEDICAL DIRECTOR") < text.index("Dear ")
        assert "We are therefore writing to you, as medical director, to ask for your help." in text
        routine_ag["recipient_role"] = "Associate Medical Director"  # not the medical director
        text = read(client, DECLINED_URL, routine_ag, "letter.docx")
        assert "cc: The patient Medical Director, Hull University" in text

    def test_4_the_patient_note_never_asks_them_to_wait_if_worse(self, client, routine_ag):
        text = read(client, DECLINED_URL, routine_ag, "patient-note.pdf")
        assert "They should contact you directly to tell you what happens next." in text
        assert "If you have not heard from the hospital within two weeks, contact the practice." in text
        assert (
            "do not wait for the hospital: contact the practice, or call NHS 111. In an emergency, call 999."
            in text
        )
        assert "Service Condition" not in text and "appointment is not clinically" not in text

    def test_5_the_icb_report_and_copy_hold_no_patient_details(self, client, routine_ag):
        report = read(client, DECLINED_URL, routine_ag, "icb-report.docx")
        assert "We are writing to tell you, as commissioner, about a referral from our practice" in report
        assert "Our routine referral to cardiology, dated May 2026" in report
        assert (
            "We have left out the patient's details, anything typed as free text and exact dates." in report
        )
        copy = read(client, DECLINED_URL, routine_ag, "anonymised.pdf")
        for text in (report, copy):
            for identifier in ("Siân", "O'Brien", "943 476 5919", "1961", "HX998877", "0001 2345", "Patel"):
                assert identifier not in text, identifier


@pytest.mark.django_db
class TestWorkloadRejection:
    def test_6_one_fit_note_request_from_an_nhs_trust(self, client, workload_data):
        text = read(client, WORKLOAD_URL, workload_data, "letter.pdf")
        for sentence in (
            "Thank you for your request of 20 May 2026 from Dr Q. Registrar, which we have considered "
            "carefully.",
            "You asked the practice to issue a fit note for a patient under your care. A fit note "
            "after knee surgery.",
            "Under Service Condition 11 (Transfer of and Discharge from Care; Communication with GPs) of the "
            "NHS Standard Contract, fit notes for patients under a provider's care are for the provider to "
            "issue.",
            "If this work has been commissioned from general practice in our area and we have missed it, "
            "please send us the details of that agreement.",
        ):
            assert sentence in text, sentence
        assert "1. Fit note" not in text  # one request: no numbering

    def test_7_three_requests_from_one_clinic_letter_one_done_once(self, client, workload_data):
        workload_data.update(
            requests_data(
                {"category": category_pk("Arranging tests"), "details": "Bloods before the next clinic"},
                {"category": category_pk("Fit note"), "done_once": "on"},
                {"category": category_pk("Discharge medication"), "details": "Three days of apixaban only"},
            )
        )
        text = read(client, WORKLOAD_URL, workload_data, "letter.docx")
        # Each request titled in the letter's own voice; the one that is time-critical and was not done
        # once is marked (the fit note was done once).
        first, second, third = (
            text.index("1. To arrange tests needed for your care of the patient You asked"),
            text.index("2. To issue a fit note for a patient under your care You asked"),
            text.index(
                "3. To supply medicines the patient should have been given on discharge (time-critical)"
            ),
        )
        assert first < second < third
        assert "Please request and carry out the tests yourselves, and tell the patient the results." in text
        assert "Please supply this patient now with at least the supply the contract sets" in text
        # The fit note was done once: its usual ask gives way to "please make sure your team does it".
        assert "Please issue fit notes yourselves" not in text
        done_once = text.index("To keep the patient safe, we have done this once; please make sure your team")
        assert second < done_once < third  # said of the fit note only
        assert "Three days of apixaban only." in text
        # The medicine is time-critical and was not done once: the letter says so first, before the greeting.
        time_critical = text.index(
            "TIME-CRITICAL: this letter includes work the patient needs promptly. Please deal with it, and "
            "contact the practice if you cannot."
        )
        assert time_critical < text.index("Dear Dr Núñez,")

        note = read(client, WORKLOAD_URL, workload_data, "patient-note.docx")
        assert (
            "If your medicine will run out before this is sorted out, contact the practice straight away"
            in note
        )
        assert "Where waiting could have put you at risk, we have done it for you this time" in note
        # The fit note was done once: the note says so, and where the next one comes from.
        assert "If you need a fit note now" not in note
        assert (
            "We have given you a fit note this time. For further fit notes, ask the team treating you" in note
        )
        # With several requests, each piece of advice starts with the practice's details of its request,
        # so "your medicine" cannot be read against the wrong one.
        assert "Three days of apixaban only. If your medicine will run out before this is sorted out" in note
        assert "Bloods before the next clinic. " in note
        # "Two weeks" only for the tests, never for the medicine that runs out in days.
        assert note.count("two weeks") == 1
        assert "arrange your tests. If you have not heard from them within two weeks" in note

    def test_8_private_provider_gets_no_nhs_contract_wording(self, client, workload_data):
        reasons = reason_pks("workload_rejection", "Not part of the practice", "Private care is outside")
        workload_data.update(
            source_type="a private provider",
            reasons=reasons,
            **requests_data(
                {"category": category_pk("Tests for private care", "private")},
                {"category": category_pk("Prescribing a medicine started privately", "private")},
            ),
        )
        text = read(client, WORKLOAD_URL, workload_data, "letter.docx")
        assert (
            "part of the private care the patient has chosen, which is kept separate from their NHS care"
            in text
        )
        assert "(Department of Health guidance, 2009)" in text
        assert "you can refer them to NHS services directly where they are eligible" in text
        assert "Service Condition" not in text and "Standard Contract" not in text
        note = read(client, WORKLOAD_URL, workload_data, "patient-note.docx")
        assert "they may charge for them, or your insurer may cover them" in note
        # The practice has declined this prescribing: no promise to do it, a route instead.
        assert "If it is about to run out, contact your private provider first; if you cannot get it" in note
        assert "you will not be left without it" not in note
        report = read(client, WORKLOAD_URL, workload_data, "icb-report.docx")
        assert "The ICB does not commission private care" in report

    def test_9_nhs_funded_independent_provider_gets_the_nhs_asks(self, client, workload_data):
        workload_data.update(
            source_type="an NHS-funded independent sector provider",
            recipient_provider="",
            recipient_organisation="Example Elective Care Centre",
            **requests_data({"category": category_pk("Onward referral")}),
        )
        text = read(client, WORKLOAD_URL, workload_data, "letter.docx")
        assert "Example Elective Care Centre" in text
        assert "You asked the practice to refer the patient on to another specialty." in text
        # SC8's title has not been checked against the edition in force, so only its number is cited.
        assert (
            "Service Condition 8 of the NHS Standard Contract expects the provider to make the onward" in text
        )
        assert "Please make the onward referral yourselves and tell the patient." in text

    def test_10_other_request_from_a_pms_practice_sent_as_a_task(self, client, workload_data):
        workload_data.update(
            practice_contract="pms",
            **requests_data(
                {"category": category_pk("Request sent as a clinical-system Task")},
                {
                    "category": category_pk("Other"),
                    "category_other": "to complete a housing support form",
                    "ask": "Please complete the form within your own service",
                },
            ),
        )
        text = read(client, WORKLOAD_URL, workload_data, "letter.docx")
        assert "It is not part of the primary medical services our PMS agreement covers." in text
        assert "Please send the request again as a letter or a referral." in text
        assert "You asked the practice to complete a housing support form." in text
        assert "Please complete the form within your own service." in text
        assert "everything its PMS agreement covers" in text
