"""From committed pathway events to sent e-mails, in batches: what `send_pending_notifications`
does, so that no request ever waits on sending mail.

1. Fan-out: each event subscribers hear of (`emails.ACTIONS`) not yet fanned out becomes one
   `Delivery` per address with a confirmed subscription that matches it, and is marked fanned
   out in the same transaction. Events are read only once committed, so nothing is ever sent
   about a change that was rolled back; and they are found by "not yet fanned out" rather
   than by a high-water mark, which would skip an event whose transaction committed after a
   later one's.
2. Sending: each delivery not yet sent is sent and then marked sent. A failure is recorded
   (attempts, error) and retried by a later run.

Two runs at once share the work: each locks the rows of its batch with SKIP LOCKED, so
neither waits for nor repeats the other; and the unique constraints would refuse a second
delivery for the same address and event even without the locks. Requests never wait on a run:
they do not lock or change the rows a run locks.
"""

import logging
from dataclasses import dataclass
from datetime import timedelta

from django.core import mail
from django.db import transaction
from django.db.models import Exists, Min, OuterRef, Q
from django.utils import timezone

from pathways.models import Event, Pathway
from subscriptions import emails
from subscriptions.models import (
    CONFIRM_LINK_DAYS,
    Delivery,
    FannedOutEvent,
    Subscriber,
    Subscription,
)

logger = logging.getLogger(__name__)

# After this many failed attempts a delivery is left unsent, its last error in the admin.
MAX_ATTEMPTS = 12
# The first retries come with the next run: most failures (a dropped connection, a mail
# server restarting) have cleared by then. Failures that persist back off, up to this.
IMMEDIATE_RETRIES = 2
LONGEST_WAIT = timedelta(hours=12)


def retry_delay(attempts):
    """How long after its `attempts`-th failure a delivery waits before the next try."""
    if attempts <= IMMEDIATE_RETRIES:
        return timedelta(0)
    return min(timedelta(minutes=15) * 2 ** (attempts - IMMEDIATE_RETRIES - 1), LONGEST_WAIT)


@dataclass
class Report:
    events: int = 0
    queued: int = 0
    sent: int = 0
    failed: int = 0
    abandoned: int = 0  # failed for the last time
    unwanted: int = 0
    batches: int = 0


def matching_subscriptions(event):
    """The confirmed subscriptions that `event` concerns: to its pathway, to its pathway's
    network, or to everything; and confirmed before it happened (a subscriber hears of changes
    made after they asked, not of what the run found waiting when they did). A consultation on
    a pathway not yet public concerns no one here: its draft's title is not public either."""
    if (
        event.action == Event.Action.CONSULTATION_OPENED
        and not Pathway.objects.public().filter(pk=event.pathway_id).exists()
    ):
        return Subscription.objects.none()
    return Subscription.objects.filter(
        Q(pathway=event.pathway_id)
        | Q(network=event.pathway.network_id)
        | Q(pathway__isnull=True, network__isnull=True),
        confirmed_at__isnull=False,
        confirmed_at__lte=event.created_at,
    )


def fan_out(batch_size, report):
    """Turn every committed event not yet fanned out into deliveries, `batch_size` at a time."""
    oldest = Subscription.objects.filter(confirmed_at__isnull=False).aggregate(
        oldest=Min("confirmed_at")
    )["oldest"]
    if oldest is None:
        return  # no one to tell; events before the first confirmation can never match anyone
    waiting = (
        Event.objects.filter(action__in=emails.ACTIONS, created_at__gte=oldest)
        .filter(~Exists(FannedOutEvent.objects.filter(event=OuterRef("pk"))))
        .select_related("pathway")
        .order_by("created_at", "id")
        # Only the events' own rows (never a pathway's, which would hold up publishing), and
        # FOR NO KEY UPDATE, which does not block the deliveries that refer to them.
        .select_for_update(skip_locked=True, no_key=True, of=("self",))
    )
    while True:
        with transaction.atomic():
            events = list(waiting[:batch_size])
            if not events:
                return
            for event in events:
                subscriber_ids = set(
                    matching_subscriptions(event).values_list("subscriber_id", flat=True)
                )
                Delivery.objects.bulk_create(
                    [Delivery(subscriber_id=pk, event=event) for pk in subscriber_ids],
                    ignore_conflicts=True,
                )
                # Ignoring a conflict too: a run that locked the event the instant another
                # committed its fan-out finds the same rows already there.
                FannedOutEvent.objects.bulk_create(
                    [FannedOutEvent(event=event, deliveries=len(subscriber_ids))],
                    ignore_conflicts=True,
                )
                report.events += 1
                report.queued += len(subscriber_ids)


