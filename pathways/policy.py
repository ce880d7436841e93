"""Who may do what to a pathway or a version: each action defined once, as a queryset.

`versions_for(user, action)` is the rule, in the manner of NetBox's
`RestrictedQuerySet.restrict(user, action)`: the versions `user` may act on now. Everything
else asks it: `permits` (the services, under their row lock), `permitted_actions` (which
buttons a page shows, in one query), the review queue (`versions_for(user, Action.APPROVE)`),
who is asked to review (`reviewers_of`), and the admin. Nothing else may decide from a role or a
status whether an action is allowed.

A network's annual cycle is ruled the same way, at the end of this module: `NetworkAction` in
the same `ROLES`, and `reports_for(user, action)`, `objectives_for(user)` and
`proposals_for(user)` as its querysets.

Why not the `rules` package: its predicates answer "may this user do this to this object?"
but cannot list the objects, so the review queue and the e-mail recipients would each need a
second, hand-written copy of every rule; a queryset answers both questions from one definition.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from networks.cycle import work_plan_closed
from networks.models import AnnualReport, Network, NetworkRole, Objective, Proposal
from pathways.models import (
    Consultation,
    ConsultationComment,
    Event,
    Pathway,
    PathwayVersion,
    Review,
)

Role = NetworkRole.Role
Status = PathwayVersion.Status


class Action(models.TextChoices):
    EDIT = "edit", "Edit"
    SUBMIT = "submit", "Submit for review"
    RECALL = "recall", "Recall to draft"
    APPROVE = "approve", "Approve"
    REQUEST_CHANGES = "request_changes", "Request changes"
    PUBLISH = "publish", "Publish"
    DISCARD = "discard", "Discard"
    RECLASSIFY = "reclassify", "Reclassify as a major change"
    ANSWER = "answer", "Answer the request for changes"
    OPEN_CONSULTATION = "open_consultation", "Open national consultation"
    RESPOND_TO_COMMENTS = "respond_to_comments", "Respond to consultation comments"


class PathwayAction(models.TextChoices):
    CREATE = "create", "Create pathway"  # of a network
    VIEW = "view", "See in the workspace"  # a network's pathways
    NEW_VERSION = "new_version", "New version"
    WITHDRAW = "withdraw", "Withdraw"


class NetworkAction(models.TextChoices):
    """The programme's annual cycle with a network, and proposals for new ones."""

    VIEW = "view_network", "See the network's workspace"
    KEEP_WORK_PLAN = "keep_work_plan", "Update the work plan"
    WRITE_REPORT = "write_report", "Write and submit the annual report"
    REVIEW_REPORT = "review_report", "Accept or return the annual report"
    DECIDE_PROPOSALS = "decide_proposals", "Record proposals and decisions"


# The roles in the owning network that allow each action.
WRITERS = {Role.AUTHOR, Role.LEAD}
KEEPERS = {Role.LEAD, Role.MANAGER}  # of a network's work plan and annual report
ROLES = {
    Action.EDIT: WRITERS,
    Action.SUBMIT: WRITERS,
    Action.RECALL: WRITERS,
    Action.APPROVE: {Role.REVIEWER},
    Action.REQUEST_CHANGES: {Role.REVIEWER},
    Action.PUBLISH: {Role.LEAD},
    Action.DISCARD: WRITERS,
    Action.RECLASSIFY: {Role.REVIEWER},
    Action.ANSWER: {Role.LEAD},
    Action.OPEN_CONSULTATION: {Role.LEAD},
    Action.RESPOND_TO_COMMENTS: WRITERS,
    PathwayAction.CREATE: WRITERS,
    PathwayAction.VIEW: set(Role),
    PathwayAction.NEW_VERSION: WRITERS,
    PathwayAction.WITHDRAW: {Role.LEAD},
    NetworkAction.VIEW: set(Role),
    NetworkAction.KEEP_WORK_PLAN: KEEPERS,
    NetworkAction.WRITE_REPORT: KEEPERS,
    NetworkAction.REVIEW_REPORT: set(),  # the programme team's alone
    NetworkAction.DECIDE_PROPOSALS: set(),
}
# What the programme team (active staff) may do in any network.
PROGRAMME_TEAM = {
    Action.PUBLISH,
    Action.DISCARD,
    PathwayAction.VIEW,
    PathwayAction.WITHDRAW,
    NetworkAction.VIEW,
    NetworkAction.REVIEW_REPORT,
    NetworkAction.DECIDE_PROPOSALS,
}

