"""Every change in a network's annual cycle, and to proposals for new national networks.

The same contract as `pathways.services` (whose `service` decorator they use): one durable
transaction each, the row locked first and re-read, the actor's permission asked of
`pathways.policy` under that lock, the change saved with a `NetworkEvent` naming the actor, and
e-mail only after commit. They live beside the pathway services because they ask the same policy.

Refusals: `PermissionDenied` for someone who may never do it (the policy's reason), and
`TransitionError` (a message fit to show the person) when the state does not allow it.
"""

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify

from networks.models import AnnualReport, Network, NetworkEvent, Objective, Proposal
from pathways import network_notifications, policy
from pathways.services import StaleEdit, TransitionError, service

NetworkAction = policy.NetworkAction
Status = AnnualReport.Status
Event = NetworkEvent.Action


def _save(instance, actor, **fields):
    for name, value in fields.items():
        setattr(instance, name, value)
    instance._history_user = actor  # simple_history: who, even outside a request
    instance.save()


def _event(*, actor, action, network=None, note="", **about):
    return NetworkEvent.objects.create(
        network=network, actor=actor, action=action, note=note, **about
    )


def _refuse(actor, action, network):
    """403 for someone who may never do `action` in `network`; for its keepers once it is no
    longer at work, the reason in words."""
    if policy.closed_to(actor, action, network):
        raise TransitionError(
            f"{network.name} is {network.get_status_display().lower()}: its work plan and annual "
            "reports are closed."
        )
    policy.require_role(actor, action, network)


def _lock_year(network_id, year):
    """Lock the network's report on `year`, if it has one, so the work plan of that year cannot
    change while the report is being accepted (nor after: then the plan is closed)."""
    list(AnnualReport.objects.select_for_update().filter(network_id=network_id, year=year))


# The work plan


@service
def add_objective(*, actor, network, year, title, owner, due_on):
    network = Network.objects.select_for_update().get(pk=network.pk)
    _refuse(actor, NetworkAction.KEEP_WORK_PLAN, network)
    _lock_year(network.pk, year)
    if not policy.may_add_objective(actor, network, year):
        raise TransitionError(f"The {year} report is accepted: that work plan is closed.")
    objective = Objective(network=network, year=year, title=title, owner=owner, due_on=due_on)
    _save(objective, actor, updated_by=actor)
    _event(
        actor=actor,
        action=Event.OBJECTIVE_ADDED,
        network=network,
        objective=objective,
        note=f"{title} (owner {owner}, due {due_on:%d %B %Y})",
    )
    return objective


@service
def update_objective(*, actor, objective, status, note, owner=None, due_on=None):
    _lock_year(objective.network_id, objective.year)
    objective = Objective.objects.select_for_update().select_related("network").get(pk=objective.pk)
    if not policy.permits_on_objective(actor, objective):
        _refuse(actor, NetworkAction.KEEP_WORK_PLAN, objective.network)
        raise TransitionError(
            f"The {objective.year} report is accepted: its work plan can no longer change."
        )
    before = objective.get_status_display()
    _save(
        objective,
        actor,
        status=status,
        note=note,
        owner=owner or objective.owner,
        due_on=due_on or objective.due_on,
        updated_by=actor,
    )
    after = objective.get_status_display()
    change = after if before == after else f"{before} to {after}"
    _event(
        actor=actor,
        action=Event.OBJECTIVE_UPDATED,
        network=objective.network,
        objective=objective,
        note=f"{objective.title}: {change}." + (f" {note}" if note else ""),
    )
    return objective


# The annual report


def _lock_report(report):
    return AnnualReport.objects.select_for_update().select_related("network").get(pk=report.pk)


def _check_report(actor, action, report):
    """Ask the policy under the lock; if not, say why (403, or the state in words)."""
    if policy.permits_on_report(actor, action, report):
        return
    _refuse(actor, action, report.network)
    if action == NetworkAction.REVIEW_REPORT and report.submitted_by_id == getattr(
        actor, "pk", None
    ):
        raise PermissionDenied("You submitted this report: someone else must review it.")
    if report.status == Status.ACCEPTED:
        raise TransitionError(f"The {report.year} report was accepted: it can no longer change.")
    if action == NetworkAction.WRITE_REPORT:
        raise TransitionError(
            "This report is with the programme team for review: it can change again only if "
            "they return it."
        )
    raise TransitionError(
        f"This report is {report.get_status_display().lower()}: only a submitted report is "
        "accepted or returned."
    )


@service
def save_report(*, actor, report, last_saved=None, **sections):
    """Save the sections given (by field name); the report stays with the network.
    `last_saved` is when the report was last saved as the editor's page showed it: if someone
    has saved it since, nothing is saved and `StaleEdit` says so (the page keeps their text)."""
    report = _lock_report(report)
    _check_report(actor, NetworkAction.WRITE_REPORT, report)
    if last_saved is not None and last_saved != report.updated_at.isoformat():
        raise StaleEdit(
            "Someone else saved this report after you opened it: nothing of yours was saved. "
            "Your text is below. Open the report in another tab to see theirs, bring the two "
            "together here, and save again: that saves this text in place of theirs."
        )
    known = {field for field, _heading in AnnualReport.SECTIONS}
    unknown = set(sections) - known
    if unknown:
        raise ValueError(f"Not sections of an annual report: {sorted(unknown)}")
    _save(report, actor, **sections)
    return report


