"""The LMC hears of each new report by email: a link and the chosen answers, never what was typed.
A mail fault loses nothing and shows the reporter nothing."""

import logging
import smtplib

import pytest
from django.core import mail

from reporting.models import InterfaceReport

from .conftest import THANKS_URL, URL, WHAT_HAPPENED, every_log_record

pytestmark = pytest.mark.django_db


def test_a_new_report_emails_the_configured_address_without_free_text(client, answers, notify_address):
    assert client.post(URL, answers).status_code == 302
    report = InterfaceReport.objects.get()
    [message] = mail.outbox
    assert message.to == [notify_address]
    body = message.subject + message.body
    assert f"/admin/interface_reports/edit/{report.pk}/" in body
    for fact in ("B81001", "Hull University Teaching Hospitals NHS Trust", "May 2026", "Practice manager"):
        assert fact in body
    assert "Arranging tests the provider wants" in body
    # Nothing typed: not what happened, the practice's name, the service, nor the reply address.
    for typed in (WHAT_HAPPENED, "zyxwv", "Beverley Road", "Rheumatology", answers["contact_email"]):
        assert typed not in body


def test_a_provider_typed_by_hand_is_not_emailed(client, answers, notify_address):
    client.post(URL, {**answers, "provider": "", "provider_other": "Goole Private Clinic"})
    assert "Goole Private Clinic" not in mail.outbox[0].body
    assert "Other (named in the report)" in mail.outbox[0].body


def test_no_address_no_email(client, answers, home_page):
    assert client.post(URL, answers).status_code == 302
    assert InterfaceReport.objects.count() == 1 and mail.outbox == []


def test_a_mail_fault_keeps_the_report_and_thanks_the_reporter(
    client, answers, notify_address, monkeypatch, caplog
):
    def refuse(*args, **kwargs):
        raise smtplib.SMTPServerDisconnected(f"lost connection while sending: {args[1]}")

    monkeypatch.setattr("reporting.services.send_mail", refuse)
    with every_log_record(caplog):
        response = client.post(URL, answers)
    assert response.status_code == 302 and response["Location"] == THANKS_URL
    report = InterfaceReport.objects.get()
    [record] = [r for r in caplog.records if r.name == "reporting.services"]
    assert record.levelno == logging.ERROR
    assert f"report {report.pk}" in record.getMessage() and "SMTPServerDisconnected" in record.getMessage()
    logged = "\n".join(r.getMessage() + repr(r.args) for r in caplog.records)
    assert "B81001" not in logged and "zyxwv" not in logged and "Beverley" not in logged
