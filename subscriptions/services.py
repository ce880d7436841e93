"""The rules of e-mail subscriptions. Views call only these; each change is one transaction.

Double opt-in: asking stores an unconfirmed subscription and e-mails a signed link; nothing
else is ever sent about it until that link is followed. Asking again for a subscription the
address already has changes nothing and looks the same to the asker (one e-mail goes out
either way; only its reader learns which), so the form never tells anyone what an address
is subscribed to. Only the holder of the address's token (in every e-mail sent to it) sees
its subscriptions, removes them or unsubscribes it.
"""

import re
from dataclasses import dataclass
from datetime import timedelta

from django.core import signing
from django.db import transaction
from django.utils import timezone

from networks.models import Network
from pathways.models import Pathway
from subscriptions import emails
from subscriptions.models import CONFIRM_LINK_DAYS, Subscriber, Subscription, normalise_email

_CONFIRM_SALT = "subscriptions.confirm"
# What secrets.token_urlsafe makes (43 characters from 32 bytes, with room to grow): anything
# else is not looked up.
_TOKEN = re.compile(r"[-_a-zA-Z0-9]{32,64}")
# What a SlugField of 100 holds: anything else (a NUL byte included) names nothing.
_SLUG = re.compile(r"[-a-zA-Z0-9_]{1,100}")


class UnknownScope(Exception):
    """The pathway or network asked about is not one a reader can subscribe to."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


class LinkInvalid(Exception):
    """A confirmation link we did not sign, or whose subscription has since been removed."""


class LinkExpired(LinkInvalid):
    """A confirmation link older than `CONFIRM_LINK_DAYS`."""


@dataclass(frozen=True)
class Scope:
    """What a subscription is about: a pathway, a network's pathways, or (neither) all."""

    pathway: Pathway | None = None
    network: Network | None = None

    def describe(self):
        return Subscription(pathway=self.pathway, network=self.network).describe()


def scope_for(*, pathway_slug="", network_slug=""):
    """The scope the subscribe link names: a public pathway not withdrawn, an active network,
    or everything when it names neither."""
    if pathway_slug and network_slug:
        raise UnknownScope("Choose a pathway or a network, not both.")
    if pathway_slug:
        pathway = _by_slug(Pathway.objects.public(), pathway_slug)
        if pathway is None:
            raise UnknownScope(
                "There is no published pathway at that address: use the link on the "
                "pathway's own page."
            )
        if pathway.is_withdrawn:
            raise UnknownScope(
                f"{pathway.title} has been withdrawn: it will not change again, so there is "
                "nothing to send."
            )
        return Scope(pathway=pathway)
    if network_slug:
        network = _by_slug(Network.objects.active(), network_slug)
        if network is None:
            raise UnknownScope(
                "There is no network at that address: use the link on the network's own page."
            )
        return Scope(network=network)
    return Scope()


def _by_slug(queryset, slug):
    """The row with this slug; None, without asking the database, for what no slug can be."""
    return queryset.filter(slug=slug).first() if _SLUG.fullmatch(slug) else None


def request_subscription(*, email, scope):
    """Someone asked for e-mails about `scope` at `email` (a valid address): store the
    subscription unconfirmed and send its confirmation link, or, when the address already
    has it confirmed, tell the address so. The caller cannot tell which."""
    email = normalise_email(email)
    with transaction.atomic():
        subscriber, _ = Subscriber.objects.get_or_create(email=email)
        subscription, _ = Subscription.objects.get_or_create(
            subscriber=subscriber, pathway=scope.pathway, network=scope.network
        )
        if subscription.is_confirmed:
            message = emails.already_subscribed(subscription)
        else:
            message = emails.confirmation(subscription, confirm_token(subscription))
        # After commit: never a link to a subscription that was rolled back.
        transaction.on_commit(lambda: emails.send_now(message))
    return email


def confirm_token(subscription):
    """What the confirmation link carries: the subscription's id, signed and dated."""
    return signing.TimestampSigner(salt=_CONFIRM_SALT).sign(str(subscription.pk))


def subscription_for_link(token):
    """The subscription a confirmation link names; LinkExpired or LinkInvalid if none."""
    signer = signing.TimestampSigner(salt=_CONFIRM_SALT)
    try:
        pk = signer.unsign(token, max_age=timedelta(days=CONFIRM_LINK_DAYS))
    except signing.SignatureExpired:
        raise LinkExpired from None
    except signing.BadSignature:
        raise LinkInvalid from None
    subscription = (
        Subscription.objects.select_related("subscriber", "pathway", "network")
        .filter(pk=int(pk))
        .first()
    )
    if subscription is None:  # removed, or forgotten unconfirmed, since the link was sent
        raise LinkInvalid
    return subscription


def confirm(*, token):
    """Follow a confirmation link: from now on, changes in the subscription's scope are sent.
    Confirming twice is harmless; the time of the first confirmation stands."""
    subscription = subscription_for_link(token)
    Subscription.objects.filter(pk=subscription.pk, confirmed_at__isnull=True).update(
        confirmed_at=timezone.now()
    )
    subscription.refresh_from_db(fields=["confirmed_at"])
    return subscription


def subscriber_for_token(token):
    """The address whose e-mails carry `token`, or None."""
    if not _TOKEN.fullmatch(token or ""):
        return None
    return Subscriber.objects.filter(token=token).first()


def subscriptions_of(subscriber):
    return subscriber.subscriptions.select_related("pathway", "network")


def remove(*, subscriber, subscription_id):
    """Remove one of the address's subscriptions; returns what it was about, or None when it
    is not one of theirs (already removed, or another address's)."""
    subscription = subscriptions_of(subscriber).filter(pk=subscription_id).first()
    if subscription is None:
        return None
    subscription.delete()
    return subscription.describe()


def unsubscribe(*, subscriber):
    """Stop every e-mail to the address. Its token keeps working, so a second click (mail
    clients may post twice) says the same thing rather than "not found"."""
    subscriber.subscriptions.all().delete()
