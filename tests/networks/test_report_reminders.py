"""send_review_reminders also reminds the people who write a network's annual report: its
manager and its leads (pathways.policy.keepers_of), or else the network's contact address,
while the report is with the network and due within 30 days or overdue; once a day per report.
"""

import io
import threading
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connections, transaction
from django.utils import timezone

from networks.models import AnnualReport, ReportReminder
from pathways.report_reminders import send_report_reminders
from tests.concurrency import _waiting_on_locks

pytestmark = pytest.mark.django_db

Status = AnnualReport.Status


@pytest.fixture
def later(monkeypatch):
    """Move 'today' forward, as cron would see it on a later day."""

    def move(days):
        moved = timezone.localdate() + timedelta(days=days)
        monkeypatch.setattr(timezone, "localdate", lambda *args: moved)
        return moved

    return move


def make_report(network, *, due_in, status=Status.DRAFT, year=2025, comments=""):
    fields = {}
    if status != Status.DRAFT:
        fields["submitted_at"] = timezone.now()
    if status == Status.ACCEPTED:
        fields["accepted_at"] = timezone.now()
    return AnnualReport.objects.create(
        network=network,
        year=year,
        due_on=timezone.localdate() + timedelta(days=due_in),
        status=status,
        comments=comments,
        **fields,
    )


def remind():
    call_command("send_review_reminders", stdout=io.StringIO())


def test_the_manager_and_leads_of_the_network_are_told_and_no_other_networks_manager(
    woscan, manager, lead, other_manager
):
    make_report(woscan, due_in=10)
    remind()
    assert [message.to for message in mail.outbox] == [sorted([lead.email, manager.email])]
    assert mail.outbox[0].subject == "[SCN Pathways] Annual report due: WoSCAN 2025"


def test_reports_due_within_30_days_or_overdue_are_reminded_and_one_due_in_31_days_is_not(
    woscan, manager
):
    make_report(woscan, due_in=30, year=2023)
    make_report(woscan, due_in=-5, year=2024)
    make_report(woscan, due_in=31, year=2025)
    remind()
    assert sorted(message.subject for message in mail.outbox) == [
        "[SCN Pathways] Annual report due: WoSCAN 2023",
        "[SCN Pathways] Annual report overdue: WoSCAN 2024",
    ]
    bodies = {message.subject[-4:]: message.body for message in mail.outbox}
    assert "annual report for 2023 is due on" in bodies["2023"]
    assert "annual report for 2024 was due on" in bodies["2024"]


def test_a_report_due_today_is_reminded(woscan, manager):
    make_report(woscan, due_in=0)
    remind()
    assert len(mail.outbox) == 1


def test_submitted_and_accepted_reports_are_never_reminded(woscan, manager):
    make_report(woscan, due_in=-3, year=2023, status=Status.SUBMITTED)
    make_report(woscan, due_in=-3, year=2024, status=Status.ACCEPTED)
    remind()
    assert mail.outbox == []
    assert not ReportReminder.objects.exists()


def test_a_returned_report_is_reminded_with_the_programme_teams_comments(woscan, manager):
    make_report(woscan, due_in=7, status=Status.RETURNED, comments="Add each board's figures.")
    remind()
    body = mail.outbox[0].body
    assert "returned it with comments" in body
    assert "Add each board's figures." in body


def test_each_report_is_reminded_once_a_day(woscan, manager, later):
    make_report(woscan, due_in=20)
    remind()
    remind()
    assert len(mail.outbox) == 1
    later(1)
    remind()
    assert len(mail.outbox) == 2
    assert ReportReminder.objects.count() == 2


def test_two_reports_due_the_same_day_are_each_reminded(woscan, other_network, manager):
    make_report(woscan, due_in=3)
    make_report(other_network, due_in=3)
    remind()
    assert len(mail.outbox) == 2
    assert ReportReminder.objects.count() == 2


def test_fall_back_to_the_network_address_when_no_one_writes_its_report(woscan, author):
    make_report(woscan, due_in=-1)
    remind()
    assert mail.outbox[0].to == [woscan.contact_email]


def test_an_inactive_manager_is_not_told(woscan, manager):
    manager.is_active = False
    manager.save()
    make_report(woscan, due_in=5)
    remind()
    assert mail.outbox[0].to == [woscan.contact_email]


def test_no_one_to_tell_records_no_reminder(woscan):
    woscan.contact_email = ""
    woscan.save()
    make_report(woscan, due_in=5)
    remind()
    assert mail.outbox == []
    assert not ReportReminder.objects.exists()


def test_the_reminder_links_to_the_report_in_the_workspace_on_the_configured_address(
    woscan, manager, settings
):
    settings.PORTAL_BASE_URL = "https://pathways.example.scot/"
    report = make_report(woscan, due_in=12)
    remind()
    body = mail.outbox[0].body
    assert "West of Scotland Cancer Network's annual report for 2025 is due on" in body
    assert f"https://pathways.example.scot/workspace/reports/{report.pk}/" in body


def test_a_failed_send_records_no_reminder_so_the_next_run_tries_again(
    woscan, manager, monkeypatch
):
    make_report(woscan, due_in=5)

    def fail(*args, **kwargs):
        raise ConnectionError("mail server down")

    monkeypatch.setattr("pathways.report_reminders.send_mail", fail)
    with pytest.raises(ConnectionError):
        remind()
    assert not ReportReminder.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_two_runs_at_once_remind_once(reference_data, woscan, manager):
    """The second run waits on the first's reminder row and, once it commits, skips."""
    make_report(woscan, due_in=5)
    today = timezone.localdate()
    outcome = {}

    def second_run():
        try:
            outcome["result"] = send_report_reminders(today)
        finally:
            connections.close_all()

    with transaction.atomic():  # the first run, between recording and committing
        report = AnnualReport.objects.get()
        ReportReminder.objects.create(report=report, sent_on=today, recipients=manager.email)
        thread = threading.Thread(target=second_run)
        thread.start()
        for _ in range(500):
            if _waiting_on_locks():
                break
            thread.join(0.02)
        assert _waiting_on_locks() == 1
    thread.join(15)
    assert outcome["result"] == (0, 1)
    assert mail.outbox == []
    assert ReportReminder.objects.count() == 1
