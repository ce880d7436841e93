"""Every change in a network's annual cycle, by role: who may make it, who is refused and why,
what the state refuses, what the history keeps and who is told (after commit, and only then)."""

from datetime import date

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, connection, transaction

from networks.models import AnnualReport, Network, NetworkEvent, NetworkRole, Objective, Proposal
from pathways import network_services as services
from pathways import policy
from pathways.services import TransitionError, composed
from tests.factories import give_role, make_network, make_user

pytestmark = pytest.mark.django_db

Status = AnnualReport.Status
Event = NetworkEvent.Action
SECTIONS = {field: f"What we did: {heading}." for field, heading in AnnualReport.SECTIONS}

# Who keeps a network's work plan and writes its report, and who may not (a matrix: each test
# below runs once per person named).
KEEPERS = ["manager", "lead"]
NOT_KEEPERS = ["author", "reviewer", "other_manager", "programme_team", "inactive", "anonymous"]
# Who reviews reports, asks for them and records proposals: the programme team alone.
NOT_THE_TEAM = [
    "manager",
    "lead",
    "author",
    "reviewer",
    "other_manager",
    "former_team_member",
    "anonymous",
]


@pytest.fixture
def inactive(woscan):
    """A manager of WoSCAN whose account is closed."""
    user = make_user("inactive", is_active=False)
    give_role(user, woscan, NetworkRole.Role.MANAGER)
    return user


@pytest.fixture
def former_team_member(db):
    return make_user("former-team", staff=True, is_active=False)


@pytest.fixture
def anonymous():
    return AnonymousUser()


@pytest.fixture
def staff_manager(woscan):
    """A programme team member who also manages WoSCAN: writes its report, never reviews it."""
    user = make_user("staff-manager", staff=True)
    give_role(user, woscan, NetworkRole.Role.MANAGER)
    return user


@pytest.fixture
def person(request):
    return request.getfixturevalue(request.param)


def as_people(names):
    return pytest.mark.parametrize("person", names, indirect=True)


@pytest.fixture
def objective(woscan):
    return Objective.objects.create(
        network=woscan,
        year=2025,
        title="Audit waiting times",
        owner="A Lead",
        due_on=date(2025, 9, 30),
    )


@pytest.fixture
def draft(woscan):
    """The network's 2025 report, written but not yet submitted."""
    return AnnualReport.objects.create(
        network=woscan, year=2025, due_on=date(2026, 3, 31), **SECTIONS
    )


@pytest.fixture
def submitted(draft, manager):
    return services.submit_report(actor=manager, report=draft)


@pytest.fixture
def returned(submitted, programme_team):
    return services.return_report(
        actor=programme_team, report=submitted, comments="Add the audit figures."
    )


@pytest.fixture
def accepted(submitted, programme_team):
    return services.accept_report(actor=programme_team, report=submitted)


def decide(actor, proposal, decision, **more):
    return services.decide_proposal(
        actor=actor,
        proposal=proposal,
        decision=decision,
        decided_on=date(2026, 11, 20),
        reason=f"{decision} for a reason.",
        **more,
    )


def approve(actor, proposal, name="Scottish Rare Gynaecological Cancer Network", short="SRGCN"):
    return decide(actor, proposal, "approved", name=name, short_name=short)


def status_of(report):
    return AnnualReport.objects.get(pk=report.pk).status


def actions_on(report):
    return list(report.events.order_by("pk").values_list("action", "actor__username"))


# The work plan, by role


@as_people(KEEPERS)
def test_keepers_add_an_objective(person, woscan):
    objective = services.add_objective(
        actor=person,
        network=woscan,
        year=2026,
        title="Audit",
        owner="A Lead",
        due_on=date(2026, 6, 1),
    )
    assert (objective.network, objective.updated_by) == (woscan, person)
    event = NetworkEvent.objects.get(objective=objective)
    assert (event.action, event.actor, event.network) == (Event.OBJECTIVE_ADDED, person, woscan)


