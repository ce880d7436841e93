"""Email about pathway transitions. Called by `pathways.services` only after commit, so no
mail ever describes a change that was rolled back; a failure to send is logged, never raised
into the request that made the change."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse

from networks.models import NetworkRole

logger = logging.getLogger(__name__)


def _link(version):
    return settings.PORTAL_BASE_URL.rstrip("/") + reverse("workspace:version", args=[version.pk])


def _emails(users):
    return sorted({user.email for user in users if user.email and user.is_active})


def _network_people(version, role):
    roles = NetworkRole.objects.filter(network=version.pathway.network, role=role)
    return [role.user for role in roles.select_related("user")]


def _send(subject, lines, recipients):
    if not recipients:
        return
    try:
        send_mail(f"[SCN Pathways] {subject}", "\n\n".join(lines), None, recipients)
    except Exception:  # the change is committed; a mail outage must not turn it into an error
        logger.exception("Could not send %r to %d recipients", subject, len(recipients))


def version_submitted(version):
    reviewers = [
        user
        for user in _network_people(version, NetworkRole.Role.REVIEWER)
        if user.pk != version.author_id
    ]
    _send(
        f"Review requested: {version.title}",
        [
            f"{version.title} has been submitted for review ({version.get_change_type_display()}).",
            version.change_note or "",
            f"Review it here: {_link(version)}",
        ],
        _emails(reviewers),
    )


def decision_made(version, review):
    _send(
        f"{review.get_decision_display()}: {version.title}",
        [
            f"{review.reviewer.get_full_name() or review.reviewer} decided: "
            f"{review.get_decision_display().lower()}.",
            review.comment,
            _link(version),
        ],
        _emails([version.author]),
    )


def version_published(version):
    leads = _network_people(version, NetworkRole.Role.LEAD)
    _send(
        f"Published: {version.title} version {version.number}",
        [
            f"Version {version.number} of {version.title} is published and takes effect on "
            f"{version.effective_from:%d %B %Y}.",
            settings.PORTAL_BASE_URL.rstrip("/") + version.get_absolute_url(),
        ],
        _emails([version.author, *leads]),
    )
