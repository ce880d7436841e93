"""Email about pathway transitions. Called by `pathways.services` only after commit, so no
mail ever describes a change that was rolled back; a failure to send is logged, never raised
into the request that made the change.

These functions decide nothing: the service that made the change says what happened (approved,
or one approval of how many) and they put it into words. Every link starts with the configured
public address, `settings.PORTAL_BASE_URL`.
"""

import logging

from django.core.mail import send_mail
from django.urls import reverse

from accounts.links import absolute_url
from networks.models import NetworkRole
from pathways import policy

logger = logging.getLogger(__name__)


def _link(version):
    return absolute_url(reverse("workspace:version", args=[version.pk]))


def _name(user):
    return user.get_full_name() or user.get_username()


def emails_of(users):
    return sorted({user.email for user in users if user.email and user.is_active})


def _network_people(version, role):
    roles = NetworkRole.objects.filter(network=version.pathway.network, role=role)
    return [role.user for role in roles.select_related("user")]


def send(subject, lines, recipients):
    if not recipients:
        return
    try:
        body = "\n\n".join(line for line in lines if line)  # no gap for an empty comment
        send_mail(f"[SCN Pathways] {subject}", body, None, recipients)
    except Exception:  # the change is committed; a mail outage must not turn it into an error
        logger.exception("Could not send %r to %d recipients", subject, len(recipients))


def version_submitted(version, reviewers):
    """Ask `reviewers` (pathways.policy.reviewers_of: whose queue it is in) to review."""
    send(
        f"Review requested: {version.title}",
        [
            f"{version.title} has been submitted for review ({version.get_change_type_display()}).",
            version.change_note or "",
            f"Review it here: {_link(version)}",
        ],
        emails_of(reviewers),
    )


def approval_recorded(version, review, standing):
    """One approval, consensus not yet reached: the author hears how far the version has got
    (`standing`: pathways.consensus.Consensus, as the service found it)."""
    if standing.seats:
        where = (
            f"It has approval from {len(standing.seats) - len(standing.missing)} of the "
            f"{len(standing.seats)} constituencies it needs; still to approve: "
            f"{', '.join(c.name for c in standing.missing)}."
        )
    else:
        where = (
            f"It has {standing.approvers} of the {standing.requirement.count} approvals it needs; "
            "you will hear again when it has them all."
        )
    send(
        f"{standing.progress()}: {version.title}",
        [
            f"{_name(review.reviewer)} {review.get_decision_display().lower()} the text of "
            f"{version.title}. {where}",
            f"Their reservation: {review.comment}" if review.is_reservation else review.comment,
            _link(version),
        ],
        emails_of([version.author]),
    )


def request_answered(review):
    """The reviewer whose request for changes a lead answered hears the answer."""
    version = review.version
    send(
        f"Your request for changes was answered: {version.title}",
        [
            f"{_name(review.answered_by)} answered your request for changes without changing "
            "the text:",
            review.answer,
            f"Your request: {review.comment}",
            _link(version),
        ],
        emails_of([review.reviewer]),
    )


def version_reclassified(version):
    """A reviewer judged a minor change major: the authors and leads hear why, and what it
    now needs."""
    leads = _network_people(version, NetworkRole.Role.LEAD)
    send(
        f"Reclassified as a major change: {version.title}",
        [
            f"{_name(version.reclassified_by)} reclassified this change as major:",
            version.reclassification_reason,
            "It now needs what a major change needs, and a change note saying what changed "
            "and why before it is published.",
            _link(version),
        ],
        emails_of([version.author, *leads]),
    )


def version_approved(version):
    """The version has every approval it needs: one e-mail to its author and the network's
    leads (one each, even for a lead who is the author), who may now publish it."""
    publishers = policy.publishers_of(version)
    send(
        f"Approved: {version.title} is ready to publish",
        [
            f"{version.title} now has every approval it needs and is approved.",
            f"{policy.who_publishes(version.pathway.network)} can now publish it: {_link(version)}",
        ],
        emails_of([version.author, *publishers]),
    )


def changes_requested(version, review):
    send(
        f"{review.get_decision_display()}: {version.title}",
        [
            f"{_name(review.reviewer)} decided: {review.get_decision_display().lower()}.",
            review.comment,
            _link(version),
        ],
        emails_of([version.author]),
    )