@as_people(NOT_KEEPERS)
def test_no_one_else_adds_an_objective(person, woscan):
    with pytest.raises(PermissionDenied):
        services.add_objective(
            actor=person,
            network=woscan,
            year=2026,
            title="Audit",
            owner="A Lead",
            due_on=date(2026, 6, 1),
        )
    assert not Objective.objects.exists() and not NetworkEvent.objects.exists()


@as_people(KEEPERS)
def test_keepers_update_an_objective(person, objective):
    updated = services.update_objective(
        actor=person, objective=objective, status="at_risk", note="Data late."
    )
    assert (updated.status, updated.note, updated.updated_by) == ("at_risk", "Data late.", person)
    assert (updated.owner, updated.due_on) == ("A Lead", date(2025, 9, 30))  # kept when not given
    event = NetworkEvent.objects.get(objective=objective)
    assert (
        event.actor == person
        and event.note == "Audit waiting times: On track to At risk. Data late."
    )


@as_people(NOT_KEEPERS)
def test_no_one_else_updates_an_objective(person, objective):
    with pytest.raises(PermissionDenied):
        services.update_objective(actor=person, objective=objective, status="done", note="")
    assert Objective.objects.get(pk=objective.pk).status == "on_track"
    assert not NetworkEvent.objects.exists()


def test_the_work_plan_of_an_accepted_year_is_closed(accepted, objective, manager, woscan):
    with pytest.raises(TransitionError, match="2025 report is accepted"):
        services.update_objective(actor=manager, objective=objective, status="done", note="")
    with pytest.raises(TransitionError, match="2025 report is accepted"):
        services.add_objective(
            actor=manager,
            network=woscan,
            year=2025,
            title="Late",
            owner="A Lead",
            due_on=date(2025, 12, 1),
        )
    assert Objective.objects.get(pk=objective.pk).status == "on_track"
    assert Objective.objects.count() == 1
    # The next year's work plan is open.
    services.add_objective(
        actor=manager,
        network=woscan,
        year=2026,
        title="Next",
        owner="A Lead",
        due_on=date(2026, 1, 1),
    )


# The annual report, by role


@as_people(KEEPERS)
def test_keepers_save_and_submit_the_report(person, draft):
    report = services.save_report(actor=person, report=draft, summary="Rewritten.")
    assert report.summary == "Rewritten." and report.status == Status.DRAFT
    report = services.submit_report(actor=person, report=report)
    assert (report.status, report.submitted_by) == (Status.SUBMITTED, person)
    assert report.submitted_at is not None
    assert actions_on(report) == [(Event.REPORT_SUBMITTED, person.username)]


@as_people(NOT_KEEPERS)
def test_no_one_else_writes_or_submits_the_report(person, draft):
    with pytest.raises(PermissionDenied):
        services.save_report(actor=person, report=draft, summary="Forged.")
    with pytest.raises(PermissionDenied):
        services.submit_report(actor=person, report=draft)
    report = AnnualReport.objects.get(pk=draft.pk)
    assert (report.status, report.summary) == (Status.DRAFT, SECTIONS["summary"])
    assert not NetworkEvent.objects.exists()


def test_the_programme_team_may_not_write_a_networks_report(draft, programme_team):
    with pytest.raises(PermissionDenied, match="leads and manager write"):
        services.save_report(actor=programme_team, report=draft, summary="Ours now.")


def test_the_programme_team_accepts_a_submitted_report(submitted, programme_team):
    report = services.accept_report(actor=programme_team, report=submitted, note="Thank you.")
    assert report.status == Status.ACCEPTED and report.accepted_at is not None
    assert actions_on(report)[-1] == (Event.REPORT_ACCEPTED, "programme")
    assert report.events.get(action=Event.REPORT_ACCEPTED).note == "Thank you."


