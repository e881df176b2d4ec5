"""Demo interface reports: a few months of plainly invented reports, so the admin listing shows something.

Every practice here is made up (ODS codes starting Z99, names ending "(demo)") and no report mentions
a patient. Idempotent: nothing is added once any report exists. Also sets who is emailed in the demo.
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone
from wagtail.models import Site

from letters.models import Provider, RequestCategory
from reporting.choices import PatientRisk, PracticeTime, ProblemKind, ReporterRole, TriageStatus
from reporting.models import InterfaceReport, ReportingSettings

DEMO_EMAIL = "reports@humbersidelmc.example"
PRACTICES = [
    ("Z99001", "Acacia Street Surgery (demo)"),
    ("Z99002", "Riverside Medical Group (demo)"),
    ("Z99003", "Wolds Edge Practice (demo)"),
    ("Z99004", "Estuary Health Centre (demo)"),
]
HUTH = "Hull University Teaching Hospitals NHS Trust"
NLAG = "Northern Lincolnshire and Goole NHS Foundation Trust"
HUMBER = "Humber Teaching NHS Foundation Trust"


@dataclass(frozen=True)
class DemoReport:
    months_ago: int
    practice: int
    provider: str
    kind: str
    what_happened: str
    category: str = ""
    service: str = ""
    practice_time: str = PracticeTime.UP_TO_HOUR
    patient_risk: str = PatientRisk.NONE
    status: str = TriageStatus.NEW
    role: str = ReporterRole.PRACTICE_MANAGER


W, DECLINED, CLINIC, DISCHARGE, TASKS = (
    ProblemKind.WORKLOAD,
    ProblemKind.REFERRAL_DECLINED,
    ProblemKind.CLINIC_LETTER,
    ProblemKind.DISCHARGE_SUMMARY,
    ProblemKind.TASKS,
)
REPORTS = [
    DemoReport(3, 0, HUTH, W, "Clinic letter asked us to arrange blood tests the clinic wanted before "
               "the next appointment.", "Arranging tests the provider wants", "Rheumatology",
               status=TriageStatus.RAISED_WITH_PROVIDER),
    DemoReport(3, 1, HUTH, DECLINED, "Routine referral returned with advice we had already followed; "
               "asked to re-refer if no better.", service="Dermatology", status=TriageStatus.REVIEWED),
    DemoReport(3, 2, NLAG, DISCHARGE, "Discharge summary arrived nine days after discharge; the "
               "medication changes were not listed.", service="General medicine",
               patient_risk=PatientRisk.POSSIBLE, status=TriageStatus.RAISED_WITH_ICB),
    DemoReport(2, 3, NLAG, W, "Outpatient started a new medicine and asked the practice to prescribe "
               "it the same day.", "Medicine needed urgently after an outpatient visit", "Cardiology",
               practice_time=PracticeTime.HOURS, role=ReporterRole.GP),
    DemoReport(2, 0, HUTH, TASKS, "Results of hospital-requested tests were sent to us as a Task "
               "asking us to act on them.", service="Gastroenterology", status=TriageStatus.REVIEWED),
    DemoReport(2, 1, HUMBER, CLINIC, "No clinic letter six weeks after the appointment; the patient "
               "came to us asking what the plan was.", service="Community mental health",
               practice_time=PracticeTime.LITTLE),
    DemoReport(2, 2, HUTH, W, "Asked to issue a fit note for the whole recovery period after surgery.",
               "Fit note (Med3) for a patient under the provider's care", "Orthopaedics",
               role=ReporterRole.ADMIN, status=TriageStatus.RESOLVED),
    DemoReport(1, 3, HUTH, DECLINED, "Urgent referral turned into Advice and Guidance with no named "
               "clinician.", service="Neurology", patient_risk=PatientRisk.POSSIBLE, role=ReporterRole.GP),
    DemoReport(1, 0, NLAG, W, "Asked to re-refer after one missed appointment instead of being "
               "offered a new one.", "Re-referral after a missed appointment", "Ophthalmology"),
    DemoReport(1, 1, HUTH, DISCHARGE, "Discharged with three days of medication; the summary came "
               "the following week.", service="Respiratory medicine", practice_time=PracticeTime.HOURS,
               patient_risk=PatientRisk.POSSIBLE),
    DemoReport(1, 2, HUMBER, TASKS, "Community team sent a request for a medication review as a "
               "Task with no letter.", role=ReporterRole.NURSE_OR_CLINICIAN),
    DemoReport(0, 3, HUTH, W, "Clinic letter asked the practice to refer on to another specialty "
               "for a directly related problem.", "Onward referral to another specialty", "Urology"),
    DemoReport(0, 0, NLAG, CLINIC, "Clinic letter from the previous month still not received; "
               "chased twice.", service="Diabetes", practice_time=PracticeTime.UP_TO_HOUR),
    DemoReport(0, 1, HUTH, W, "Patient told to contact the practice about a cancelled hospital "
               "appointment.", 'Patient told to "contact your GP" about the provider\'s care',
               "Ear, nose and throat", role=ReporterRole.ADMIN),
]  # fmt: skip


def _month(months_ago: int) -> datetime.date:
    first = timezone.localdate().replace(day=1)
    year, month = divmod(first.year * 12 + first.month - 1 - months_ago, 12)
    return datetime.date(year, month + 1, 1)


def load(stdout) -> None:
    """Add the demo reports (once) and the demo notification address (if none is set)."""
    for site in Site.objects.all():
        setting = ReportingSettings.for_site(site)
        if not setting.notify_email:
            setting.notify_email = DEMO_EMAIL
            setting.save()
    if InterfaceReport.objects.exists():
        return
    providers = {provider.label: provider for provider in Provider.objects.all()}
    categories = {category.label: category for category in RequestCategory.objects.all()}
    for demo in REPORTS:
        code, name = PRACTICES[demo.practice]
        report = InterfaceReport(
            practice_ods_code=code,
            practice_name=name,
            reporter_role=demo.role,
            provider=providers.get(demo.provider),
            provider_other="" if demo.provider in providers else demo.provider,
            service=demo.service,
            kind=demo.kind,
            workload_category=categories.get(demo.category),
            month=_month(demo.months_ago),
            what_happened=demo.what_happened,
            practice_time=demo.practice_time,
            patient_risk=demo.patient_risk,
            status=demo.status,
        )
        report.full_clean()
        report.save()
        # Received during the month it happened (the listing's "Received" column), never in the future.
        received = timezone.now().replace(year=report.month.year, month=report.month.month, day=1)
        received = min(received + datetime.timedelta(days=9 + demo.practice), timezone.now())
        InterfaceReport.objects.filter(pk=report.pk).update(created_at=received)
    stdout.write(f"Added {len(REPORTS)} invented interface reports.\n")
