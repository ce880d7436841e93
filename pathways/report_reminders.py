"""Reminders about networks' annual reports, sent by `send_review_reminders`: to the people who
write a report (the policy's `keepers_of`: its network's manager and leads; else the network's
contact address) while it is with the network and due within 30 days, or overdue. Each report
is reminded at most once a day, which ReportReminder's unique constraint guarantees even if
two runs overlap."""

from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse

from accounts.links import absolute_url
from networks.models import AnnualReport, ReportReminder
from pathways import policy
from pathways.notifications import emails_of

DUE_WITHIN_DAYS = 30


def send_report_reminders(today):
    """Remind about every report due within DUE_WITHIN_DAYS or overdue on `today`; returns
    (sent, skipped: already reminded today or no one to tell)."""
    reports = AnnualReport.objects
    due = (
        (reports.overdue(today) | reports.due_within(DUE_WITHIN_DAYS, today))
        .select_related("network")
        .order_by("due_on", "network__name")
    )
    sent = skipped = 0
    for report in due:
        if _remind(report, _recipients(report.network), today):
            sent += 1
        else:
            skipped += 1
    return sent, skipped


def _recipients(network):
    return emails_of(policy.keepers_of(network)) or sorted({network.contact_email} - {""})


def _remind(report, recipients, today):
    if not recipients:
        return False
    try:
        with transaction.atomic():
            ReportReminder.objects.create(
                report=report, sent_on=today, recipients=", ".join(recipients)
            )
            # Sent inside the transaction: if sending fails, no reminder is recorded and the
            # next run tries again.
            send_mail(_subject(report, today), _message(report, today), None, recipients)
    except IntegrityError:
        return False  # already reminded today
    return True


def _subject(report, today):
    state = "overdue" if report.due_on < today else "due"
    return f"[SCN Pathways] Annual report {state}: {report.network.short_name} {report.year}"


def _message(report, today):
    when = f"{report.due_on.day} {report.due_on:%B %Y}"
    state = f"was due on {when}" if report.due_on < today else f"is due on {when}"
    lines = [f"{report.network.name}'s annual report for {report.year} {state}."]
    if report.status == AnnualReport.Status.RETURNED:
        lines.append(
            "The programme team returned it with comments; change it and submit it again:"
            f"\n\n{report.comments}"
        )
    link = absolute_url(reverse("workspace:report", args=[report.pk]))
    lines.append(f"Write and submit it in the workspace: {link}")
    return "\n\n".join(lines)