def test_the_programme_team_returns_a_submitted_report_with_comments(submitted, programme_team):
    report = services.return_report(
        actor=programme_team, report=submitted, comments="  Add the audit figures. "
    )
    assert (report.status, report.comments) == (Status.RETURNED, "Add the audit figures.")
    event = report.events.get(action=Event.REPORT_RETURNED)
    assert (event.actor, event.note) == (programme_team, "Add the audit figures.")


@as_people(NOT_THE_TEAM)
def test_no_one_else_accepts_or_returns_a_report(person, submitted):
    with pytest.raises(PermissionDenied):
        services.accept_report(actor=person, report=submitted)
    with pytest.raises(PermissionDenied):
        services.return_report(actor=person, report=submitted, comments="No.")
    assert status_of(submitted) == Status.SUBMITTED


@as_people(KEEPERS)
def test_keepers_resubmit_a_returned_report(person, returned):
    report = services.save_report(actor=person, report=returned, audit_and_quality="Audit: 92%.")
    assert report.status == Status.RETURNED  # still with the network until resubmitted
    report = services.submit_report(actor=person, report=report)
    assert (report.status, report.submitted_by) == (Status.SUBMITTED, person)
    assert actions_on(report)[-1] == (Event.REPORT_RESUBMITTED, person.username)


@as_people(NOT_KEEPERS)
def test_no_one_else_resubmits_a_returned_report(person, returned):
    with pytest.raises(PermissionDenied):
        services.submit_report(actor=person, report=returned)
    assert status_of(returned) == Status.RETURNED


def test_whoever_submitted_a_report_does_not_review_it_even_on_the_programme_team(
    draft, staff_manager
):
    report = services.submit_report(actor=staff_manager, report=draft)
    with pytest.raises(PermissionDenied, match="You submitted this report"):
        services.accept_report(actor=staff_manager, report=report)
    with pytest.raises(PermissionDenied, match="You submitted this report"):
        services.return_report(actor=staff_manager, report=report, comments="Fine by me.")
    assert status_of(report) == Status.SUBMITTED


def test_another_team_member_reviews_what_a_colleague_submitted(
    draft, staff_manager, programme_team
):
    report = services.submit_report(actor=staff_manager, report=draft)
    assert services.accept_report(actor=programme_team, report=report).status == Status.ACCEPTED


def test_a_retired_networks_manager_can_no_longer_write_and_is_told_why(
    woscan, draft, objective, manager
):
    woscan.status, woscan.status_since = Network.Status.RETIRED, date(2026, 3, 31)
    woscan.save()
    closed = "is retired: its work plan and annual reports are closed"
    with pytest.raises(TransitionError, match=closed):
        services.save_report(actor=manager, report=draft, summary="Too late.")
    with pytest.raises(TransitionError, match=closed):
        services.submit_report(actor=manager, report=draft)
    with pytest.raises(TransitionError, match=closed):
        services.update_objective(actor=manager, objective=objective, status="done", note="")
    with pytest.raises(TransitionError, match=closed):
        services.add_objective(
            actor=manager, network=woscan, year=2026, title="T", owner="O", due_on=date(2026, 1, 1)
        )
    draft.refresh_from_db()
    assert draft.summary != "Too late."


# What the state of a report refuses


def test_a_report_with_an_empty_section_is_not_submitted(draft, manager):
    services.save_report(actor=manager, report=draft, risks="  ")
    with pytest.raises(
        TransitionError, match="Write every section before submitting. Empty: Risks"
    ):
        services.submit_report(actor=manager, report=draft)
    assert status_of(draft) == Status.DRAFT
    assert not draft.events.exists()


@pytest.mark.parametrize("review", ["accept", "return"])
def test_a_draft_is_neither_accepted_nor_returned(draft, programme_team, review):
    with pytest.raises(TransitionError, match="This report is draft: only a submitted report"):
        if review == "accept":
            services.accept_report(actor=programme_team, report=draft)
        else:
            services.return_report(actor=programme_team, report=draft, comments="Why?")
    assert status_of(draft) == Status.DRAFT


