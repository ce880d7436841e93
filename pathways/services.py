"""Every change of a pathway's state, each in one keyword-only function.

Views, admin actions and management commands call only these. Each function runs in one
transaction of its own, durably: called inside another transaction it refuses to run, so no
caller can make a publication's commit and e-mails wait on work outside it (`composed()` is
the one deliberate way to run several in one transaction). Each locks the pathway row first
(`select_for_update`), so two people acting at once are served one after the other, then
re-reads the state and re-checks the actor's permission under that lock, writes the change
with its event, and sends email only after the transaction commits.

Refusals: `PermissionDenied` when the actor may not do this at all; `TransitionError` (with
a message fit to show the person) when the pathway is not in a state that allows it.
"""

import functools
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime, time

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify

from accounts import security_log
from pathways import consensus, content_models, notifications, policy
from pathways.models import (
    Consultation,
    Event,
    Pathway,
    PathwayVersion,
    Review,
    default_next_review,
)

Status = PathwayVersion.Status
ChangeType = PathwayVersion.ChangeType

_composing = ContextVar("composing services", default=False)


def service(function):
    """Runs `function` as one durable transaction (see the module's docstring)."""

    @functools.wraps(function)
    def in_its_own_transaction(*args, **kwargs):
        with transaction.atomic(durable=not _composing.get()):
            return function(*args, **kwargs)

    return in_its_own_transaction


@contextmanager
def composed():
    """Runs the services called inside it in one transaction, all or nothing: for loading the
    demo's story, and for tests that try a service and roll it back. Nothing else needs it."""
    token = _composing.set(True)
    try:
        with transaction.atomic():
            yield
    finally:
        _composing.reset(token)


class TransitionError(Exception):
    """The pathway's current state does not allow the action; the message says why."""


class StaleEdit(TransitionError):
    """Someone saved the draft after the editor opened it."""


class AlreadyPublished(TransitionError):
    """The version was published before this request got to it (a second press of Publish, or
    someone else's); `version` is the published version, to show instead of an error."""

    def __init__(self, message, *, version):
        super().__init__(message)
        self.version = version


# Said by the withdrawal form as well as by `withdraw`, so the person reads the same reason.
WITHDRAWAL_REASON_NEEDED = (
    "Give the reason for withdrawal: every reader sees it, on the pathway's page and in the "
    "feeds, in place of the guidance."
)


def _lock(pathway_id):
    return Pathway.objects.select_for_update().select_related("network").get(pk=pathway_id)


def _lock_version(version):
    """Lock the version's pathway, then read the version afresh: the caller's copy may be old."""
    pathway = _lock(version.pathway_id)
    fresh = PathwayVersion.objects.select_related("author").get(pk=version.pk)
    fresh.pathway = pathway
    return fresh


def _check(actor, action, version, state_message):
    """Ask the policy whether `actor` may do `action` to the locked `version`; if not, say why:
    403 for someone who may never do it, a `TransitionError` for a state that does not allow it.
    `state_message` may name the version's status as {status}."""
    reason = policy.why_not(actor, action, version)
    if reason is None:
        return
    if reason == policy.Refusal.ROLE:
        raise PermissionDenied(policy.ROLE_REFUSALS[action])
    if reason == policy.Refusal.OWN_WORK:
        raise PermissionDenied(policy.OWN_WORK)
    if reason == policy.Refusal.DECIDED:
        earlier = version.reviews.filter(reviewer=actor, voided_at__isnull=True).first()
        decision = earlier.get_decision_display().lower() if earlier else "decided"
        raise TransitionError(f"You have already decided on this version ({decision}).")
    if reason == policy.Refusal.WITHDRAWN:
        raise TransitionError("This pathway is withdrawn: it cannot be published.")
    raise TransitionError(state_message.format(status=version.get_status_display().lower()))


def _record(*, pathway, version, actor, action, from_status="", to_status="", note=""):
    transaction.on_commit(
        lambda: security_log.record(
            "transition",
            actor=actor,
            target=version or pathway,
            action=action,
            from_status=from_status,
            to_status=to_status,
        )
    )
    return Event.objects.create(
        pathway=pathway,
        version=version,
        actor=actor,
        action=action,
        from_status=from_status,
        to_status=to_status,
        note=note,
    )


def _save(instance, actor):
    """Save, recording the actor in the history even when no request is in progress."""
    instance._history_user = actor
    instance.save()


