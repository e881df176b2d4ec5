"""Keep a practice's report and tell the LMC it has arrived. Services never touch ``request``."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from wagtail.models import Site

from reporting.models import InterfaceReport, ReportingSettings

logger = logging.getLogger(__name__)

VIEWSET_NAME = "interface_reports"  # the admin viewset's URL namespace (reporting/viewsets.py)


def record_report(*, data: dict) -> InterfaceReport:
    """Store a report from the form's cleaned ``data`` (already checked for patient identifiers)."""
    report = InterfaceReport(
        practice_ods_code=data["practice_ods_code"],
        practice_name=data["practice_name"],
        reporter_role=data["reporter_role"],
        contact_email=data.get("contact_email", ""),
        # As the form says, a provider typed in is used instead of the list.
        provider=None if data.get("provider_other") else data.get("provider"),
        provider_other=data.get("provider_other", ""),
        service=data.get("service", ""),
        kind=data["kind"],
        workload_category=data.get("workload_category"),
        month=data["month_start"],
        what_happened=data["what_happened"],
        practice_time=data["practice_time"],
        patient_risk=data["patient_risk"],
    )
    report.full_clean()  # the model's own checks too, so no other route can store what the form refuses
    report.save()
    return report


def admin_url(report: InterfaceReport) -> str:
    """The report's page in the admin, as an absolute address for an email."""
    path = reverse(f"{VIEWSET_NAME}:edit", args=[report.pk])
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def notification_text(report: InterfaceReport) -> str:
    """The email about a new report: the chosen answers only, never what the practice typed."""
    provider = report.provider.label if report.provider_id else "Other (named in the report)"
    lines = [
        "A practice has sent a report of an interface problem.",
        "",
        f"Practice ODS code: {report.practice_ods_code}",
        f"Provider: {provider}",
        f"Kind of problem: {report.category_label}",
        f"Month: {report.get_month_display()}",
        f"Reporter's role: {report.get_reporter_role_display()}",
        f"Practice time taken: {report.get_practice_time_display()}",
        f"Risk to patients: {report.get_patient_risk_display()}",
        f"Reply requested: {'yes' if report.contact_email else 'no'}",
        "",
        f"Read and triage it in the admin: {admin_url(report)}",
        "(What the practice wrote is shown there only, never in email.)",
    ]
    return "\n".join(lines)


def notify_lmc(*, report: InterfaceReport, site: Site | None) -> bool:
    """Email the address in Settings → Interface reports, if any. True when an email was sent.

    A failure is logged (the report's number and the error's type, nothing it holds) and swallowed:
    the report is already stored, and the practice must not see an error for the LMC's mail problem.
    """
    recipient = ReportingSettings.for_site(site).notify_email if site is not None else ""
    if not recipient:
        return False
    subject = f"New interface report: {report.get_kind_display()}"
    try:
        send_mail(subject, notification_text(report), None, [recipient])
    except Exception as error:  # noqa: BLE001 - any mail fault must leave the report and the reporter alone
        logger.error(
            "Could not email the LMC about interface report %s (%s)", report.pk, type(error).__name__
        )
        return False
    return True