def test_a_returned_report_is_not_reviewed_again_until_resubmitted(returned, programme_team):
    with pytest.raises(TransitionError, match="returned with comments: only a submitted"):
        services.accept_report(actor=programme_team, report=returned)


def test_a_report_is_not_returned_without_comments(submitted, programme_team):
    with pytest.raises(TransitionError, match="Say what the network should change"):
        services.return_report(actor=programme_team, report=submitted, comments=" \n ")
    assert status_of(submitted) == Status.SUBMITTED
    assert not submitted.events.filter(action=Event.REPORT_RETURNED).exists()


def test_a_submitted_report_is_not_edited_or_submitted_again(submitted, manager):
    with pytest.raises(TransitionError, match="with the programme team for review"):
        services.save_report(actor=manager, report=submitted, summary="Second thoughts.")
    with pytest.raises(TransitionError, match="with the programme team for review"):
        services.submit_report(actor=manager, report=submitted)
    assert AnnualReport.objects.get(pk=submitted.pk).summary == SECTIONS["summary"]


def test_nothing_of_an_accepted_report_changes(accepted, manager, programme_team):
    for attempt in [
        lambda: services.save_report(actor=manager, report=accepted, summary="Rewritten."),
        lambda: services.submit_report(actor=manager, report=accepted),
        lambda: services.accept_report(actor=programme_team, report=accepted),
        lambda: services.return_report(actor=programme_team, report=accepted, comments="No."),
    ]:
        with pytest.raises(TransitionError, match="2025 report was accepted: it can no longer"):
            attempt()
    report = AnnualReport.objects.get(pk=accepted.pk)
    assert (report.status, report.summary) == (Status.ACCEPTED, SECTIONS["summary"])


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE networks_annualreport SET summary = 'Rewritten' WHERE id = %s",
        "UPDATE networks_annualreport SET status = 'draft', accepted_at = NULL WHERE id = %s",
        "DELETE FROM networks_annualreport WHERE id = %s",
    ],
)
def test_the_database_refuses_to_change_an_accepted_report(accepted, statement):
    with pytest.raises(IntegrityError, match="is accepted: it cannot be changed"):
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(statement, [accepted.pk])
    report = AnnualReport.objects.get(pk=accepted.pk)
    assert (report.status, report.summary) == (Status.ACCEPTED, SECTIONS["summary"])


def test_save_report_takes_only_the_sections(draft, manager):
    with pytest.raises(ValueError, match="status"):
        services.save_report(actor=manager, report=draft, status="accepted")
    assert status_of(draft) == Status.DRAFT


# Asking networks for the year's reports


def test_the_programme_team_asks_every_network_at_work_once(woscan, other_network, programme_team):
    make_network("OLD", status=Network.Status.RETIRED)
    make_network("NEW", status=Network.Status.PROPOSED)
    AnnualReport.objects.create(network=other_network, year=2025, due_on=date(2026, 1, 31))
    opened = services.open_reports(actor=programme_team, year=2025, due_on=date(2026, 3, 31))
    assert [report.network for report in opened] == [woscan]
    assert AnnualReport.objects.get(network=other_network).due_on == date(2026, 1, 31)  # as it was
    event = NetworkEvent.objects.get(action=Event.REPORT_OPENED)
    assert (event.actor, event.network, event.report) == (programme_team, woscan, opened[0])
    assert services.open_reports(actor=programme_team, year=2025, due_on=date(2026, 3, 31)) == []


@as_people(NOT_THE_TEAM)
def test_no_one_else_asks_for_reports(person, woscan):
    with pytest.raises(PermissionDenied, match="Only the programme team"):
        services.open_reports(actor=person, year=2025, due_on=date(2026, 3, 31))
    assert not AnnualReport.objects.exists()


# Proposals for new national networks


def test_the_programme_team_records_a_proposal(proposal, programme_team):
    assert proposal.decision == Proposal.Decision.PENDING
    event = proposal.events.get()
    assert (event.action, event.actor, event.network) == (
        Event.PROPOSAL_RECORDED,
        programme_team,
        None,
    )