def _move(version, *, actor, action, to_status, note="", **fields):
    """Save a status change and its event together."""
    from_status = version.status
    version.status = to_status
    for name, value in fields.items():
        setattr(version, name, value)
    _save(version, actor)
    _record(
        pathway=version.pathway,
        version=version,
        actor=actor,
        action=action,
        from_status=from_status,
        to_status=to_status,
        note=note,
    )


def _newest_published(pathway):
    return pathway.versions.published().newest_first().first()


@dataclass(frozen=True)
class ChangeOption:
    """One change type a draft may be submitted as, and what it then needs."""

    change_type: str
    label: str
    needs: str  # "approval from NCA, SCAN and WoSCAN", from pathways.consensus
    note_required: bool


@dataclass(frozen=True)
class SubmissionTerms:
    """What submitting a version asks for: whether it will be the first publication (1.0),
    and each change type it may be submitted as."""

    first: bool
    options: tuple

    def option(self, change_type):
        return next((o for o in self.options if o.change_type == change_type), None)


def submission_terms(version):
    """The terms `submit` applies to `version`, for the submit page to show before it does.

    A first version is always a major change (it becomes 1.0) and needs no change note, as there
    is nothing before it to describe a change from; a later major change needs a note saying
    what changed and why, a minor change does not. A version a reviewer reclassified as major
    stays major."""
    first = _newest_published(version.pathway) is None
    types = [ChangeType.MAJOR] if first or version.reclassified_at else list(ChangeType)
    return SubmissionTerms(
        first=first,
        options=tuple(
            ChangeOption(
                change_type=kind.value,
                label=kind.label,
                needs=consensus.requirement(version.pathway, kind).describe(),
                note_required=kind == ChangeType.MAJOR and not first,
            )
            for kind in types
        ),
    )


def _contributors(version):
    """The version's authors: who started it and everyone who saved its text."""
    editors = version.events.filter(action=Event.Action.SAVED).values("actor_id")
    return get_user_model().objects.filter(Q(pk=version.author_id) | Q(pk__in=editors))


@service
def create_pathway(*, actor, network, cancer_type, title, slug="", disciplines=()):
    """Create a pathway in `network` with its first draft; returns the draft. A national
    group's pathway needs, for a major change, the approval of the three regions and of the
    `disciplines` (constituencies) it names; for a minor change, any one reviewer's."""
    policy.require_role(actor, policy.PathwayAction.CREATE, network)
    title = title.strip()
    slug = slug or slugify(title)[:100]
    if not title or not slug:
        raise TransitionError("Give the pathway a title.")
    if Pathway.objects.filter(slug=slug).exists():
        raise TransitionError(
            f"A pathway with the address “{slug}” already exists: choose another."
        )
    try:
        with transaction.atomic():
            pathway = Pathway(
                slug=slug, title=title, network=network, cancer_type=cancer_type, created_by=actor
            )
            _save(pathway, actor)
    except IntegrityError:  # created by someone else in the meantime
        raise TransitionError(
            f"A pathway with the address “{slug}” already exists: choose another."
        ) from None
    if network.kind == network.Kind.NATIONAL_GROUP:
        pathway.major_change_constituencies.set(consensus.default_constituencies(disciplines))
    version = PathwayVersion(pathway=pathway, author=actor, change_type=ChangeType.MAJOR)
    version.set_content(title=title, summary="", body="")
    _save(version, actor)
    _record(
        pathway=pathway,
        version=version,
        actor=actor,
        action=Event.Action.CREATED,
        to_status=Status.DRAFT,
    )
    return version


@service
def start_new_version(*, actor, pathway):
    """Start a draft from the newest published version ("New version"); returns the draft."""
    pathway = _lock(pathway.pk)
    policy.require_role(actor, policy.PathwayAction.NEW_VERSION, pathway.network)
    if pathway.is_withdrawn:
        raise TransitionError("This pathway is withdrawn: it takes no new versions.")
    open_version = pathway.versions.filter(status__in=PathwayVersion.OPEN_STATUSES).first()
    if open_version:
        raise TransitionError(
            "This pathway already has a version in progress: finish or discard it first."
        )
    base = _newest_published(pathway)
    version = PathwayVersion(pathway=pathway, author=actor, based_on=base)
    if base:
        version.set_content(title=base.title, summary=base.summary, body=base.body)
    else:
        version.set_content(title=pathway.title, summary="", body="")
    _save(version, actor)
    if base:
        content_models.carry_forward(base, version)
        version.rehash()
        _save(version, actor)
    _record(
        pathway=pathway,
        version=version,
        actor=actor,
        action=Event.Action.CREATED,
        to_status=Status.DRAFT,
        note=f"Started from version {base.number}." if base else "",
    )
    return version


