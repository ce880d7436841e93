"""National consultation on a draft: every change to one, each a service (see
pathways.services: one durable transaction, the pathway row locked, permission re-checked).

A lead opens a draft for consultation for a window of dates. While it is open, any signed-in
NHS Scotland user comments on a section, and so do people the lead invites with a link
(unguessable: only a hash of its token is kept; revocable; expiring). Once it has closed, the
authors respond to every comment; `services.submit` refuses the draft until they have.
"""

import hashlib
import secrets
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from pathways import notifications, policy
from pathways.models import (
    Consultation,
    ConsultationComment,
    ConsultationLink,
    Event,
    PathwayVersion,
)
from pathways.services import TransitionError, _check, _lock_version, _record, service

Response = ConsultationComment.Response
LONGEST_WINDOW = timedelta(days=92)
LINK_TOKEN_BYTES = 24


def _hash(token):
    return hashlib.sha256(token.encode()).hexdigest()


@service
def open_consultation(*, actor, version, opens_on, closes_on):
    """Open `version` (a draft) for national consultation from `opens_on` to `closes_on`."""
    version = _lock_version(version)
    _check(
        actor,
        policy.Action.OPEN_CONSULTATION,
        version,
        "This version is {status}: only a draft not yet consulted on can go to consultation.",
    )
    today = timezone.localdate()
    if opens_on < today:
        raise TransitionError("A consultation cannot open in the past.")
    if closes_on < opens_on:
        raise TransitionError("The consultation must close on or after the day it opens.")
    if closes_on - opens_on > LONGEST_WINDOW:
        raise TransitionError("A consultation runs for at most three months.")
    consultation = Consultation.objects.create(
        version=version, opens_on=opens_on, closes_on=closes_on, opened_by=actor
    )
    _record(
        pathway=version.pathway,
        version=version,
        actor=actor,
        action=Event.Action.CONSULTATION_OPENED,
        note=f"Open for comment from {opens_on:%d %B %Y} to {closes_on:%d %B %Y}.",
    )
    transaction.on_commit(lambda: notifications.consultation_opened(consultation))
    return consultation


def taking_comments(consultation, today=None):
    """Whether `consultation` takes comments now: inside its window, on a draft not discarded
    (`all_taking_comments` is the same rule for many)."""
    discarded = consultation.version.status == PathwayVersion.Status.DISCARDED
    return consultation.is_open(today) and not discarded


def all_taking_comments(today=None):
    """The consultations taking comments now."""
    today = today or timezone.localdate()
    return Consultation.objects.filter(opens_on__lte=today, closes_on__gte=today).exclude(
        version__status=PathwayVersion.Status.DISCARDED
    )


def _open(consultation):
    if consultation.version.status == PathwayVersion.Status.DISCARDED:
        raise TransitionError("This draft was discarded: its consultation takes no comments.")
    if not consultation.is_open():
        raise TransitionError(
            f"This consultation is open from {consultation.opens_on:%d %B %Y} to "
            f"{consultation.closes_on:%d %B %Y}: it is not taking comments now."
        )


def _section(consultation, anchor):
    """The heading `anchor` names in the draft's text, or a refusal."""
    for heading in consultation.version.contents:
        if heading.get("id") == anchor:
            return heading.get("text", anchor)
    raise TransitionError("Choose a section of the pathway to comment on.")


@service
def comment(*, consultation, section, text, commenter=None, link=None, name="", role="",
            board=None, organisation=""):  # fmt: skip
    """A comment on one section, from a signed-in `commenter` (their name, job and board as
    their profile gives them unless said here) or from someone invited by `link` (the name and
    organisation they give)."""
    consultation = (
        Consultation.objects.select_for_update().select_related("version").get(pk=consultation.pk)
    )
    _open(consultation)
    if (commenter is None) == (link is None):
        raise TransitionError("A comment comes from a signed-in person or an invitation link.")
    if commenter is not None and not (commenter.is_authenticated and commenter.is_active):
        raise TransitionError("Sign in to comment.")
    if link is not None:
        # Read afresh: the caller's copy may predate a revocation, and it must be this
        # consultation's link, not one to another draft.
        link = ConsultationLink.objects.filter(pk=link.pk, consultation=consultation).first()
        if link is None or not link_is_usable(link, consultation):
            raise TransitionError("This invitation link has expired or been withdrawn.")
    if not text.strip():
        raise TransitionError("Write your comment: it is empty.")
    if commenter is not None:
        profile = getattr(commenter, "profile", None)
        name = name or commenter.get_full_name() or commenter.get_username()
        role = role or (profile.job_title if profile else "")
        board = board or (profile.board if profile else None)
        organisation = organisation or (profile.organisation if profile else "")
    if not name.strip():
        raise TransitionError("Give your name: comments are not anonymous.")
    return ConsultationComment.objects.create(
        consultation=consultation,
        section=section,
        section_heading=_section(consultation, section)[:300],  # headings may run long
        text=text.strip(),
        commenter=commenter,
        link=link,
        name=name.strip()[:200],  # a registered full name may be 301 characters
        role=role.strip(),
        board=board,
        organisation=organisation.strip(),
    )