@as_people(NOT_THE_TEAM)
def test_no_one_else_records_a_proposal(person):
    with pytest.raises(PermissionDenied, match="Only the programme team"):
        services.record_proposal(
            actor=person,
            area="Area",
            grounds=["equity"],
            case="Case.",
            proposed_by="Someone",
            received_on=date(2026, 1, 1),
        )
    assert not Proposal.objects.exists()


def test_a_proposal_states_its_grounds(programme_team):
    with pytest.raises(TransitionError, match="at least one ground"):
        services.record_proposal(
            actor=programme_team,
            area="Area",
            grounds=[],
            case="Case.",
            proposed_by="Someone",
            received_on=date(2026, 1, 1),
        )


def test_an_approved_proposal_becomes_a_proposed_network(proposal, programme_team):
    decided = approve(programme_team, proposal)
    network = decided.network
    assert (decided.decision, decided.decided_on) == ("approved", date(2026, 11, 20))
    assert (network.short_name, network.slug, network.status) == ("SRGCN", "srgcn", "proposed")
    assert network.status_since == date(2026, 11, 20)
    event = proposal.events.get(action=Event.PROPOSAL_DECIDED)
    assert (event.actor, event.network) == (programme_team, network)
    assert event.note == "Approved: approved for a reason."


@pytest.mark.parametrize("decision", ["declined", "deferred"])
def test_a_proposal_is_declined_or_deferred(proposal, programme_team, decision):
    decided = decide(programme_team, proposal, decision)
    assert (decided.decision, decided.network) == (decision, None)
    assert decided.decision_reason == f"{decision} for a reason."
    assert Network.objects.filter(status="proposed").count() == 0


def test_a_deferred_proposal_is_decided_again(proposal, programme_team):
    decide(programme_team, proposal, "deferred")
    decided = approve(programme_team, proposal)
    assert decided.decision == "approved" and decided.network is not None
    assert proposal.events.filter(action=Event.PROPOSAL_DECIDED).count() == 2


@pytest.mark.parametrize("decision", ["approved", "declined"])
def test_an_approved_or_declined_proposal_stands(proposal, programme_team, decision):
    if decision == "approved":
        approve(programme_team, proposal)
    else:
        decide(programme_team, proposal, decision)
    with pytest.raises(TransitionError, match=f"was {decision} on 20 November 2026: the decision"):
        decide(programme_team, proposal, "deferred")
    assert Proposal.objects.get(pk=proposal.pk).decision == decision


@as_people(NOT_THE_TEAM)
def test_no_one_else_decides_a_proposal(person, proposal):
    for decision in ["declined", "deferred"]:
        with pytest.raises(PermissionDenied, match="Only the programme team"):
            decide(person, proposal, decision)
    with pytest.raises(PermissionDenied):
        approve(person, proposal)
    assert Proposal.objects.get(pk=proposal.pk).decision == "pending"


def test_a_decision_needs_a_real_decision_and_a_reason(proposal, programme_team):
    with pytest.raises(TransitionError, match="Choose approved, declined or deferred"):
        decide(programme_team, proposal, "pending")
    with pytest.raises(TransitionError, match="Give the reason"):
        services.decide_proposal(
            actor=programme_team,
            proposal=proposal,
            decision="declined",
            decided_on=date(2026, 11, 20),
            reason="  ",
        )


@pytest.mark.parametrize("name, short", [("", "SRGCN"), ("A network", " "), ("", "")])
def test_an_approval_names_the_new_network(proposal, programme_team, name, short):
    with pytest.raises(TransitionError, match="Name the new network and give its short name"):
        approve(programme_team, proposal, name=name, short=short)
    assert Proposal.objects.get(pk=proposal.pk).decision == "pending"
    assert not Network.objects.filter(status="proposed").exists()


