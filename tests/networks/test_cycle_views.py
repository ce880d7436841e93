"""The network workspace's pages, from the outside: who gets a 404 (no role in the network), who
a 403 (sees it, may not act), that forged fields and bad input change nothing and never cost a
500, that each page offers what the policy allows, and what the network's page costs in SQL."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from networks.models import AnnualReport, Network, NetworkEvent, NetworkRole, Objective, Proposal
from pathways import network_services as services
from tests.factories import give_role, make_user

pytestmark = pytest.mark.django_db

Status = AnnualReport.Status
SECTIONS = {field: f"What we did: {heading}." for field, heading in AnnualReport.SECTIONS}
THIS_YEAR = timezone.localdate().year
SAVE, SUBMIT, REVIEW = "Save draft", "Submit report", "Record the review"


@pytest.fixture
def stranger(db):
    """Signed in, with no role anywhere."""
    return make_user("stranger")


@pytest.fixture
def staff_manager(woscan):
    user = make_user("staff-manager", staff=True)
    give_role(user, woscan, NetworkRole.Role.MANAGER)
    return user


@pytest.fixture
def objective(woscan):
    return Objective.objects.create(
        network=woscan,
        year=THIS_YEAR,
        title="Audit waiting times",
        owner="A Lead",
        due_on=date(THIS_YEAR, 9, 30),
    )


@pytest.fixture
def other_objective(other_network):
    return Objective.objects.create(
        network=other_network,
        year=THIS_YEAR,
        title="Sarcoma audit",
        owner="S Lead",
        due_on=date(THIS_YEAR, 9, 30),
    )


@pytest.fixture
def report(woscan):
    """WoSCAN's report on last year, written but not yet submitted."""
    return AnnualReport.objects.create(
        network=woscan, year=THIS_YEAR - 1, due_on=date(THIS_YEAR, 3, 31), **SECTIONS
    )


@pytest.fixture
def submitted(report, manager):
    return services.submit_report(actor=manager, report=report)


def network_url(network, query=""):
    return reverse("workspace:network", args=[network.slug]) + query


def report_url(report):
    return reverse("workspace:report", args=[report.pk])


def review_url(report):
    return reverse("workspace:review_report", args=[report.pk])


def objective_url(objective):
    return reverse("workspace:objective", args=[objective.pk])


def update(**changes):
    return {
        "status": "at_risk",
        "note": "Data late.",
        "owner": "A Lead",
        "due_on": f"{THIS_YEAR}-09-30",
        **changes,
    }


def text(response):
    return response.content.decode()


def fresh(instance):
    return type(instance).objects.get(pk=instance.pk)


# 404: no role in the network


@pytest.mark.parametrize("who", ["stranger", "other_manager"])
def test_a_network_is_not_found_by_someone_with_no_role_in_it(
    client, request, who, woscan, report, objective
):
    client.force_login(request.getfixturevalue(who))
    for url in [
        network_url(woscan),
        reverse("workspace:add_objective", args=[woscan.slug]),
        report_url(report),
        objective_url(objective),
    ]:
        assert client.get(url).status_code == 404, url
    assert client.post(report_url(report), {**SECTIONS, "submit": ""}).status_code == 404
    assert client.post(objective_url(objective), update()).status_code == 404
    assert client.post(review_url(report), {"decision": "accept"}).status_code == 404
    assert fresh(report).status == Status.DRAFT and fresh(objective).status == "on_track"


def test_a_network_they_follow_is_listed_and_others_are_not(client, manager, woscan, other_network):
    client.force_login(manager)
    page = text(client.get(reverse("workspace:networks")))
    assert woscan.name in page and other_network.name not in page


def test_unknown_ids_are_not_found(client, manager):
    client.force_login(manager)
    for url in ["/workspace/reports/999999/", "/workspace/objectives/999999/"]:
        assert client.get(url).status_code == 404
    assert client.get("/workspace/networks/no-such-network/").status_code == 404