def version_published(version):
    leads = _network_people(version, NetworkRole.Role.LEAD)
    send(
        f"Published: {version.title} version {version.number}",
        [
            f"Version {version.number} of {version.title} is published and takes effect on "
            f"{version.effective_from:%d %B %Y}.",
            absolute_url(version.get_absolute_url()),
        ],
        emails_of([version.author, *leads]),
    )


def pathway_withdrawn(pathway, version, *, actor, authors):
    """Tell the network's leads and the withdrawn version's authors, with the public reason."""
    leads = _network_people(version, NetworkRole.Role.LEAD)
    send(
        f"Withdrawn: {pathway.title}",
        [
            f"{_name(actor)} withdrew {pathway.title} (version {version.number} was current). "
            "Readers now see this reason in place of the guidance:",
            pathway.withdrawal_reason,
            absolute_url(pathway.get_absolute_url()),
        ],
        emails_of([*authors, *leads]),
    )


def _consultation_audience(consultation):
    """The developing group and the reviewers of the pathway's constituencies."""
    pathway = consultation.version.pathway
    group = NetworkRole.objects.filter(network=pathway.network).select_related("user")
    return [role.user for role in group] + list(policy.table_of(pathway))


def consultation_opened(consultation):
    version = consultation.version
    send(
        f"Consultation open: {version.title}",
        [
            f"The draft of {version.title} is open for national consultation from "
            f"{consultation.opens_on:%d %B %Y} to {consultation.closes_on:%d %B %Y}.",
            "Comment on any section; the authors respond to every comment before it goes to "
            "review.",
            absolute_url(reverse("workspace:consultation", args=[consultation.pk])),
        ],
        emails_of(_consultation_audience(consultation)),
    )


# --- Consultation notices, sent by `manage.py send_consultation_notices` -----------------------
# Each returns the e-mail as (subject, body, recipients) rather than sending it: the command
# records the notice and sends it in one transaction, so a failed send is not recorded as sent
# and the next run tries again.


def _consultation_url(consultation):
    return absolute_url(reverse("workspace:consultation", args=[consultation.pk]))


def _when(day, today):
    days = (day - today).days
    return {0: "today", 1: "tomorrow"}.get(days, f"in {days} days")


def consultation_closing(consultation, today):
    """'Closing soon', to the developing group and the reviewers at the pathway's table."""
    version = consultation.version
    when = _when(consultation.closes_on, today)
    lines = [
        f"The national consultation on the draft of {version.title} closes {when}, at the end "
        f"of {consultation.closes_on:%A %d %B %Y}.",
        "If you have comments on any section, make them before then: the authors respond to "
        "every comment before the draft goes to review.",
        _consultation_url(consultation),
    ]
    return (
        f"[SCN Pathways] Consultation closes {when}: {version.title}",
        "\n\n".join(lines),
        emails_of(_consultation_audience(consultation)),
    )


def consultation_closed(consultation, waiting):
    """'Closed: responses needed', to the authors and leads who may respond (the policy's
    `RESPOND_TO_COMMENTS`), with how many of the comments (`waiting`) still need one."""
    version = consultation.version
    group = NetworkRole.objects.filter(network=version.pathway.network).select_related("user")
    candidates = {role.user for role in group} | {version.author}
    responders = [
        person
        for person in candidates
        if policy.permits(person, policy.Action.RESPOND_TO_COMMENTS, version)
    ]
    comments = f"{waiting} comment{'s' if waiting != 1 else ''}"
    lines = [
        f"The national consultation on the draft of {version.title} closed on "
        f"{consultation.closes_on:%d %B %Y}. {comments} still need{'s' if waiting == 1 else ''} "
        "a response.",
        "Respond to every comment (accepted, not accepted with the reason, or noted) before "
        "submitting the draft for review: each commenter sees the response to their comment.",
        absolute_url(reverse("workspace:consultation_responses", args=[version.pk])),
    ]
    return (
        f"[SCN Pathways] Consultation closed, responses needed: {version.title}",
        "\n\n".join(lines),
        emails_of(responders),
    )