@pytest.mark.parametrize(
    "name, short",
    [
        ("A new network", "SSN"),  # the sarcoma network's short name
        ("A new network", "ssn"),  # in any case
        ("Scottish Sarcoma Network", "NEWNET"),  # its name
    ],
)
def test_an_approval_under_a_name_already_taken_saves_nothing(
    proposal, programme_team, other_network, name, short
):
    networks = Network.objects.count()
    with pytest.raises(TransitionError, match="A network is already called .*: choose another"):
        approve(programme_team, proposal, name=name, short=short)
    assert Network.objects.count() == networks
    proposal = Proposal.objects.get(pk=proposal.pk)
    assert (proposal.decision, proposal.network) == ("pending", None)
    assert not proposal.events.filter(action=Event.PROPOSAL_DECIDED).exists()


def test_an_approval_with_a_short_name_that_makes_no_address_is_refused(proposal, programme_team):
    with pytest.raises(TransitionError, match="letters or digits"):
        approve(programme_team, proposal, name="Punctuation network", short="!!!")
    assert Proposal.objects.get(pk=proposal.pk).decision == "pending"


# History: who did each step


def test_each_step_of_the_cycle_names_its_actor(woscan, manager, lead, programme_team):
    report = AnnualReport.objects.create(network=woscan, year=2025, due_on=date(2026, 3, 31))
    report = services.save_report(actor=manager, report=report, **SECTIONS)
    report = services.submit_report(actor=manager, report=report)
    report = services.return_report(actor=programme_team, report=report, comments="More.")
    report = services.submit_report(actor=lead, report=report)
    report = services.accept_report(actor=programme_team, report=report)
    assert actions_on(report) == [
        (Event.REPORT_SUBMITTED, "manager"),
        (Event.REPORT_RETURNED, "programme"),
        (Event.REPORT_RESUBMITTED, "lead"),
        (Event.REPORT_ACCEPTED, "programme"),
    ]
    history = report.history.order_by("history_date", "history_id")
    assert [(h.status, h.history_user) for h in history] == [
        (Status.DRAFT, None),  # made outside a service, by no one
        (Status.DRAFT, manager),
        (Status.SUBMITTED, manager),
        (Status.RETURNED, programme_team),
        (Status.SUBMITTED, lead),
        (Status.ACCEPTED, programme_team),
    ]


def test_the_work_plan_and_proposals_keep_their_history_user(
    woscan, manager, lead, programme_team, proposal
):
    objective = services.add_objective(
        actor=manager, network=woscan, year=2026, title="Audit", owner="O", due_on=date(2026, 6, 1)
    )
    services.update_objective(actor=lead, objective=objective, status="done", note="Done.")
    history = objective.history.order_by("history_date", "history_id")
    assert [(h.status, h.history_user) for h in history] == [
        ("on_track", manager),
        ("done", lead),
    ]
    assert proposal.history.get().history_user == programme_team
    decided = approve(programme_team, proposal)
    assert decided.history.latest().history_user == programme_team
    assert decided.network.history.get().history_user == programme_team


# E-mail, after commit only