# The states in which each action applies to a version.
STATES = {
    Action.EDIT: PathwayVersion.EDITABLE_STATUSES,
    Action.SUBMIT: PathwayVersion.EDITABLE_STATUSES,
    Action.RECALL: [Status.IN_REVIEW, Status.APPROVED],
    Action.APPROVE: [Status.IN_REVIEW],
    Action.REQUEST_CHANGES: [Status.IN_REVIEW, Status.APPROVED],
    Action.PUBLISH: [Status.APPROVED],
    Action.DISCARD: PathwayVersion.OPEN_STATUSES,
    Action.RECLASSIFY: [Status.IN_REVIEW, Status.APPROVED],
    # Also in review: a request still stands when its unchanged text was resubmitted.
    Action.ANSWER: [Status.CHANGES_REQUESTED, Status.IN_REVIEW],
    Action.OPEN_CONSULTATION: [Status.DRAFT],
    Action.RESPOND_TO_COMMENTS: PathwayVersion.EDITABLE_STATUSES,
}
# Decisions on a version: open to the reviewers at its pathway's table (see `_at_the_table`),
# never to its own authors.
REVIEWS = {Action.APPROVE, Action.REQUEST_CHANGES, Action.RECLASSIFY}
# The programme team publishes every national pathway; a national group's leads do not.
PROGRAMME_PUBLISHES = {Action.PUBLISH, PathwayAction.WITHDRAW}

# A network keeps a work plan and reports while it is at work (not proposed, merged or retired).
NETWORK_AT_WORK = {NetworkAction.KEEP_WORK_PLAN, NetworkAction.WRITE_REPORT}
# The states of an annual report in which each action applies to it.
REPORT_STATES = {
    NetworkAction.WRITE_REPORT: AnnualReport.WITH_THE_NETWORK,
    NetworkAction.REVIEW_REPORT: [AnnualReport.Status.SUBMITTED],
}

# Said when someone holds no role that allows the action (the services raise PermissionDenied).
ROLE_REFUSALS = {
    Action.EDIT: "Only authors and leads of the network write and submit its pathways.",
    Action.SUBMIT: "Only authors and leads of the network write and submit its pathways.",
    Action.RECALL: "Only authors and leads of the network write and submit its pathways.",
    Action.APPROVE: "Only reviewers at this pathway's table (its network's reviewers and its "
    "constituencies' members) review it.",
    Action.REQUEST_CHANGES: "Only reviewers at this pathway's table (its network's reviewers "
    "and its constituencies' members) review it.",
    Action.RECLASSIFY: "Only reviewers at this pathway's table reclassify its changes.",
    Action.ANSWER: "Only the network's leads answer a request for changes.",
    Action.OPEN_CONSULTATION: "Only the network's leads open a national consultation.",
    Action.RESPOND_TO_COMMENTS: "Only authors and leads of the network respond to comments.",
    Action.PUBLISH: "Only the network's leads and the programme team publish and withdraw "
    "(national pathways: the programme team).",
    Action.DISCARD: "Only authors, leads and the programme team discard versions.",
    PathwayAction.CREATE: "Only authors and leads of the network write and submit its pathways.",
    PathwayAction.VIEW: "You have no role in this network.",
    PathwayAction.NEW_VERSION: "Only authors and leads of the network write and submit its pathways.",
    PathwayAction.WITHDRAW: "Only the network's leads and the programme team publish and "
    "withdraw (national pathways: the programme team).",
    NetworkAction.VIEW: "You have no role in this network.",
    NetworkAction.KEEP_WORK_PLAN: "Only the network's leads and manager keep its work plan.",
    NetworkAction.WRITE_REPORT: "Only the network's leads and manager write its annual report.",
    NetworkAction.REVIEW_REPORT: "Only the programme team reviews annual reports.",
    NetworkAction.DECIDE_PROPOSALS: "Only the programme team records proposals and decisions.",
}
OWN_WORK = "You wrote or edited this version: someone else must review it."


