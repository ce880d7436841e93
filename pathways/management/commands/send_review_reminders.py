"""Email the leads of every pathway whose review is due within --days (or overdue), and the
people who write each network's annual report due within 30 days or overdue
(pathways.report_reminders).

Safe to run from cron as often as wanted: each pathway and each report is reminded at most
once a day, which the database's unique constraints guarantee even if two runs overlap.
"""

from django.conf import settings
from django.core.mail import send_mail
from django.core.management.base import BaseCommand
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from accounts.links import absolute_url
from networks.models import NetworkRole
from pathways.models import PathwayVersion, ReviewReminder
from pathways.report_reminders import send_report_reminders


class Command(BaseCommand):
    help = (
        "Email network leads about pathways overdue for review or due within --days "
        "(default: REVIEW_DUE_SOON_DAYS), and networks about annual reports overdue or due "
        "within 30 days."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=settings.REVIEW_DUE_SOON_DAYS,
            help="Look this many days ahead.",
        )

    def handle(self, *args, days, **options):
        today = timezone.localdate()
        versions = PathwayVersion.objects
        due = (
            (versions.overdue(today) | versions.due_within(days + 1, today))
            .select_related("pathway__network")
            .order_by("next_review_on", "title")
        )
        leads = {}
        for role in NetworkRole.objects.filter(
            role=NetworkRole.Role.LEAD, user__is_active=True
        ).select_related("user"):
            if role.user.email:
                leads.setdefault(role.network_id, []).append(role.user.email)
        sent = skipped = 0
        for version in due:
            network = version.pathway.network
            recipients = sorted(set(leads.get(network.pk, [])) or ({network.contact_email} - {""}))
            if recipients and self._remind(version, recipients, today):
                sent += 1
            else:
                skipped += 1
        self.stdout.write(
            f"Reminders sent: {sent}; already reminded today or no one to tell: {skipped}."
        )
        sent, skipped = send_report_reminders(today)
        self.stdout.write(
            f"Annual report reminders sent: {sent}; already reminded today or no one to tell: "
            f"{skipped}."
        )

    def _remind(self, version, recipients, today):
        try:
            with transaction.atomic():
                ReviewReminder.objects.create(
                    pathway=version.pathway, sent_on=today, recipients=", ".join(recipients)
                )
                # Sent inside the transaction: if sending fails, no reminder is recorded and the
                # next run tries again.
                send_mail(
                    f"[SCN Pathways] Review due: {version.title}",
                    _message(version, today),
                    None,
                    recipients,
                )
        except IntegrityError:
            return False  # already reminded today
        return True


def _message(version, today):
    when = version.next_review_on
    state = f"was due on {when:%d %B %Y}" if when < today else f"is due on {when:%d %B %Y}"
    pathway = version.pathway
    return (
        f"The review of {version.title} (version {version.number}, {pathway.network.name}) "
        f"{state}.\n\nThe version readers see now: {absolute_url(pathway.get_absolute_url())}"
        "\n\nStart a new version in the workspace when the network begins its review: "
        f"{absolute_url(reverse('workspace:pathway', args=[pathway.slug]))}"
    )