def test_submitting_tells_the_programme_team(
    draft, manager, programme_team, former_team_member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.submit_report(actor=manager, report=draft)
    (message,) = mail.outbox
    assert message.to == [programme_team.email]  # active staff only
    assert message.subject == "[SCN Pathways] Annual report submitted: WoSCAN 2025"
    assert f"/workspace/reports/{draft.pk}/" in message.body


def test_resubmitting_says_so(
    returned, manager, programme_team, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.submit_report(actor=manager, report=returned)
    assert mail.outbox[-1].subject == "[SCN Pathways] Annual report resubmitted: WoSCAN 2025"


def keepers_emails(*people):
    return sorted(person.email for person in people)


def test_returning_tells_the_networks_leads_and_managers(
    submitted,
    manager,
    lead,
    author,
    reviewer,
    inactive,
    other_manager,
    programme_team,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        services.return_report(actor=programme_team, report=submitted, comments="Add the audit.")
    (message,) = mail.outbox
    assert sorted(message.to) == keepers_emails(manager, lead)
    assert message.subject == "[SCN Pathways] Annual report returned: WoSCAN 2025"
    assert "Add the audit." in message.body


def test_accepting_tells_the_networks_leads_and_managers(
    submitted, manager, lead, author, programme_team, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.accept_report(actor=programme_team, report=submitted)
    (message,) = mail.outbox
    assert sorted(message.to) == keepers_emails(manager, lead)
    assert message.subject == "[SCN Pathways] Annual report accepted: WoSCAN 2025"
    assert "/networks/woscan/" in message.body


def test_e_mail_waits_for_the_commit(
    submitted, manager, programme_team, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        services.accept_report(actor=programme_team, report=submitted)
        assert mail.outbox == []  # not before the commit
    assert len(callbacks) == 1 and mail.outbox == []
    callbacks[0]()
    assert len(mail.outbox) == 1


def test_no_e_mail_for_a_change_rolled_back(
    draft, manager, programme_team, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), composed():
            services.submit_report(actor=manager, report=draft)
            raise RuntimeError("something later in the same transaction failed")
    assert callbacks == [] and mail.outbox == []
    assert status_of(draft) == Status.DRAFT


# Found in review: each a way the cycle could mislead or fail


def test_only_networks_in_the_annual_cycle_are_asked_for_reports(woscan, programme_team):
    group = make_network("CMP", kind=Network.Kind.NATIONAL_GROUP)
    opened = services.open_reports(actor=programme_team, year=2025, due_on=date(2026, 3, 31))
    assert woscan in [report.network for report in opened]
    assert not AnnualReport.objects.filter(network=group).exists()


def test_a_closed_networks_unfinished_report_is_owed_by_no_one(woscan, draft, manager):
    today = date(2026, 6, 1)  # after the draft's due date
    assert draft in AnnualReport.objects.overdue(today)
    woscan.status, woscan.status_since = Network.Status.RETIRED, date(2026, 5, 1)
    woscan.save()
    assert draft not in AnnualReport.objects.overdue(today)
    assert not AnnualReport.objects.due_within(365, date(2026, 1, 1)).exists()
    assert not policy.keepers_of(woscan).exists()  # so no one is reminded or told


def test_a_note_given_on_accepting_is_kept_in_the_timeline(submitted, programme_team):
    services.accept_report(actor=programme_team, report=submitted, note="A model report.")
    assert submitted.events.get(action=Event.REPORT_ACCEPTED).note == "A model report."


def test_a_report_saved_by_someone_else_since_is_not_overwritten(draft, manager, lead):
    opened_at = draft.updated_at.isoformat()
    services.save_report(actor=lead, report=draft, last_saved=opened_at, summary="The lead's.")
    with pytest.raises(TransitionError, match="Someone else saved this report"):
        services.save_report(
            actor=manager, report=draft, last_saved=opened_at, summary="The manager's."
        )
    draft.refresh_from_db()
    assert draft.summary == "The lead's."


def test_an_approved_network_publishes_nothing_of_the_case_or_its_supporters(
    proposal, programme_team
):
    from networks.models import HealthBoard

    proposal.supporting_boards.set(HealthBoard.objects.filter(slug__in=["fife", "tayside"]))
    network = approve(programme_team, proposal).network
    assert network.description == ""  # the case was made to the programme, not to readers
    assert not network.member_boards.exists()  # supporters are not members


@pytest.mark.django_db(transaction=True)
def test_two_requests_for_the_years_reports_at_once_ask_each_network_once(reference_data):
    from tests.concurrency import run_at_once

    network = make_network("NET", kind=Network.Kind.REGIONAL)
    make_network("NET2", kind=Network.Kind.NATIONAL_MCN)
    team = make_user("team", staff=True)

    def ask():
        return len(services.open_reports(actor=team, year=2025, due_on=date(2026, 3, 31)))

    assert sorted(run_at_once(network, ask, ask)) == [0, 2]
    assert AnnualReport.objects.filter(year=2025).count() == 2