def test_the_workspace_asks_for_a_sign_in(client, woscan, report):
    response = client.get(network_url(woscan))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert client.post(report_url(report), SECTIONS).status_code == 302
    assert fresh(report).summary == SECTIONS["summary"]


def test_another_networks_objective_is_not_found_by_a_manager(client, manager, other_objective):
    client.force_login(manager)
    assert client.get(objective_url(other_objective)).status_code == 404
    assert client.post(objective_url(other_objective), update()).status_code == 404
    assert fresh(other_objective).status == "on_track"


# 403: sees the network, may not act


def test_a_reviewer_of_the_network_may_not_write_its_report(client, reviewer, report):
    client.force_login(reviewer)
    assert client.get(report_url(report)).status_code == 200
    changed = {**SECTIONS, "summary": "Rewritten by a reviewer."}
    assert client.post(report_url(report), {**changed, "submit": ""}).status_code == 403
    assert client.post(report_url(report), changed).status_code == 403
    # Bad input from someone who may not write is still a 403, not the form.
    too_long = {**changed, "risks": "x" * 20_001}
    assert client.post(report_url(report), too_long).status_code == 403
    assert fresh(report).summary == SECTIONS["summary"] and fresh(report).status == Status.DRAFT


def test_a_reviewer_of_the_network_may_not_update_its_work_plan(
    client, reviewer, woscan, objective
):
    client.force_login(reviewer)
    assert client.get(objective_url(objective)).status_code == 200
    assert client.post(objective_url(objective), update()).status_code == 403
    assert client.post(objective_url(objective), update(due_on="not a date")).status_code == 403
    assert fresh(objective).status == "on_track"
    add = reverse("workspace:add_objective", args=[woscan.slug])
    assert client.get(add).status_code == 403
    new = {"title": "T", "owner": "O", "due_on": f"{THIS_YEAR}-12-01"}
    assert client.post(add, new).status_code == 403
    assert Objective.objects.count() == 1


@pytest.mark.parametrize("posted", [{"decision": "accept"}, {"decision": "return"}, {}])
def test_a_manager_may_not_review_a_report(client, manager, submitted, posted):
    client.force_login(manager)
    assert client.post(review_url(submitted), posted).status_code == 403
    assert fresh(submitted).status == Status.SUBMITTED


def test_the_programme_team_may_not_write_a_networks_report(client, programme_team, report):
    client.force_login(programme_team)
    assert client.post(report_url(report), {**SECTIONS, "summary": "Ours."}).status_code == 403
    assert fresh(report).summary == SECTIONS["summary"]


def test_proposals_are_the_programme_teams(client, manager, proposal):
    client.force_login(manager)
    for url in [
        reverse("workspace:proposals"),
        reverse("workspace:new_proposal"),
        reverse("workspace:proposal", args=[proposal.pk]),
    ]:
        assert client.get(url).status_code == 403, url
    decision = {
        "decision": "declined",
        "decided_on": "2026-11-20",
        "reason": "No.",
        "kind": "national_mcn",
    }
    url = reverse("workspace:proposal", args=[proposal.pk])
    assert client.post(url, decision).status_code == 403
    assert fresh(proposal).decision == "pending"
    opened = {"year": THIS_YEAR - 1, "due_on": f"{THIS_YEAR}-03-31"}
    assert client.post(reverse("workspace:open_reports"), opened).status_code == 403
    assert not AnnualReport.objects.exists()


def test_a_retired_networks_manager_sees_it_but_may_no_longer_write(
    client, manager, woscan, report, objective
):
    woscan.status, woscan.status_since = Network.Status.RETIRED, date(2026, 3, 31)
    woscan.save()
    client.force_login(manager)
    assert SAVE not in text(client.get(report_url(report)))
    closed = "is retired: its work plan and annual reports are closed"
    for url, data in [(report_url(report), SECTIONS), (objective_url(objective), update())]:
        response = client.post(url, data, follow=True)
        assert response.status_code == 200 and closed in text(response)
    assert "its work plan is closed" in text(client.get(objective_url(objective)))