def _active(user):
    return user is not None and user.is_authenticated and user.is_active


def networks_for(user, action):
    """The networks in which `user` holds a role that allows `action` (any, for the programme
    team's actions)."""
    if not _active(user):
        return Network.objects.none()
    if action in PROGRAMME_TEAM and user.is_staff:
        return Network.objects.all()
    roles = NetworkRole.objects.filter(user=user, network=OuterRef("pk"), role__in=ROLES[action])
    networks = Network.objects.filter(Exists(roles))
    if action in NETWORK_AT_WORK:
        networks = networks.active()
    if action in PROGRAMME_PUBLISHES:
        networks = networks.exclude(kind=Network.Kind.NATIONAL_GROUP)
    return networks


def leads_of(network):
    """The ids of the network's active leads (in name order): who answers for its pathways."""
    return list(
        NetworkRole.objects.filter(network=network, role=Role.LEAD, user__is_active=True)
        .order_by("user__last_name", "user__first_name", "user__pk")
        .values_list("user_id", flat=True)
    )


def who_publishes(network):
    """Who may publish the network's pathways, in words (for e-mails and pages)."""
    if network.kind == Network.Kind.NATIONAL_GROUP:
        return "The programme team"
    return f"A lead of {network.name} or the programme team"


def publishers_of(version):
    """The people who may publish `version` once approved: told when it is."""
    return [
        person
        for person in get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(is_staff=True) | Q(network_roles__network=version.pathway.network_id))
        .distinct()
        if holds_role(person, Action.PUBLISH, version.pathway.network)
    ]


def holds_role(user, action, network):
    return networks_for(user, action).filter(pk=network.pk).exists()


def require_role(user, action, network):
    """403, with the reason, for someone who may never do `action` in `network`."""
    if not holds_role(user, action, network):
        raise PermissionDenied(ROLE_REFUSALS[action])


def _contributed(user):
    """Versions `user` started or saved: their own work, which they may never review."""
    saved = Event.objects.filter(version=OuterRef("pk"), actor=user, action=Event.Action.SAVED)
    return Q(author=user) | Q(Exists(saved))


def _at_the_table(user):
    """Versions whose pathway `user` reviews: as a reviewer of its developing network, or as a
    member of a constituency its consensus rule names."""
    seats = [
        through.objects.filter(pathway=OuterRef("pathway_id"), constituency__members=user)
        for through in (
            Pathway.major_change_constituencies.through,
            Pathway.minor_change_constituencies.through,
        )
    ]
    return (
        Q(pathway__network__in=networks_for(user, Action.APPROVE))
        | Q(Exists(seats[0]))
        | Q(Exists(seats[1]))
    )


def versions_for(user, action):
    """The versions `user` may do `action` to now: the one definition of each action."""
    versions = PathwayVersion.objects.filter(status__in=STATES[action])
    if action in REVIEWS:
        if not _active(user):
            return versions.none()
        versions = versions.filter(_at_the_table(user)).exclude(_contributed(user))
    else:
        versions = versions.filter(pathway__network__in=networks_for(user, action))
    if action in {Action.APPROVE, Action.REQUEST_CHANGES}:
        decided = Review.objects.filter(
            version=OuterRef("pk"), reviewer=user, voided_at__isnull=True
        )
        versions = versions.exclude(Exists(decided))
    if action == Action.RECLASSIFY:
        versions = versions.filter(change_type=PathwayVersion.ChangeType.MINOR)
    if action == Action.ANSWER:
        # A lead who wrote or edited it may not wave away a review of their own work.
        versions = versions.filter(Exists(_open_requests())).exclude(_contributed(user))
    consultation = Consultation.objects.filter(version=OuterRef("pk"))
    if action == Action.OPEN_CONSULTATION:
        versions = versions.exclude(Exists(consultation))
    if action == Action.RESPOND_TO_COMMENTS:
        waiting = ConsultationComment.objects.filter(
            consultation__version=OuterRef("pk"), response=""
        )
        versions = versions.filter(Exists(waiting))
    if action == Action.SUBMIT:
        versions = versions.exclude(Exists(_consultation_unsettled()))
    if action == Action.PUBLISH:
        versions = versions.filter(pathway__withdrawn_at__isnull=True)
    return versions