@service
def save_draft(*, actor, version, title, summary, body, edit_count):
    """Save the text of a draft. `edit_count` is the value the editor's page was loaded with:
    if someone has saved since, nothing is written and `StaleEdit` says who."""
    version = _lock_version(version)
    _check(actor, policy.Action.EDIT, version, "This version is {status}, so it cannot be edited.")
    if version.edit_count != edit_count:
        last = version.events.filter(action=Event.Action.SAVED).select_related("actor").last()
        who = (
            f"{last.actor.get_full_name() or last.actor} at {timezone.localtime(last.created_at):%H:%M}"
            if last
            else "someone else"
        )
        raise StaleEdit(
            f"This draft was saved by {who} after you opened it. Your text has not been saved: "
            "it is below. Compare it with the current draft, then save again."
        )
    previous_hash = version.content_hash
    version.set_content(title=title, summary=summary, body=body)
    version.detached_references = content_models.detach_missing_sections(
        version, {part.anchor for part in version.unsaved_sections}
    )
    version.rehash()
    if version.content_hash != previous_hash:
        # Any edit voids decisions made on the earlier text.
        version.reviews.filter(voided_at__isnull=True).update(voided_at=timezone.now())
    _move(
        version,
        actor=actor,
        action=Event.Action.SAVED,
        to_status=Status.DRAFT,
        edit_count=version.edit_count + 1,
    )
    return version


@service
def submit(*, actor, version, change_type, change_note=""):
    """Send a draft to the network's reviewers, with its change type and change note."""
    version = _lock_version(version)
    policy.require_role(actor, policy.Action.SUBMIT, version.pathway.network)
    if version.status in PathwayVersion.EDITABLE_STATUSES:
        _refuse_while_consultation_unanswered(version)  # says why the policy refuses
    _check(
        actor,
        policy.Action.SUBMIT,
        version,
        "This version is {status}: only a draft can be submitted.",
    )
    if not version.body.strip():
        raise TransitionError("Write the pathway before submitting it: the body is empty.")
    terms = submission_terms(version)
    if terms.first:
        change_type = ChangeType.MAJOR  # the first publication is always 1.0
    option = terms.option(change_type)
    if option is None:
        raise TransitionError("Choose whether this is a major or a minor change.")
    if option.note_required and not change_note.strip():
        raise TransitionError("A major change needs a change note saying what changed and why.")
    _move(
        version,
        actor=actor,
        action=Event.Action.SUBMITTED,
        to_status=Status.IN_REVIEW,
        note=change_note.strip(),
        change_type=change_type,
        change_note=change_note.strip(),
        submitted_at=timezone.now(),
        submitted_by=actor,
    )
    if _approve_if_enough(version, actor):
        # Its unchanged text was approved before it was recalled: nothing left to review.
        transaction.on_commit(lambda: notifications.version_approved(version))
    else:
        reviewers = policy.reviewers_of(version)  # as the queues show it, at this moment
        transaction.on_commit(lambda: notifications.version_submitted(version, reviewers))
    return version


def _refuse_while_consultation_unanswered(version):
    """A draft out for national consultation goes to review only after the consultation has
    closed and the authors have responded to every comment."""
    consultation = Consultation.objects.filter(version=version).first()
    if consultation is None:
        return
    if not consultation.has_closed():
        raise TransitionError(
            f"The national consultation is open until {consultation.closes_on:%d %B %Y}: "
            "submit it for review once it has closed and every comment has a response."
        )
    waiting = consultation.comments.filter(response="").count()
    if waiting:
        raise TransitionError(
            f"{waiting} consultation comment{'s have' if waiting != 1 else ' has'} no response "
            "yet: respond to every comment before submitting it for review."
        )


@service
def recall(*, actor, version):
    """Take a version back from review to draft (decisions on unchanged text still stand)."""
    version = _lock_version(version)
    _check(
        actor,
        policy.Action.RECALL,
        version,
        "This version is {status}: only a version in review can be recalled.",
    )
    _move(version, actor=actor, action=Event.Action.RECALLED, to_status=Status.DRAFT)
    return version


def _review(actor, version, action):
    version = _lock_version(version)
    _check(actor, action, version, "This version is {status}: it is not waiting for review.")
    return version


def _approve_if_enough(version, actor):
    """A version whose unchanged text already has consensus (resubmitted, or its request for
    changes answered) is approved; says whether it was."""
    if not consensus.consensus_of(version).reached:
        return False
    _move(
        version,
        actor=actor,
        action=Event.Action.APPROVED,
        to_status=Status.APPROVED,
        note="Its unchanged text already had the approvals it needs.",
    )
    return True