# Forged fields change nothing


def test_forged_report_fields_are_ignored(client, manager, report, other_network):
    client.force_login(manager)
    forged = {
        **SECTIONS,
        "summary": "Rewritten.",
        "status": "accepted",
        "accepted_at": "2020-01-01T00:00",
        "submitted_by": manager.pk,
        "submitted_at": "2020-01-01T00:00",
        "comments": "Forged comments.",
        "network": other_network.pk,
        "year": 2001,
        "due_on": "2099-01-01",
    }
    assert client.post(report_url(report), forged).status_code == 302
    saved = fresh(report)
    assert saved.summary == "Rewritten."
    assert (saved.status, saved.submitted_by, saved.submitted_at) == (Status.DRAFT, None, None)
    assert (saved.accepted_at, saved.comments, saved.network) == (None, "", report.network)
    assert (saved.year, saved.due_on) == (report.year, report.due_on)


def test_forged_objective_fields_are_ignored(client, manager, objective, other_network):
    client.force_login(manager)
    forged = update(network=other_network.pk, year=2001, updated_by=0, title="Forged")
    assert client.post(objective_url(objective), forged).status_code == 302
    saved = fresh(objective)
    assert (saved.status, saved.network, saved.year) == ("at_risk", objective.network, THIS_YEAR)
    assert (saved.title, saved.updated_by) == ("Audit waiting times", manager)


def test_a_forged_network_for_a_new_objective_is_ignored(client, manager, woscan, other_network):
    client.force_login(manager)
    posted = {
        "title": "Audit",
        "owner": "O",
        "due_on": f"{THIS_YEAR}-12-01",
        "network": other_network.pk,
    }
    add = reverse("workspace:add_objective", args=[woscan.slug])
    assert client.post(add, posted).status_code == 302
    assert Objective.objects.get().network == woscan
    # The one in the address is the network: another network's is not found.
    other = reverse("workspace:add_objective", args=[other_network.slug])
    assert client.post(other, posted).status_code == 404


# Bad input: a clear message and the form again (or a 4xx), never a 500, nothing lost


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"due_on": "31/02/2026"}, "Enter a valid date."),
        ({"due_on": f"{THIS_YEAR}-02-30"}, "Enter a valid date."),
        ({"status": "abandoned"}, "Select a valid choice. abandoned is not one of"),
        ({"note": "x" * 501}, "Ensure this value has at most 500 characters (it has 501)."),
        ({"owner": ""}, "This field is required."),
        ({"note": "nul\x00byte"}, "Null characters are not allowed."),
    ],
)
def test_bad_objective_updates_get_the_form_again_with_the_reason(
    client, manager, objective, changes, message
):
    client.force_login(manager)
    response = client.post(objective_url(objective), update(**changes))
    assert response.status_code == 200
    assert message in text(response) and "There is a problem" in text(response)
    assert fresh(objective).status == "on_track" and not NetworkEvent.objects.exists()


@pytest.mark.parametrize("year", ["99999", "-1", "1999", "abc", "2026.5", ""])
def test_a_year_out_of_range_shows_this_years_work_plan(client, manager, woscan, year):
    client.force_login(manager)
    response = client.get(network_url(woscan, f"?year={year}"))
    assert response.status_code == 200
    assert f"Work plan {THIS_YEAR}" in text(response)
    add = client.get(reverse("workspace:add_objective", args=[woscan.slug]) + f"?year={year}")
    assert add.status_code == 200 and f"work plan {THIS_YEAR}" in text(add)


def test_an_over_long_section_gets_the_form_again_with_every_word_kept(client, manager, report):
    client.force_login(manager)
    posted = {**SECTIONS, "summary": "Kept.", "risks": "x" * 20_001, "submit": ""}
    response = client.post(report_url(report), posted)
    assert response.status_code == 200
    assert "Ensure this value has at most 20000 characters" in text(response)
    assert "Kept." in text(response)  # what they typed is on the form still
    assert fresh(report).status == Status.DRAFT


