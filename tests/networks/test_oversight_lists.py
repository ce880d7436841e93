"""The oversight page's lists of the networks' annual cycle, each also as CSV: annual reports
overdue and returned, objectives off track, networks without a lead clinician and proposals
awaiting a decision. Staff only; each list costs the same queries however long it is."""

import csv
import io
from datetime import datetime, time, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from networks.models import (
    AnnualReport,
    Network,
    NetworkEvent,
    NetworkRole,
    Objective,
    Proposal,
)
from tests.factories import give_role, make_network, make_user

pytestmark = pytest.mark.django_db

Status = AnnualReport.Status
LISTS = [
    "reports-overdue",
    "reports-returned",
    "objectives-off-track",
    "networks-without-lead",
    "proposals-awaiting",
]
TODAY = timezone.localdate()


def days(n):
    return TODAY + timedelta(days=n)


def make_report(network, *, due_in, status=Status.DRAFT, year=2025, comments=""):
    fields = {"submitted_at": timezone.now()} if status != Status.DRAFT else {}
    if status == Status.ACCEPTED:
        fields["accepted_at"] = timezone.now()
    return AnnualReport.objects.create(
        network=network, year=year, due_on=days(due_in), status=status, comments=comments, **fields
    )


def make_objective(network, title, *, status=Objective.Status.OFF_TRACK, year=None):
    return Objective.objects.create(
        network=network,
        year=year or TODAY.year,
        title=title,
        owner="Dr Ann Owner",
        due_on=days(20),
        status=status,
        note="Behind: two posts vacant.",
    )


def make_proposal(area, decision=Proposal.Decision.PENDING, decided_in=None):
    decided = {}
    if decision != Proposal.Decision.PENDING:
        decided = {"decided_on": days(decided_in), "decision_reason": "Reasons."}
    return Proposal.objects.create(
        area=area,
        grounds=[Proposal.Ground.LOW_VOLUMES],
        case="A case.",
        proposed_by="Dr Pro Poser",
        received_on=days(-100),
        decision=decision,
        **decided,
    )


def give_lead(network, *, starts_in=-400, ends_in=None):
    return network.appointments.create(
        post="lead_clinician",
        name="Dr Lee Clinician",
        starts_on=days(starts_in),
        ends_on=days(ends_in) if ends_in is not None else None,
    )


@pytest.fixture
def staff_client(client, programme_team):
    client.force_login(programme_team)
    return client