def _consultation_unsettled():
    """A version's consultation that keeps it from review: still open (or yet to open), or
    closed with a comment the authors have not responded to (services explain which)."""
    waiting = ConsultationComment.objects.filter(consultation=OuterRef("pk"), response="")
    return Consultation.objects.filter(version=OuterRef("pk")).filter(
        Q(closes_on__gte=timezone.localdate()) | Q(Exists(waiting))
    )


def _open_requests():
    return Review.objects.filter(
        version=OuterRef("pk"),
        decision=Review.Decision.REQUEST_CHANGES,
        voided_at__isnull=True,
        answered_at__isnull=True,
    )


def permits(user, action, version):
    """Whether `user` may do `action` to `version` now."""
    return versions_for(user, action).filter(pk=version.pk).exists()


def permitted_actions(user, version):
    """Every action `user` may do to `version` now, in one query: what a page offers."""
    checks = {
        action.value: Exists(versions_for(user, action).filter(pk=OuterRef("pk")))
        for action in Action
    }
    row = PathwayVersion.objects.filter(pk=version.pk).annotate(**checks).values(*checks)
    found = row.first() or {}
    return {action for action, allowed in found.items() if allowed}


def pathways_for(user, action):
    """The pathways `user` may do `action` to now (start a new version, withdraw)."""
    pathways = Pathway.objects.filter(network__in=networks_for(user, action))
    open_version = PathwayVersion.objects.filter(
        pathway=OuterRef("pk"), status__in=PathwayVersion.OPEN_STATUSES
    )
    if action == PathwayAction.NEW_VERSION:
        pathways = pathways.filter(withdrawn_at__isnull=True).exclude(Exists(open_version))
    if action == PathwayAction.WITHDRAW:
        published = PathwayVersion.objects.filter(pathway=OuterRef("pk")).published()
        pathways = pathways.filter(withdrawn_at__isnull=True).filter(Exists(published))
    return pathways


def permits_on_pathway(user, action, pathway):
    return pathways_for(user, action).filter(pk=pathway.pk).exists()


def table_of(pathway):
    """Everyone at the pathway's table: its developing network's reviewers and the members of
    the constituencies its consensus rule names (active accounts)."""
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(
            Q(
                network_roles__network=pathway.network_id,
                network_roles__role__in=ROLES[Action.APPROVE],
            )
            | Q(constituencies__in=pathway.major_change_constituencies.all())
            | Q(constituencies__in=pathway.minor_change_constituencies.all())
        )
        .distinct()
    )


def at_the_table(user, pathway):
    """Whether `user` reviews `pathway`: a reviewer of its network, or a member of a
    constituency its consensus rule names."""
    return _active(user) and table_of(pathway).filter(pk=user.pk).exists()


def sees_in_workspace(user, pathway):
    """Whether `user` sees `pathway`, its versions and its consultation's comments in the
    workspace: anyone with a role in its network (the programme team in every one), and everyone
    at its table, who may have no role in a national group's network."""
    return holds_role(user, PathwayAction.VIEW, pathway.network) or at_the_table(user, pathway)


def reviewers_of(version):
    """The people who may review `version` now: who is asked to. Each candidate is asked the
    rule itself (`permits`), so the e-mail and the review queue cannot disagree."""
    candidates = table_of(version.pathway)
    return [person for person in candidates if permits(person, Action.APPROVE, version)]


class Refusal(models.TextChoices):
    """Why `permits` said no, for the services to answer in words: the rule itself is
    `versions_for`; this only explains its answer."""

    ROLE = "role"
    OWN_WORK = "own_work"
    STATE = "state"
    DECIDED = "decided"
    WITHDRAWN = "withdrawn"