def test_submitting_with_an_empty_section_says_which_and_keeps_the_rest(client, manager, report):
    client.force_login(manager)
    posted = {**SECTIONS, "summary": "New summary.", "risks": " ", "submit": ""}
    response = client.post(report_url(report), posted)
    assert response.status_code == 200
    assert "Write every section before submitting. Empty: Risks" in text(response)
    assert SUBMIT in text(response)
    saved = fresh(report)
    assert (saved.status, saved.summary) == (Status.DRAFT, "New summary.")


def test_a_report_submitted_meanwhile_is_not_changed_by_a_stale_form(client, manager, submitted):
    client.force_login(manager)
    response = client.post(report_url(submitted), {**SECTIONS, "summary": "Stale tab."})
    assert response.status_code == 302
    page = text(client.get(response["Location"]))
    assert "with the programme team for review" in page
    assert SAVE not in page and SUBMIT not in page
    assert fresh(submitted).summary == SECTIONS["summary"]


@pytest.mark.parametrize(
    "posted, message",
    [
        ({"decision": "return", "comments": " "}, "Say what the network should change"),
        ({"decision": "publish"}, "Select a valid choice."),
        ({}, "This field is required."),
        ({"decision": "return", "comments": "x" * 5_001}, "at most 5000 characters"),
    ],
)
def test_a_bad_review_is_a_400_with_the_reason(client, programme_team, submitted, posted, message):
    client.force_login(programme_team)
    response = client.post(review_url(submitted), posted)
    assert response.status_code == 400 and message in text(response)
    assert fresh(submitted).status == Status.SUBMITTED


def test_reviewing_a_draft_says_why_not(client, programme_team, report):
    client.force_login(programme_team)
    response = client.post(review_url(report), {"decision": "accept"}, follow=True)
    assert "only a submitted report is accepted or returned" in text(response)
    assert fresh(report).status == Status.DRAFT


def test_the_submitter_on_the_programme_team_may_not_review_it(client, staff_manager, report):
    client.force_login(staff_manager)
    client.post(report_url(report), {**SECTIONS, "submit": ""})
    assert fresh(report).status == Status.SUBMITTED
    assert REVIEW not in text(client.get(report_url(report)))
    assert client.post(review_url(report), {"decision": "accept"}).status_code == 403
    assert fresh(report).status == Status.SUBMITTED


def test_asking_for_reports_with_a_bad_year_says_so(client, programme_team, woscan):
    client.force_login(programme_team)
    response = client.post(
        reverse("workspace:open_reports"), {"year": "99999", "due_on": "2026-03-31"}, follow=True
    )
    assert "Give the year the reports cover" in text(response)
    assert not AnnualReport.objects.exists()


def test_the_programme_team_asks_for_reports(client, programme_team, woscan, other_network):
    client.force_login(programme_team)
    posted = {"year": THIS_YEAR - 1, "due_on": f"{THIS_YEAR}-03-31"}
    response = client.post(reverse("workspace:open_reports"), posted, follow=True)
    assert f"Asked 2 networks for their {THIS_YEAR - 1} report" in text(response)
    assert AnnualReport.objects.count() == 2


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"received_on": "yesterday"}, "Enter a valid date."),
        ({"grounds": ["politics"]}, "Select a valid choice. politics is not one of"),
        ({"grounds": []}, "This field is required."),
        ({"area": "x" * 201}, "at most 200 characters"),
        ({"supporting_boards": ["999999"]}, "Select a valid choice. 999999 is not one of"),
        ({"supporting_boards": ["fife"]}, "is not a valid value"),
    ],
)
def test_a_bad_proposal_gets_the_form_again(client, programme_team, changes, message):
    client.force_login(programme_team)
    posted = {
        "area": "Rare cancers",
        "grounds": ["low_volumes"],
        "case": "Few cases.",
        "proposed_by": "A group",
        "received_on": "2026-10-01",
        **changes,
    }
    response = client.post(reverse("workspace:new_proposal"), posted)
    assert response.status_code == 200 and message in text(response)
    assert not Proposal.objects.exists()


