"""The e-mails subscribers get, put into words. Each returns an `EmailMessage` and sends
nothing: the request sends a confirmation after its commit, the outbox sends the rest.

Every one carries the address's manage and unsubscribe links, in the text and in the
`List-Unsubscribe` headers mail clients show as an "Unsubscribe" button (RFC 2369, and RFC
8058's one-click POST, which needs the portal's address to be https). Every link starts with
`settings.PORTAL_BASE_URL`, never with whatever host a request named. Nothing a requester typed
is repeated, since anyone may type anyone's address: only the address and names of our own.
"""

import logging
from datetime import datetime
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.core.mail import EmailMessage
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from accounts.links import absolute_url
from pathways.models import Consultation, Event
from subscriptions.models import CONFIRM_LINK_DAYS

logger = logging.getLogger(__name__)

WHAT_IS_SENT = (
    "a new version is published (with what changed and how it was agreed), a pathway is "
    "withdrawn (with the reason), or a draft goes out for national consultation"
)


def manage_url(subscriber):
    return absolute_url(reverse("subscriptions:manage", args=[subscriber.token]))


def unsubscribe_url(subscriber):
    return absolute_url(reverse("subscriptions:unsubscribe", args=[subscriber.token]))


def send_now(message):
    """Send one e-mail from a request, after its commit: a mail outage is logged, never shown
    (the request is stored; asking again sends another)."""
    try:
        message.send()
    except Exception:
        logger.exception("Could not send %r", message.subject)


def confirmation(subscription, token):
    link = absolute_url(reverse("subscriptions:confirm", args=[token]))
    return _message(
        subscription.subscriber,
        "Confirm your email subscription",
        [
            "Someone, probably you, asked SCN Pathways to email this address when "
            f"{subscription.describe()} changes: when {WHAT_IS_SENT}.",
            f"To start these emails, confirm within {CONFIRM_LINK_DAYS} days:",
            link,
            "If it was not you, ignore this email: nothing more is sent unless the link is "
            "followed.",
        ],
    )


def already_subscribed(subscription):
    return _message(
        subscription.subscriber,
        "You are already subscribed",
        [
            "Someone, probably you, asked SCN Pathways to email this address when "
            f"{subscription.describe()} changes. This address already gets those emails, so "
            "nothing has changed.",
            "If it was not you, ignore this email.",
        ],
    )


def about_event(delivery):
    """The e-mail one delivery owes: its event in words, for its address."""
    event = delivery.event
    subject, lines = _WORDING[event.action](event)
    host = urlsplit(settings.PORTAL_BASE_URL).hostname or "localhost"
    # The same Message-ID however often it is sent: should a run die between the mail
    # server's acceptance and our record of it, the resent copy can be recognised.
    message_id = f"<subscription-delivery-{delivery.pk}@{host}>"
    return _message(delivery.subscriber, subject, lines, message_id=message_id)


def _message(subscriber, subject, lines, *, message_id=None):
    footer = [
        "--",
        "You get this email because this address subscribed to changes on SCN Pathways.",
        f"See or change what you get: {manage_url(subscriber)}",
        f"Stop all these emails: {unsubscribe_url(subscriber)}",
    ]
    headers = {
        "List-Unsubscribe": f"<{unsubscribe_url(subscriber)}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        "Auto-Submitted": "auto-generated",
    }
    if message_id:
        headers["Message-ID"] = message_id
    return EmailMessage(
        subject=f"[SCN Pathways] {subject}",
        body="\n\n".join(line for line in lines if line) + "\n\n" + "\n".join(footer),
        to=[subscriber.email],
        headers=headers,
    )


def _day(value):
    """5 June 2026, on the local calendar: a version taking effect at the start of a day in
    summer time is, in UTC, still the evening before."""
    if isinstance(value, datetime):
        value = timezone.localdate(value)
    return f"{value.day} {value:%B %Y}"


def _published(event):
    version, pathway = event.version, event.pathway
    number = version.number
    previous = (
        pathway.versions.published()
        .filter(Q(major__lt=version.major) | Q(major=version.major, minor__lt=version.minor))
        .newest_first()
        .first()
    )
    version_url = absolute_url(reverse("pathways:version", args=[pathway.slug, number]))
    consensus_url = absolute_url(reverse("pathways:consensus", args=[pathway.slug, number]))
    # Sent when published, not when a scheduled version takes effect: the reader hears of it
    # as soon as the network has decided, and is told the date.
    if version.effective_from > event.created_at:
        when = (
            f"It takes effect on {_day(version.effective_from)}"
            + (f"; until then version {previous.number} stays current." if previous else ".")
            + " These pages open on that day."
        )
    else:
        when = f"It took effect on {_day(version.effective_from)}."
    lines = [
        f"{pathway.network.name} has published version {number} of {version.title}. {when}",
        f"What changed:\n{version.change_note}" if version.change_note else "",
        "" if previous else "It is the pathway's first published version.",
        f"Read version {number}: {version_url}",
        f"How it was agreed: {consensus_url}",
    ]
    if previous:
        query = urlencode({"from": previous.number, "to": number})
        compare = absolute_url(reverse("pathways:compare", args=[pathway.slug]))
        lines.append(f"What changed since version {previous.number}: {compare}?{query}")
    return f"{version.title}: version {number} published", lines


def _withdrawn(event):
    pathway = event.pathway
    return f"Withdrawn: {pathway.title}", [
        f"{pathway.network.name} has withdrawn {pathway.title}: do not use it to guide care.",
        f"The reason given:\n{event.note}",
        f"Its page, with earlier versions for reference: {absolute_url(pathway.get_absolute_url())}",
    ]


def _consultation_opened(event):
    version = event.version
    consultation = Consultation.objects.get(version=version)
    url = absolute_url(reverse("workspace:consultation", args=[consultation.pk]))
    current = event.pathway.current_version() is not None
    return f"Consultation open: {version.title}", [
        f"A draft of {version.title} from {event.pathway.network.name} is open for national "
        f"consultation from {_day(consultation.opens_on)} to {_day(consultation.closes_on)}.",
        "NHS Scotland staff can read the draft and comment on any section once signed in:",
        url,
        "The draft is not guidance"
        + (": follow the current version until a new one is published." if current else "."),
    ]


_WORDING = {
    Event.Action.PUBLISHED: _published,
    Event.Action.WITHDRAWN: _withdrawn,
    Event.Action.CONSULTATION_OPENED: _consultation_opened,
}
# The events subscribers hear of: nothing about a draft before it goes out for consultation.
ACTIONS = list(_WORDING)