def why_not(user, action, version):
    """The reason `user` may not do `action` to `version`, or None if they may."""
    if permits(user, action, version):
        return None
    if action in REVIEWS:
        table = PathwayVersion.objects.filter(_at_the_table(user)) if _active(user) else None
        if table is None or not table.filter(pk=version.pk).exists():
            return Refusal.ROLE
    elif not holds_role(user, action, version.pathway.network):
        return Refusal.ROLE
    own_work_matters = action in REVIEWS or action == Action.ANSWER
    if own_work_matters and versions_for_own_work(user).filter(pk=version.pk).exists():
        return Refusal.OWN_WORK
    if version.status in STATES[action]:
        if action == Action.PUBLISH:
            return Refusal.WITHDRAWN
        if action in {Action.APPROVE, Action.REQUEST_CHANGES}:
            return Refusal.DECIDED
    return Refusal.STATE  # its status, or what the action needs of it (a minor change, ...)


def versions_for_own_work(user):
    """The versions `user` started or saved."""
    return PathwayVersion.objects.filter(_contributed(user))


# The network's annual cycle: the same rule shape as versions, over reports and objectives.


def reports_for(user, action):
    """The annual reports `user` may do `action` to now (write and submit; accept or return)."""
    if not _active(user):
        return AnnualReport.objects.none()  # (and an anonymous user is no `submitted_by`)
    reports = AnnualReport.objects.filter(
        status__in=REPORT_STATES[action], network__in=networks_for(user, action)
    )
    if action == NetworkAction.REVIEW_REPORT:
        # Whoever submitted a report does not judge it, programme team or not.
        reports = reports.exclude(submitted_by=user)
    return reports


def permits_on_report(user, action, report):
    return reports_for(user, action).filter(pk=report.pk).exists()


def permitted_report_actions(user, report):
    """Every action `user` may do to `report` now, in one query: what its page offers."""
    checks = {
        action.value: Exists(reports_for(user, action).filter(pk=OuterRef("pk")))
        for action in REPORT_STATES
    }
    found = AnnualReport.objects.filter(pk=report.pk).annotate(**checks).values(*checks).first()
    return {action for action, allowed in (found or {}).items() if allowed}


def objectives_for(user):
    """The objectives `user` may update now: their network's, while that year's work plan is
    open (`Objective.objects.open`: its report not yet accepted)."""
    return Objective.objects.open().filter(
        network__in=networks_for(user, NetworkAction.KEEP_WORK_PLAN)
    )


def may_add_objective(user, network, year):
    """Whether `user` may add to `network`'s work plan for `year` now."""
    return holds_role(user, NetworkAction.KEEP_WORK_PLAN, network) and not work_plan_closed(
        network, year
    )


def closed_to(user, action, network):
    """Whether `user` keeps `network`'s work plan or report but the network is no longer at work
    (proposed, merged, retired): the reason they may not, in words, rather than a bare 403."""
    return (
        action in NETWORK_AT_WORK
        and _active(user)
        and not network.is_active
        and NetworkRole.objects.filter(user=user, network=network, role__in=ROLES[action]).exists()
    )


def permits_on_objective(user, objective):
    return objectives_for(user).filter(pk=objective.pk).exists()


def is_programme_team(user):
    """The programme team: active staff (who record proposals and ask for annual reports)."""
    return _active(user) and user.is_staff


def proposals_for(user):
    """The proposals `user` may decide now: the programme team, on those awaiting a decision."""
    if not is_programme_team(user):
        return Proposal.objects.none()
    return Proposal.objects.awaiting()


def sees_network_workspace(user, network):
    """Whether `user` sees `network`'s work plan, reports and timeline in the workspace."""
    return holds_role(user, NetworkAction.VIEW, network)


def keepers_of(network):
    """The active people who keep `network`'s work plan and report: told what becomes of it
    (nobody, once the network is no longer at work: its reports are owed by no one)."""
    if not network.is_active:
        return get_user_model().objects.none()
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            network_roles__network=network,
            network_roles__role__in=ROLES[NetworkAction.WRITE_REPORT],
        )
        .distinct()
    )


def programme_team():
    return get_user_model().objects.filter(is_active=True, is_staff=True)