def csv_rows(client, name):
    response = client.get(reverse("workspace:oversight_export", args=[name]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def page(client):
    return client.get(reverse("workspace:oversight")).content.decode()


def absolute(name, *args):
    return "http://testserver" + reverse(name, args=args)


class TestReportsOverdue:
    def test_a_draft_past_its_due_date_is_listed_with_days_overdue_linking_to_the_report(
        self, staff_client, woscan
    ):
        report = make_report(woscan, due_in=-12)
        assert csv_rows(staff_client, "reports-overdue") == [
            {
                "Network": "West of Scotland Cancer Network",
                "Year": "2025",
                "Due": str(days(-12)),
                "Days overdue": "12",
                "Link": absolute("workspace:report", report.pk),
            }
        ]
        html = page(staff_client)
        assert "Annual reports overdue (1)" in html
        assert f'href="{absolute("workspace:report", report.pk)}">West of Scotland' in html

    def test_a_returned_report_past_its_due_date_is_overdue_too(self, staff_client, woscan):
        make_report(woscan, due_in=-1, status=Status.RETURNED)
        assert len(csv_rows(staff_client, "reports-overdue")) == 1

    def test_submitted_accepted_and_not_yet_due_reports_are_not_overdue(self, staff_client, woscan):
        make_report(woscan, due_in=-30, year=2022, status=Status.SUBMITTED)
        make_report(woscan, due_in=-30, year=2023, status=Status.ACCEPTED)
        make_report(woscan, due_in=0, year=2024)
        assert csv_rows(staff_client, "reports-overdue") == []


class TestReportsReturned:
    def test_listed_with_when_it_was_last_returned(self, staff_client, woscan, programme_team):
        report = make_report(woscan, due_in=14, status=Status.RETURNED, comments="More.")
        for when in (days(-20), days(-3)):
            event = NetworkEvent.objects.create(
                network=woscan,
                actor=programme_team,
                action=NetworkEvent.Action.REPORT_RETURNED,
                report=report,
            )
            moment = timezone.make_aware(datetime.combine(when, time(12)))
            NetworkEvent.objects.filter(pk=event.pk).update(created_at=moment)
        assert csv_rows(staff_client, "reports-returned") == [
            {
                "Network": "West of Scotland Cancer Network",
                "Year": "2025",
                "Returned": str(days(-3)),
                "Link": absolute("workspace:report", report.pk),
            }
        ]

    def test_without_a_returned_event_the_report_says_when_it_last_changed(
        self, staff_client, woscan
    ):
        make_report(woscan, due_in=14, status=Status.RETURNED)
        assert csv_rows(staff_client, "reports-returned")[0]["Returned"] == str(TODAY)

    def test_drafts_submitted_and_accepted_reports_are_not_returned(self, staff_client, woscan):
        make_report(woscan, due_in=5, year=2022)
        make_report(woscan, due_in=5, year=2023, status=Status.SUBMITTED)
        make_report(woscan, due_in=5, year=2024, status=Status.ACCEPTED)
        assert csv_rows(staff_client, "reports-returned") == []


class TestObjectivesOffTrack:
    def test_listed_with_network_owner_due_and_note_linking_to_the_objective(
        self, staff_client, woscan
    ):
        objective = make_objective(woscan, "Start prehabilitation")
        assert csv_rows(staff_client, "objectives-off-track") == [
            {
                "Objective": "Start prehabilitation",
                "Network": "WoSCAN",
                "Owner": "Dr Ann Owner",
                "Due": str(days(20)),
                "Note": "Behind: two posts vacant.",
                "Link": absolute("workspace:objective", objective.pk),
            }
        ]

    def test_on_track_at_risk_and_done_are_not_listed(self, staff_client, woscan):
        for status in ["on_track", "at_risk", "done"]:
            make_objective(woscan, status, status=status)
        assert csv_rows(staff_client, "objectives-off-track") == []

    def test_not_once_the_years_report_is_accepted_nor_in_a_retired_network(
        self, staff_client, woscan
    ):
        make_objective(woscan, "Reported on", year=2024)
        make_report(woscan, due_in=-100, year=2024, status=Status.ACCEPTED)
        retired = make_network("OLD", status=Network.Status.RETIRED)
        make_objective(retired, "Of a retired network")
        make_objective(woscan, "Still open", year=2025)
        rows = csv_rows(staff_client, "objectives-off-track")
        assert [row["Objective"] for row in rows] == ["Still open"]


class TestNetworksWithoutALead:
    def test_an_active_network_without_a_lead_term_running_today_is_listed(
        self, staff_client, woscan, other_network
    ):
        give_lead(woscan, ends_in=-1)  # ended yesterday
        give_lead(other_network)
        assert csv_rows(staff_client, "networks-without-lead") == [
            {
                "Network": "West of Scotland Cancer Network",
                "Kind": "Regional cancer network",
                "Last lead clinician's term ended": str(days(-1)),
                "Link": absolute("workspace:network", "woscan"),
            }
        ]

    def test_a_lead_appointed_from_a_later_day_is_not_yet_the_lead(self, staff_client, woscan):
        give_lead(woscan, starts_in=10)
        rows = csv_rows(staff_client, "networks-without-lead")
        assert [(row["Network"], row["Last lead clinician's term ended"]) for row in rows] == [
            ("West of Scotland Cancer Network", "None recorded")
        ]

    def test_a_network_with_a_lead_today_or_not_at_work_is_not_listed(self, staff_client, woscan):
        give_lead(woscan, ends_in=0)  # their last day
        make_network("OLD", status=Network.Status.RETIRED)
        make_network("NEW", status=Network.Status.PROPOSED)
        assert csv_rows(staff_client, "networks-without-lead") == []


class TestProposalsAwaiting:
    def test_pending_and_deferred_are_awaiting_with_when_it_was_deferred(self, staff_client):
        pending = make_proposal("Penile cancer")
        deferred = make_proposal("Anal cancer", Proposal.Decision.DEFERRED, decided_in=-7)
        rows = csv_rows(staff_client, "proposals-awaiting")
        assert [(row["Area"], row["Deferred on"], row["Link"]) for row in rows] == [
            ("Penile cancer", "", absolute("workspace:proposal", pending.pk)),
            ("Anal cancer", str(days(-7)), absolute("workspace:proposal", deferred.pk)),
        ]
        assert rows[0]["Proposed by"] == "Dr Pro Poser"
        assert rows[0]["Received"] == str(days(-100))

    def test_declined_and_approved_proposals_are_decided(self, staff_client):
        make_proposal("Skin cancer", Proposal.Decision.DECLINED, decided_in=-30)
        approved = make_proposal("Germ cell tumours")
        approved.network = make_network("SGCT", status=Network.Status.PROPOSED)
        approved.decision, approved.decided_on = Proposal.Decision.APPROVED, days(-5)
        approved.decision_reason = "Low volumes."
        approved.save()
        assert csv_rows(staff_client, "proposals-awaiting") == []


def test_the_pathway_lists_are_still_there_first(staff_client):
    html = page(staff_client)
    order = ["Review overdue", "Waiting for review", "Annual reports overdue"]
    assert [html.index(f"{title} (") for title in order] == sorted(
        html.index(f"{title} (") for title in order
    )


@pytest.mark.parametrize("name", LISTS)
def test_only_the_programme_team_sees_each_list(client, woscan, name):
    url = reverse("workspace:oversight_export", args=[name])
    assert client.get(url).status_code == 302  # anonymous: to the sign-in
    manager = make_user("manager")
    give_role(manager, woscan, NetworkRole.Role.MANAGER)
    client.force_login(manager)
    response = client.get(url)
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert client.get(reverse("workspace:oversight")).status_code == 302


def _one_of_each(network, n, programme_team):
    report = make_report(network, due_in=-n, year=2000 + n)
    returned = make_report(network, due_in=n, year=2050 + n, status=Status.RETURNED)
    NetworkEvent.objects.create(
        network=network,
        actor=programme_team,
        action=NetworkEvent.Action.REPORT_RETURNED,
        report=returned,
    )
    make_objective(network, f"Objective {n}")
    make_proposal(f"Area {n}")
    make_proposal(f"Deferred {n}", Proposal.Decision.DEFERRED, decided_in=-n)
    give_lead(network, ends_in=-n)
    return report


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_page_and_each_csv_cost_the_same_queries_at_one_row_and_at_many(
    staff_client, programme_team
):
    urls = [reverse("workspace:oversight")] + [
        reverse("workspace:oversight_export", args=[name]) for name in LISTS
    ]
    _one_of_each(make_network("N1"), 1, programme_team)
    at_one = [_queries(staff_client, url) for url in urls]
    assert len(csv_rows(staff_client, "networks-without-lead")) == 1
    for n in range(2, 9):
        _one_of_each(make_network(f"N{n}"), n, programme_team)
    assert len(csv_rows(staff_client, "reports-returned")) == 8
    assert [_queries(staff_client, url) for url in urls] == at_one