def decision(**changes):
    return {
        "decision": "approved",
        "decided_on": "2026-11-20",
        "reason": "A clear case.",
        "name": "Scottish Rare Cancer Network",
        "short_name": "SRCN",
        "kind": "national_mcn",
        **changes,
    }


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"decision": "pending"}, "Select a valid choice. pending is not one of"),
        ({"name": ""}, "An approved proposal becomes a network: name it."),
        ({"decided_on": "2026-13-01"}, "Enter a valid date."),
        ({"short_name": "x" * 21}, "at most 20 characters"),
        ({"kind": "empire"}, "Select a valid choice."),
    ],
)
def test_a_bad_decision_gets_the_form_again(client, programme_team, proposal, changes, message):
    client.force_login(programme_team)
    url = reverse("workspace:proposal", args=[proposal.pk])
    response = client.post(url, decision(**changes))
    assert response.status_code == 200 and message in text(response)
    assert fresh(proposal).decision == "pending"


@pytest.mark.parametrize("short_name", ["SSN", "ssn", "!!!"])
def test_an_approval_under_a_taken_or_empty_short_name_says_so_and_saves_nothing(
    client, programme_team, proposal, other_network, short_name
):
    client.force_login(programme_team)
    networks = Network.objects.count()
    url = reverse("workspace:proposal", args=[proposal.pk])
    response = client.post(url, decision(short_name=short_name))
    assert response.status_code == 200
    assert "choose another name" in text(response) or "letters or digits" in text(response)
    assert "Record decision" in text(response)  # the form again, as typed
    assert fresh(proposal).decision == "pending" and Network.objects.count() == networks


def test_a_decided_proposal_says_the_decision_stands(client, programme_team, proposal):
    client.force_login(programme_team)
    url = reverse("workspace:proposal", args=[proposal.pk])
    assert client.post(url, decision(decision="declined")).status_code == 302
    page = text(client.get(url))
    assert "Record decision" not in page
    response = client.post(url, decision(decision="deferred"), follow=True)
    assert "the decision stands" in text(response)
    assert fresh(proposal).decision == "declined"


# What each page offers is the policy's answer


def test_the_report_offers_save_and_submit_to_its_keepers_only(
    client, manager, lead, reviewer, author, programme_team, report
):
    for person in (manager, lead):
        client.force_login(person)
        page = text(client.get(report_url(report)))
        assert SAVE in page and SUBMIT in page and REVIEW not in page
    for person in (reviewer, author, programme_team):
        client.force_login(person)
        page = text(client.get(report_url(report)))
        assert SAVE not in page and SUBMIT not in page and REVIEW not in page
        assert SECTIONS["risks"] in page  # read, not written


def test_a_returned_report_offers_resubmission_with_the_comments(
    client, manager, programme_team, submitted
):
    services.return_report(actor=programme_team, report=submitted, comments="Add the audit.")
    client.force_login(manager)
    page = text(client.get(report_url(submitted)))
    assert "Returned with comments" in page and "Add the audit." in page
    assert "Resubmit report" in page
    client.force_login(programme_team)
    assert REVIEW not in text(client.get(report_url(submitted)))


def test_the_programme_team_sees_the_review_form_for_a_submitted_report_only(
    client, manager, programme_team, report
):
    client.force_login(programme_team)
    assert REVIEW not in text(client.get(report_url(report)))  # draft
    services.submit_report(actor=manager, report=report)
    assert REVIEW in text(client.get(report_url(report)))
    services.accept_report(actor=programme_team, report=report)
    page = text(client.get(report_url(report)))
    assert REVIEW not in page and SAVE not in page
    client.force_login(manager)
    assert SAVE not in text(client.get(report_url(report)))