@service
def approve(*, actor, version, comment="", reservation="", interests=""):
    """Record a reviewer's approval of the current text (with a `reservation`, recorded and
    published, which does not block), and their declaration of `interests` ("": none). When
    the consensus rule is met the version is approved, and the authors and leads are told it is
    ready to publish; short of it, the authors are told where it stands."""
    if comment.strip() and reservation.strip():
        raise TransitionError("Give either a comment or a reservation, not both.")
    version = _review(actor, version, policy.Action.APPROVE)
    decision = Review.Decision.APPROVE_WITH_RESERVATION if reservation.strip() else None
    review = Review.objects.create(
        version=version,
        reviewer=actor,
        decision=decision or Review.Decision.APPROVE,
        comment=(reservation or comment).strip(),
        interests=interests.strip(),
        content_hash=version.content_hash,
    )
    note = f"With a reservation: {review.comment}" if decision else review.comment
    standing = consensus.consensus_of(version)
    if standing.reached:
        _move(
            version, actor=actor, action=Event.Action.APPROVED, to_status=Status.APPROVED, note=note
        )
        transaction.on_commit(lambda: notifications.version_approved(version))
    else:
        _record(
            pathway=version.pathway,
            version=version,
            actor=actor,
            action=Event.Action.APPROVED,
            from_status=version.status,
            to_status=version.status,
            note=note,
        )
        transaction.on_commit(lambda: notifications.approval_recorded(version, review, standing))
    return version


@service
def request_changes(*, actor, version, comment, interests=""):
    """Send a version back to its authors with a comment saying what must change, and the
    reviewer's declaration of `interests`. It blocks consensus until the text changes or a
    lead answers it (`answer_request`)."""
    if not comment.strip():
        raise TransitionError("Say what needs to change: the comment is required.")
    version = _review(actor, version, policy.Action.REQUEST_CHANGES)
    review = Review.objects.create(
        version=version,
        reviewer=actor,
        comment=comment.strip(),
        decision=Review.Decision.REQUEST_CHANGES,
        interests=interests.strip(),
        content_hash=version.content_hash,
    )
    _move(
        version,
        actor=actor,
        action=Event.Action.CHANGES_REQUESTED,
        to_status=Status.CHANGES_REQUESTED,
        note=review.comment,
    )
    transaction.on_commit(lambda: notifications.changes_requested(version, review))
    return version


@service
def answer_request(*, actor, review, answer):
    """A lead's answer to a request for changes they will not make, with the reason: the
    request stops blocking; the version returns to review once no request holds it back
    (approved at once if its text already has consensus). The reviewer is told."""
    if not answer.strip():
        raise TransitionError("Say why the change is not being made: the answer is required.")
    version = _lock_version(review.version)
    _check(
        actor,
        policy.Action.ANSWER,
        version,
        "This version is {status}: no request for changes waits on it for an answer.",
    )
    review = Review.objects.select_for_update().get(pk=review.pk)
    if not review.is_open_request or review.version_id != version.pk:
        raise TransitionError("That request for changes no longer waits for an answer.")
    review.answer, review.answered_by, review.answered_at = answer.strip(), actor, timezone.now()
    review.save(update_fields=["answer", "answered_by", "answered_at"])
    still_open = consensus.consensus_of(version).open_requests
    to_status = Status.IN_REVIEW if not still_open else version.status
    _move(
        version, actor=actor, action=Event.Action.ANSWERED, to_status=to_status, note=review.answer
    )
    transaction.on_commit(lambda: notifications.request_answered(review))
    if to_status == Status.IN_REVIEW and _approve_if_enough(version, actor):
        transaction.on_commit(lambda: notifications.version_approved(version))
    return version


@service
def reclassify(*, actor, version, reason):
    """A reviewer's judgement that a minor change is major: the higher classification wins, so
    the version now needs what a major change needs, and approvals counted under the minor
    rule no longer suffice (an approved version returns to review)."""
    if not reason.strip():
        raise TransitionError("Say why this is a major change: the reason is required.")
    version = _lock_version(version)
    _check(
        actor,
        policy.Action.RECLASSIFY,
        version,
        "This version is {status}: only a minor change in review can be reclassified.",
    )
    fields = dict(
        change_type=ChangeType.MAJOR,
        reclassified_at=timezone.now(),
        reclassified_by=actor,
        reclassification_reason=reason.strip(),
    )
    for name, value in fields.items():
        setattr(version, name, value)
    to_status = version.status
    if version.status == Status.APPROVED and not consensus.consensus_of(version).reached:
        to_status = Status.IN_REVIEW
    _move(
        version,
        actor=actor,
        action=Event.Action.RECLASSIFIED,
        to_status=to_status,
        note=reason.strip(),
        **fields,
    )
    transaction.on_commit(lambda: notifications.version_reclassified(version))
    return version