def send_pending(batch_size, report):
    """Send every delivery that is due, `batch_size` at a time; each is tried at most once per
    run, so a failing one waits for the next run."""
    started = timezone.now()
    due = (
        Delivery.objects.filter(
            sent_at__isnull=True, attempts__lt=MAX_ATTEMPTS, next_attempt_at__lte=started
        )
        .filter(Q(last_attempt_at__isnull=True) | Q(last_attempt_at__lt=started))
        .select_related("subscriber", "event__pathway__network", "event__version")
        .order_by("next_attempt_at", "id")
        .select_for_update(skip_locked=True, of=("self",))
    )
    while True:
        # The batch stays locked until each of its e-mails has been tried and recorded.
        with transaction.atomic():
            batch = list(due[:batch_size])
            if not batch:
                return
            report.batches += 1
            connection = mail.get_connection()
            try:
                connection.open()
            except Exception:  # each send below tries again, and records its own failure
                logger.warning("Could not connect to the mail server", exc_info=True)
            try:
                for delivery in batch:
                    _send_one(delivery, connection, report)
            finally:
                _close(connection)


def _close(connection):
    """Close the mail connection without raising: what has been sent is recorded only when
    the batch commits, so nothing may stop that commit now."""
    try:
        connection.close()
    except Exception:
        logger.warning("Could not close the mail connection", exc_info=True)


def _send_one(delivery, connection, report):
    if not matching_subscriptions(delivery.event).filter(subscriber=delivery.subscriber).exists():
        delivery.delete()  # unsubscribed since it was queued
        report.unwanted += 1
        return
    now = timezone.now()
    delivery.attempts += 1
    delivery.last_attempt_at = now
    try:
        with transaction.atomic():  # a savepoint: a query that fails spoils only this e-mail
            message = emails.about_event(delivery)
        if not connection.send_messages([message]):
            raise RuntimeError("the mail backend accepted nothing")
    except Exception as error:
        # A connection that failed may be broken: the next e-mail opens a new one.
        _close(connection)
        delivery.last_error = f"{type(error).__name__}: {error}"[:2000]
        delivery.next_attempt_at = now + retry_delay(delivery.attempts)
        report.failed += 1
        if delivery.attempts >= MAX_ATTEMPTS:
            report.abandoned += 1
            logger.error(
                "Delivery %s abandoned after %s attempts: %s", delivery.pk, MAX_ATTEMPTS, error
            )
        else:
            logger.warning(
                "Delivery %s failed (attempt %s): %s", delivery.pk, delivery.attempts, error
            )
    else:
        delivery.sent_at = now
        report.sent += 1
    delivery.save(
        update_fields=["attempts", "last_attempt_at", "last_error", "next_attempt_at", "sent_at"]
    )


def forget_unconfirmed():
    """Forget subscriptions never confirmed, once their link has expired, and addresses left
    with nothing (never sent anything): someone may have typed another person's address."""
    expired = timezone.now() - timedelta(days=CONFIRM_LINK_DAYS)
    Subscription.objects.filter(confirmed_at__isnull=True, created_at__lt=expired).delete()
    Subscriber.objects.filter(created_at__lt=expired).filter(
        ~Exists(Subscription.objects.filter(subscriber=OuterRef("pk"))),
        ~Exists(Delivery.objects.filter(subscriber=OuterRef("pk"))),
    ).delete()