@service
def respond(*, actor, comment, response, reason=""):
    """The authors' response to a comment: accepted, not accepted (with the reason) or noted."""
    version = _lock_version(comment.consultation.version)
    policy.require_role(actor, policy.Action.RESPOND_TO_COMMENTS, version.pathway.network)
    comment = (
        ConsultationComment.objects.select_for_update(of=("self",))
        .select_related("consultation", "responded_by")
        .get(pk=comment.pk)
    )
    if comment.consultation.version_id != version.pk:
        raise TransitionError("That comment is not on this version.")
    if comment.response:
        # A response is final, as a review decision is: a second press, or a co-author
        # answering at the same moment, is told rather than silently replacing it. Said
        # before asking the policy, which, once nothing waits, knows only "not now".
        by = comment.responded_by.get_full_name() or comment.responded_by.get_username()
        raise TransitionError(
            f"This comment already has a response ({comment.get_response_display().lower()}, "
            f"from {by})."
        )
    _check(
        actor,
        policy.Action.RESPOND_TO_COMMENTS,
        version,
        "This version is {status}: its consultation comments can no longer be answered.",
    )
    if response not in Response.values:
        raise TransitionError("Choose accepted, not accepted or noted.")
    if response == Response.NOT_ACCEPTED and not reason.strip():
        raise TransitionError("Say why the comment is not accepted: the reason is required.")
    comment.response, comment.response_reason = response, reason.strip()
    comment.responded_by, comment.responded_at = actor, timezone.now()
    comment.save(update_fields=["response", "response_reason", "responded_by", "responded_at"])
    return comment


@service
def create_link(*, actor, consultation, label, expires_on):
    """An invitation to comment for someone outside NHS Scotland; returns (link, token). The
    token is shown once, to the lead who made it: only its hash is kept."""
    version = _lock_version(consultation.version)
    policy.require_role(actor, policy.Action.OPEN_CONSULTATION, version.pathway.network)
    consultation = Consultation.objects.select_related("version").get(pk=consultation.pk)
    if consultation.has_closed() or consultation.version.status == PathwayVersion.Status.DISCARDED:
        raise TransitionError("This consultation has closed: it takes no more invitations.")
    if not label.strip():
        raise TransitionError("Say who the link is for.")
    if expires_on < timezone.localdate() or expires_on > consultation.closes_on:
        raise TransitionError(
            "The link must expire between today and the day the consultation closes."
        )
    token = secrets.token_urlsafe(LINK_TOKEN_BYTES)
    link = ConsultationLink.objects.create(
        consultation=consultation,
        token_hash=_hash(token),
        label=label.strip(),
        expires_on=expires_on,
        created_by=actor,
    )
    return link, token


@service
def revoke_link(*, actor, link):
    """Withdraw an invitation link: from now on it opens nothing (revoking twice is harmless)."""
    version = _lock_version(link.consultation.version)
    policy.require_role(actor, policy.Action.OPEN_CONSULTATION, version.pathway.network)
    ConsultationLink.objects.filter(pk=link.pk, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    link.refresh_from_db()
    return link


def link_is_usable(link, consultation=None):
    """An invitation link works while not revoked, not expired, and its consultation takes
    comments."""
    consultation = consultation or link.consultation
    today = timezone.localdate()
    return (
        link.revoked_at is None
        and today <= link.expires_on
        and taking_comments(consultation, today)
    )


def link_for(token):
    """The usable link `token` opens, or None: an unknown, revoked or expired token and a
    closed consultation all look the same to whoever holds it."""
    if not token or len(token) > 100:
        return None
    link = (
        ConsultationLink.objects.select_related("consultation__version__pathway")
        .filter(token_hash=_hash(token))
        .first()
    )
    return link if link and link_is_usable(link) else None
