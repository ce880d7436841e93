"""E-mail about national consultations: "closing soon" to the developing group and the
reviewers at the pathway's table in the last three days of the window, and "closed: responses
needed" to the authors and leads once it has closed with comments still awaiting a response.

Safe to run from cron as often as wanted: each consultation gets each notice at most once,
which the database's unique constraint guarantees even if two runs overlap.
"""

from datetime import timedelta

from django.core.mail import send_mail
from django.core.management.base import BaseCommand
from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from pathways import notifications
from pathways.models import Consultation, ConsultationNotice, PathwayVersion

Kind = ConsultationNotice.Kind
CLOSING_NOTICE_DAYS = 3


class Command(BaseCommand):
    help = (
        "Email about national consultations closing within three days, and about closed ones "
        "with comments awaiting a response."
    )

    def handle(self, *args, **options):
        today = timezone.localdate()
        live = Consultation.objects.exclude(
            version__status=PathwayVersion.Status.DISCARDED
        ).select_related("version__pathway__network", "version__author")

        def not_yet(kind):
            return ~Exists(
                ConsultationNotice.objects.filter(consultation=OuterRef("pk"), kind=kind)
            )

        # Opened before today: a window of three days or less was announced with its end date.
        closing = live.filter(
            opens_on__lt=today,
            closes_on__gte=today,
            closes_on__lte=today + timedelta(days=CLOSING_NOTICE_DAYS),
        ).filter(not_yet(Kind.CLOSING))
        closed = (
            live.filter(closes_on__lt=today)
            .filter(not_yet(Kind.CLOSED))
            .annotate(waiting=Count("comments", filter=Q(comments__response="")))
            .filter(waiting__gt=0)
        )
        sent = skipped = 0
        for consultation in closing:
            email = notifications.consultation_closing(consultation, today)
            if self._send(consultation, Kind.CLOSING, email, today):
                sent += 1
            else:
                skipped += 1
        for consultation in closed:
            email = notifications.consultation_closed(consultation, consultation.waiting)
            if self._send(consultation, Kind.CLOSED, email, today):
                sent += 1
            else:
                skipped += 1
        self.stdout.write(
            f"Consultation notices sent: {sent}; already sent or no one to tell: {skipped}."
        )

    def _send(self, consultation, kind, email, today):
        subject, body, recipients = email
        if not recipients:
            return False
        try:
            with transaction.atomic():
                ConsultationNotice.objects.create(
                    consultation=consultation,
                    kind=kind,
                    sent_on=today,
                    recipients=", ".join(recipients),
                )
                # Sent inside the transaction: if sending fails, no notice is recorded and the
                # next run tries again.
                send_mail(subject, body, None, recipients)
        except IntegrityError:
            return False  # another run sent it
        return True
