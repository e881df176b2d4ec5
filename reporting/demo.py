"""Demo interface reports: a few months of plainly invented reports, so the admin listing shows something.

Every practice here is made up (ODS codes starting Z99, names ending "(demo)") and no report mentions
a patient. Also some invented letters counted for the LMC, so the figures show something.
Idempotent: reports are added only while there are none, counted letters likewise. Also sets who is
emailed in the demo, and publishes a report page whose Figures blocks count them live.
"""

import datetime
from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone
from wagtail.models import Site

from guidance.demo_content import paragraph
from guidance.models import GuidanceIndexPage, ReportPage, Topic
from letters.models import Provider, Reason, RequestCategory
from letters.placeholders import LetterKind
from reporting.choices import PatientRisk, PracticeTime, ProblemKind, ReporterRole, TriageStatus
from reporting.models import CountedLetter, InterfaceReport, ReportingSettings

DEMO_EMAIL = "reports@humbersidelmc.example"
FIGURES_PAGE_SLUG = "practice-reports-live-figures"
FIGURES_MONTHS = 6  # the demo page counts the months the invented reports and letters fall in
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


# Letters counted for the LMC: (months ago, provider, workload letters, declined-referral letters).
# Enough that the figures show a pattern, with a few small numbers to show how they are suppressed.
LETTER_COUNTS = [
    (5, HUTH, 6, 2), (5, NLAG, 3, 1),
    (4, HUTH, 8, 3), (4, NLAG, 4, 2), (4, HUMBER, 1, 0),
    (3, HUTH, 9, 4), (3, NLAG, 5, 1), (3, HUMBER, 2, 1),
    (2, HUTH, 12, 5), (2, NLAG, 6, 3), (2, HUMBER, 2, 0),
    (1, HUTH, 14, 6), (1, NLAG, 7, 2), (1, HUMBER, 3, 1),
    (0, HUTH, 5, 2), (0, NLAG, 2, 1),
]  # fmt: skip


def _month(months_ago: int) -> datetime.date:
    first = timezone.localdate().replace(day=1)
    year, month = divmod(first.year * 12 + first.month - 1 - months_ago, 12)
    return datetime.date(year, month + 1, 1)


def load(stdout) -> None:
    """Add the demo reports and counted letters (once), the demo notification address (if none is set)
    and the report page with live figures (once)."""
    for site in Site.objects.all():
        setting = ReportingSettings.for_site(site)
        if not setting.notify_email:
            setting.notify_email = DEMO_EMAIL
            setting.save()
    load_counted_letters(stdout)
    ensure_figures_page(stdout)
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


def load_counted_letters(stdout) -> None:
    """Add invented counted letters over the last six months (once: nothing if any exist)."""
    if CountedLetter.objects.exists():
        return
    providers = {provider.label: provider for provider in Provider.objects.all()}
    categories = list(RequestCategory.objects.filter(source_group="nhs", asks_for_text=False)[:6])
    reasons = {
        kind: list(Reason.objects.filter(letter_kind=kind, asks_for_text=False)[:3])
        for kind in LetterKind.values
    }
    added = 0
    for months_ago, provider, workload, declined in LETTER_COUNTS:
        for kind, number in (
            (LetterKind.WORKLOAD_REJECTION, workload),
            (LetterKind.DECLINED_REFERRAL, declined),
        ):
            for i in range(number):
                counted = CountedLetter.objects.create(
                    letter_kind=kind, provider=providers.get(provider), month=_month(months_ago)
                )
                if kind == LetterKind.WORKLOAD_REJECTION and categories:
                    # Skewed towards the first kinds, as real counts are.
                    counted.categories.set([categories[(i * i + months_ago) % len(categories)]])
                if reasons[kind]:
                    counted.reasons.set(reasons[kind][: 1 + i % len(reasons[kind])])
                added += 1
    stdout.write(f"Added {added} invented counted letters.\n")


def _figures(source: str, breakdown: str, *, start: datetime.date, end: datetime.date, chart: bool) -> dict:
    value = {"source": source, "breakdown": breakdown, "provider": None, "chart": chart}
    return {"type": "figures", "value": value | {"start": start.isoformat(), "end": end.isoformat()}}


def ensure_figures_page(stdout) -> None:
    """Publish the demo "live figures" report page (once; nothing without the guidance library)."""
    index = GuidanceIndexPage.objects.live().first()
    if index is None or ReportPage.objects.filter(slug=FIGURES_PAGE_SLUG).exists():
        return
    today = timezone.localdate()
    start, end = _month(FIGURES_MONTHS - 1), today
    period = {"start": start, "end": end}
    page = ReportPage(
        title="Interface problems reported by practices: live figures",
        slug=FIGURES_PAGE_SLUG,
        summary=(
            "How many interface problems practices reported to the LMC, and how many template letters they "
            "counted, month by month. Demo content: every report and letter behind these numbers is invented."
        ),
        publication_date=today,
        last_reviewed=today,
        next_review_due=today + datetime.timedelta(days=365),
        key_findings=(
            "<p>Work pushed to practices that belongs with the provider is the problem practices "
            "report most.</p>"
        ),
        body=[
            paragraph(
                "<p>These numbers are counted live from the reports practices send with the "
                f'<a href="{reverse("reporting:report")}">report a problem</a> form and the letters they '
                "choose to count for the LMC after making them here.</p>"
            ),
            _figures("reports", "kind", **period, chart=True),
            _figures("reports", "provider", **period, chart=False),
            _figures("letters", "month", **period, chart=True),
            _figures("letters", "category", **period, chart=False),
        ],
    )
    index.add_child(instance=page)
    page.topics.set(Topic.objects.filter(slug="workload"))
    page.save_revision().publish()
    stdout.write("Added a report page with live figures.\n")
