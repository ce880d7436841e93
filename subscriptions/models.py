"""E-mail subscriptions: who asked to hear about what, and each e-mail owed to them.

Nothing here is written by the pathways app: it records an append-only `pathways.Event` with
every transition, and `send_pending_notifications` turns the committed ones into `Delivery`
rows (`subscriptions.outbox`). The unique constraints are what make that safe to repeat.
"""

import secrets

from django.db import models
from django.db.models import Q
from django.utils import timezone

from networks.models import Network
from pathways.models import Event, Pathway

# How long a confirmation link works; an unconfirmed subscription is forgotten after it.
CONFIRM_LINK_DAYS = 7
# 32 random bytes: 43 URL-safe characters, unguessable.
TOKEN_BYTES = 32


def new_token():
    return secrets.token_urlsafe(TOKEN_BYTES)


def normalise_email(address):
    """One spelling per mailbox for what we compare: surrounding space gone and the domain in
    lower case (which is case-blind); the local part is kept as given, as RFC 5321 asks."""
    local, at, domain = address.strip().rpartition("@")
    return f"{local}{at}{domain.lower()}" if at else address.strip()


class Subscriber(models.Model):
    """One e-mail address. Its token, in every e-mail sent to it, opens the page listing its
    subscriptions and unsubscribes it: whoever holds the token holds the mailbox."""

    email = models.EmailField(max_length=254, unique=True)
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["email"]

    def __str__(self):
        return self.email


class Subscription(models.Model):
    """What one address hears about: one pathway, one network's pathways, or (neither set)
    every pathway. Nothing is sent for it until the address's owner has confirmed it."""

    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.CASCADE, related_name="subscriptions"
    )
    pathway = models.ForeignKey(
        Pathway, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    network = models.ForeignKey(
        Network, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    confirmed_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(pathway__isnull=True) | Q(network__isnull=True),
                name="subscription_is_to_a_pathway_or_a_network_or_everything",
            ),
            # NULLS NOT DISTINCT: one "everything" subscription per address, too.
            models.UniqueConstraint(
                fields=["subscriber", "pathway", "network"],
                nulls_distinct=False,
                name="one_subscription_per_address_and_scope",
            ),
        ]

    def __str__(self):
        return f"{self.subscriber}: {self.describe()}"

    @property
    def is_confirmed(self):
        return self.confirmed_at is not None

    def describe(self):
        """What it is about, to finish "emails when ... changes"."""
        if self.pathway_id:
            return self.pathway.title
        if self.network_id:
            return f"any pathway from {self.network.name}"
        return "any pathway"


class FannedOutEvent(models.Model):
    """An event already turned into deliveries (however many, perhaps none): the next run
    of `send_pending_notifications` leaves it alone."""

    event = models.OneToOneField(
        Event, on_delete=models.PROTECT, primary_key=True, related_name="+"
    )
    fanned_out_at = models.DateTimeField(default=timezone.now)
    deliveries = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"Event {self.event_id}: {self.deliveries} deliveries"


class Delivery(models.Model):
    """One e-mail about one event to one address: the unique constraint makes it one however
    many of the address's subscriptions match, and however often fan-out runs. Marked sent
    only once the mail backend has accepted it; until then each run may try it again."""

    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="deliveries")
    event = models.ForeignKey(Event, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    last_error = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "deliveries"
        constraints = [
            models.UniqueConstraint(
                fields=["subscriber", "event"], name="one_delivery_per_address_and_event"
            ),
        ]
        indexes = [
            # The queue: what is still to send, soonest first, however long the sent list grows.
            models.Index(
                fields=["next_attempt_at", "id"],
                name="delivery_queue",
                condition=Q(sent_at__isnull=True),
            ),
        ]

    def __str__(self):
        return f"{self.event.get_action_display()} to {self.subscriber}"