@service
def submit_report(*, actor, report):
    report = _lock_report(report)
    _check_report(actor, NetworkAction.WRITE_REPORT, report)
    missing = report.missing_sections()
    if missing:
        raise TransitionError("Write every section before submitting. Empty: " + ", ".join(missing))
    again = report.status == Status.RETURNED
    _save(report, actor, status=Status.SUBMITTED, submitted_at=timezone.now(), submitted_by=actor)
    _event(
        actor=actor,
        action=Event.REPORT_RESUBMITTED if again else Event.REPORT_SUBMITTED,
        network=report.network,
        report=report,
    )
    transaction.on_commit(lambda: network_notifications.report_submitted(report, again=again))
    return report


@service
def return_report(*, actor, report, comments):
    report = _lock_report(report)
    _check_report(actor, NetworkAction.REVIEW_REPORT, report)
    if not comments.strip():
        raise TransitionError("Say what the network should change: the comments go back with it.")
    _save(report, actor, status=Status.RETURNED, comments=comments.strip())
    _event(
        actor=actor,
        action=Event.REPORT_RETURNED,
        network=report.network,
        report=report,
        note=comments.strip(),
    )
    transaction.on_commit(lambda: network_notifications.report_returned(report))
    return report


@service
def accept_report(*, actor, report, note=""):
    report = _lock_report(report)
    _check_report(actor, NetworkAction.REVIEW_REPORT, report)
    _save(report, actor, status=Status.ACCEPTED, accepted_at=timezone.now())
    _event(
        actor=actor,
        action=Event.REPORT_ACCEPTED,
        network=report.network,
        report=report,
        note=note.strip(),
    )
    transaction.on_commit(lambda: network_notifications.report_accepted(report))
    return report


@service
def open_reports(*, actor, year, due_on):
    """Ask every network in the annual cycle for its report on `year`, due on `due_on`: the
    reports that exist already are left as they are. Returns the reports opened."""
    if not policy.is_programme_team(actor):
        raise PermissionDenied(policy.ROLE_REFUSALS[NetworkAction.REVIEW_REPORT])
    # Lock first, then see who has been asked: a second request waits here and then sees the
    # reports the first one made (asked in the same statement, it would miss them).
    networks = list(Network.objects.in_annual_cycle().order_by("pk").select_for_update())
    asked = set(AnnualReport.objects.filter(year=year).values_list("network_id", flat=True))
    opened = []
    for network in (each for each in networks if each.pk not in asked):
        report = AnnualReport(network=network, year=year, due_on=due_on)
        _save(report, actor)
        _event(
            actor=actor,
            action=Event.REPORT_OPENED,
            network=network,
            report=report,
            note=f"Due {due_on:%d %B %Y}.",
        )
        opened.append(report)
    return opened


# Proposals for new national networks


@service
def record_proposal(*, actor, area, grounds, case, proposed_by, received_on, supporting_boards=()):
    if not policy.is_programme_team(actor):
        raise PermissionDenied(policy.ROLE_REFUSALS[NetworkAction.DECIDE_PROPOSALS])
    if not grounds:
        raise TransitionError("Say why a national approach: at least one ground.")
    proposal = Proposal(
        area=area,
        grounds=list(grounds),
        case=case,
        proposed_by=proposed_by,
        received_on=received_on,
    )
    _save(proposal, actor)
    proposal.supporting_boards.set(supporting_boards)
    _event(actor=actor, action=Event.PROPOSAL_RECORDED, proposal=proposal, note=area)
    return proposal


@service
def decide_proposal(
    *,
    actor,
    proposal,
    decision,
    decided_on,
    reason,
    name="",
    short_name="",
    kind=Network.Kind.NATIONAL_MCN,
):
    """Record the programme's decision; an approved proposal becomes a network, proposed (being
    set up) from the day of the decision."""
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if not policy.is_programme_team(actor):
        raise PermissionDenied(policy.ROLE_REFUSALS[NetworkAction.DECIDE_PROPOSALS])
    if not policy.proposals_for(actor).filter(pk=proposal.pk).exists():
        raise TransitionError(
            f"This proposal was {proposal.get_decision_display().lower()} on "
            f"{proposal.decided_on:%d %B %Y}: the decision stands."
        )
    if decision not in {choice for choice in Proposal.Decision if choice != "pending"}:
        raise TransitionError("Choose approved, declined or deferred.")
    if not reason.strip():
        raise TransitionError("Give the reason for the decision: it is kept with the proposal.")
    network = None
    if decision == Proposal.Decision.APPROVED:
        network = _new_network(actor, proposal, name, short_name, kind, decided_on)
    _save(
        proposal,
        actor,
        decision=decision,
        decided_on=decided_on,
        decision_reason=reason.strip(),
        network=network,
    )
    _event(
        actor=actor,
        action=Event.PROPOSAL_DECIDED,
        proposal=proposal,
        network=network,
        note=f"{proposal.get_decision_display()}: {reason.strip()}",
    )
    return proposal


def _new_network(actor, proposal, name, short_name, kind, decided_on):
    name, short_name = name.strip(), short_name.strip()
    if not (name and short_name):
        raise TransitionError("Name the new network and give its short name.")
    slug = slugify(short_name)
    if not slug:  # its pages' addresses are made of it: an empty one would break every link
        raise TransitionError("Give a short name with letters or digits: it makes the address.")
    network = Network(
        name=name,
        short_name=short_name,
        slug=slug,
        kind=kind,
        status=Network.Status.PROPOSED,
        status_since=decided_on,
    )
    try:
        with transaction.atomic():
            _save(network, actor)
    except IntegrityError:
        raise TransitionError(
            f"A network is already called {name} or {short_name}: choose another name."
        ) from None
    # Its description and member boards are the programme's to write as it is set up: the case
    # was made to the programme, and the boards that supported it are not its members.
    return network