def test_the_work_plan_offers_updates_to_its_keepers_only(
    client, manager, reviewer, programme_team, woscan, objective
):
    client.force_login(manager)
    assert "Add an objective" in text(client.get(network_url(woscan)))
    assert "Update objective" in text(client.get(objective_url(objective)))
    for person in (reviewer, programme_team):
        client.force_login(person)
        assert "Add an objective" not in text(client.get(network_url(woscan)))
        assert "Update objective" not in text(client.get(objective_url(objective)))


def test_an_accepted_years_work_plan_offers_no_changes(
    client, manager, programme_team, woscan, objective
):
    accepted = AnnualReport.objects.create(
        network=woscan, year=THIS_YEAR, due_on=date(THIS_YEAR + 1, 3, 31), **SECTIONS
    )
    services.submit_report(actor=manager, report=accepted)
    services.accept_report(actor=programme_team, report=accepted)
    client.force_login(manager)
    assert "Add an objective" not in text(client.get(network_url(woscan)))
    assert "Update objective" not in text(client.get(objective_url(objective)))
    response = client.post(objective_url(objective), update(), follow=True)
    assert "can no longer change" in text(response)
    assert fresh(objective).status == "on_track"


# What the network's page costs


def _grow(network, manager, size):
    """`size` more objectives (this year), reports (each with its events) and events."""
    for _ in range(size):
        number = network.annual_reports.count()
        objective = services.add_objective(
            actor=manager,
            network=network,
            year=THIS_YEAR,
            title=f"Objective {number}",
            owner=f"Owner {number}",
            due_on=date(THIS_YEAR, 12, 1) - timedelta(days=number),
        )
        services.update_objective(
            actor=manager, objective=objective, status="at_risk", note="Late."
        )
        report = AnnualReport.objects.create(
            network=network, year=2000 + number, due_on=date(2001 + number, 3, 31), **SECTIONS
        )
        services.submit_report(actor=manager, report=report)
        services.add_objective(
            actor=manager,
            network=network,
            year=2000 + number,
            title=f"Earlier {number}",
            owner="O",
            due_on=date(2000 + number, 6, 1),
        )


@pytest.mark.parametrize(
    "who, expected",
    # The session and its user, the network, whether they see it, the objectives they may
    # update, the work plan's years, the year's objectives, whether they keep the work plan, the
    # reports, the timeline (with actors and reports); for a keeper also whether the year's
    # report is accepted (no objectives added to it then).
    [("manager", 11), ("programme_team", 10), ("reviewer", 10)],
)
def test_the_network_page_costs_the_same_queries_at_small_and_large_sizes(
    client, request, who, expected, woscan, manager, django_assert_num_queries
):
    client.force_login(request.getfixturevalue(who))
    url = network_url(woscan)
    _grow(woscan, manager, 1)
    with django_assert_num_queries(expected):
        assert client.get(url).status_code == 200
    _grow(woscan, manager, 15)
    with django_assert_num_queries(expected):
        page = text(client.get(url))
    assert "Objective 15" in page and "Annual report 2015" in page


@pytest.mark.parametrize(
    "name", ["workspace:report", "workspace:objective"], ids=["report", "objective"]
)
def test_the_report_and_objective_pages_cost_the_same_queries_as_their_history_grows(
    client, name, woscan, manager, programme_team, django_assert_num_queries
):
    report = AnnualReport.objects.create(
        network=woscan, year=2020, due_on=date(2021, 3, 31), **SECTIONS
    )
    objective = services.add_objective(
        actor=manager, network=woscan, year=2020, title="T", owner="O", due_on=date(2020, 6, 1)
    )
    url = reverse(name, args=[(report if name == "workspace:report" else objective).pk])
    client.force_login(manager)
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    for number in range(10):
        services.submit_report(actor=manager, report=report)
        services.return_report(actor=programme_team, report=report, comments=f"Round {number}.")
        services.update_objective(actor=manager, objective=objective, status="at_risk", note="")
    with django_assert_num_queries(len(small.captured_queries)):
        client.get(url)