def _start_of_day(day):
    return timezone.make_aware(datetime.combine(day, time.min))


@service
def publish(*, actor, version, effective_on=None, next_review_on=None):
    """Publish an approved version with its number; it takes effect now, or at the start of
    `effective_on` (a future date). The next review is due on `next_review_on` (default:
    three years after it takes effect)."""
    version = _lock_version(version)
    pathway = version.pathway
    policy.require_role(actor, policy.Action.PUBLISH, pathway.network)
    if version.status == Status.PUBLISHED:
        by = version.published_by.get_full_name() or version.published_by
        raise AlreadyPublished(
            f"Version {version.number} was already published by {by}.", version=version
        )
    _check(
        actor,
        policy.Action.PUBLISH,
        version,
        "This version is {status}: only an approved version can be published.",
    )
    standing = consensus.consensus_of(version)
    if not standing.reached:
        raise TransitionError("The approvals no longer match the text: submit it for review again.")
    now = timezone.now()
    today = timezone.localdate(now)
    if effective_on and effective_on < today:
        raise TransitionError("A version cannot take effect in the past.")
    effective_from = _start_of_day(effective_on) if effective_on and effective_on > today else now
    next_review_on = next_review_on or default_next_review(timezone.localdate(effective_from))
    if next_review_on <= timezone.localdate(effective_from):
        raise TransitionError("The next review must be due after the version takes effect.")
    latest = _newest_published(pathway)
    if latest and version.change_type == ChangeType.MAJOR and not version.change_note.strip():
        raise TransitionError(
            "It was reclassified as a major change, which needs a change note: recall it, add "
            "the note and submit it again (approvals of its unchanged text still stand)."
        )
    if latest is None:
        major, minor = 1, 0
    elif version.change_type == ChangeType.MINOR:
        major, minor = latest.major, latest.minor + 1
    else:
        major, minor = latest.major + 1, 0
    scheduled = effective_from > now
    _move(
        version,
        actor=actor,
        action=Event.Action.PUBLISHED,
        to_status=Status.PUBLISHED,
        note=f"Takes effect on {effective_from:%d %B %Y}." if scheduled else "",
        major=major,
        minor=minor,
        published_at=now,
        published_by=actor,
        effective_from=effective_from,
        next_review_on=next_review_on,
        agreement=consensus.agreement_of(standing, policy.leads_of(pathway.network)),
    )
    if pathway.first_published_at is None:
        # The moment readers can first see it, which for a scheduled version is in the future.
        pathway.first_published_at = effective_from
        _save(pathway, actor)
    transaction.on_commit(lambda: notifications.version_published(version))
    return version


@service
def withdraw(*, actor, pathway, reason):
    """Withdraw a published pathway from use, with a public reason. Its history stays readable."""
    pathway = _lock(pathway.pk)
    policy.require_role(actor, policy.PathwayAction.WITHDRAW, pathway.network)
    if pathway.is_withdrawn:
        raise TransitionError("This pathway is already withdrawn.")
    if not reason.strip():
        raise TransitionError(WITHDRAWAL_REASON_NEEDED)
    current = _newest_published(pathway)
    if current is None:
        raise TransitionError("This pathway has never been published: discard its draft instead.")
    pathway.withdrawn_at = timezone.now()
    pathway.withdrawal_reason = reason.strip()
    _save(pathway, actor)
    _record(
        pathway=pathway,
        version=current,
        actor=actor,
        action=Event.Action.WITHDRAWN,
        note=pathway.withdrawal_reason,
    )
    authors = list(_contributors(current))
    transaction.on_commit(
        lambda: notifications.pathway_withdrawn(pathway, current, actor=actor, authors=authors)
    )
    return pathway


@service
def discard(*, actor, version):
    """Abandon an unpublished version. It stays in the record, marked discarded."""
    version = _lock_version(version)
    _check(
        actor, policy.Action.DISCARD, version, "This version is {status}: it cannot be discarded."
    )
    _move(version, actor=actor, action=Event.Action.DISCARDED, to_status=Status.DISCARDED)
    return version
