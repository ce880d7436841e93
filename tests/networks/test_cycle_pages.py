"""The network workspace's pages, driven as people use them: a manager keeps the work plan and
writes the report, the programme team returns or accepts it, and records proposals."""

from datetime import date

import pytest
from django.urls import reverse

from networks.models import AnnualReport, Network, NetworkEvent, NetworkRole, Objective, Proposal
from tests.factories import give_role, make_network, make_user

pytestmark = pytest.mark.django_db

SECTIONS = {field: f"What we did: {heading}." for field, heading in AnnualReport.SECTIONS}


@pytest.fixture
def network():
    return make_network("NSN", name="National Sample Network", kind=Network.Kind.NATIONAL_MCN)


@pytest.fixture
def manager(network):
    user = make_user("manager")
    give_role(user, network, NetworkRole.Role.MANAGER)
    return user


@pytest.fixture
def report(network):
    return AnnualReport.objects.create(network=network, year=2025, due_on=date(2026, 3, 31))


def test_a_manager_updates_an_objective_and_the_timeline_names_them(client, network, manager):
    objective = Objective.objects.create(
        network=network,
        year=2026,
        title="Audit waiting times",
        owner="A Lead",
        due_on=date(2026, 9, 30),
    )
    client.force_login(manager)
    response = client.post(
        reverse("workspace:objective", args=[objective.pk]),
        {
            "status": "at_risk",
            "note": "Data late from two boards.",
            "owner": "A Lead",
            "due_on": "2026-09-30",
        },
    )
    assert response.status_code == 302
    objective.refresh_from_db()
    assert objective.status == "at_risk" and objective.updated_by == manager
    page = client.get(
        reverse("workspace:network", args=[network.slug]) + "?year=2026"
    ).content.decode()
    assert "At risk" in page and "Data late from two boards." in page
    event = NetworkEvent.objects.get(objective=objective)
    assert event.actor == manager and "On track to At risk" in event.note


def test_the_report_goes_round_the_cycle(client, network, manager, report, programme_team):
    client.force_login(manager)
    url = reverse("workspace:report", args=[report.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {**SECTIONS, "summary": "", "submit": ""})
    assert "Write every section before submitting" in response.content.decode()
    report.refresh_from_db()
    assert report.status == "draft" and report.risks  # saved all the same: nothing lost
    assert client.post(url, {**SECTIONS, "submit": ""}).status_code == 302
    client.force_login(programme_team)
    review = reverse("workspace:review_report", args=[report.pk])
    assert client.post(review, {"decision": "return", "comments": ""}).status_code == 400
    client.post(review, {"decision": "return", "comments": "Add the audit figures."})
    report.refresh_from_db()
    assert report.status == "returned" and report.comments == "Add the audit figures."
    client.force_login(manager)
    assert "Add the audit figures." in client.get(url).content.decode()
    client.post(url, {**SECTIONS, "audit_and_quality": "Audit: 92%.", "submit": ""})
    client.force_login(programme_team)
    client.post(review, {"decision": "accept"})
    report.refresh_from_db()
    assert report.status == "accepted"
    actions = list(report.events.order_by("pk").values_list("action", "actor__username"))
    assert actions == [
        ("report_submitted", "manager"),
        ("report_returned", "programme"),
        ("report_resubmitted", "manager"),
        ("report_accepted", "programme"),
    ]


def test_pages_of_the_programme_team_render(client, programme_team, network, report):
    client.force_login(programme_team)
    for name, args in [
        ("workspace:networks", []),
        ("workspace:network", [network.slug]),
        ("workspace:proposals", []),
        ("workspace:new_proposal", []),
        ("workspace:report", [report.pk]),
    ]:
        assert client.get(reverse(name, args=args)).status_code == 200, name


def test_the_programme_team_records_a_proposal_and_approves_it(client, programme_team):
    client.force_login(programme_team)
    response = client.post(
        reverse("workspace:new_proposal"),
        {
            "area": "Rare gynaecological cancers",
            "grounds": ["low_volumes", "workforce"],
            "case": "Fewer than 40 cases a year across Scotland.",
            "proposed_by": "SCAN gynaecology group",
            "received_on": "2026-10-01",
        },
    )
    proposal = Proposal.objects.get()
    assert response.status_code == 302 and proposal.decision == "pending"
    url = reverse("workspace:proposal", args=[proposal.pk])
    assert client.get(url).status_code == 200
    client.post(
        url,
        {
            "decision": "approved",
            "decided_on": "2026-11-20",
            "reason": "A clear case on volumes.",
            "name": "Scottish Rare Gynaecological Cancer Network",
            "short_name": "SRGCN",
            "kind": "national_mcn",
        },
    )
    proposal.refresh_from_db()
    assert proposal.decision == "approved"
    assert proposal.network.status == "proposed"
    assert proposal.network.status_since == date(2026, 11, 20)
