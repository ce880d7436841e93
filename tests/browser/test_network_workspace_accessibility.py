"""The network workspace in a real browser: every page a manager and the programme team use in
the annual cycle passes axe (WCAG 2.2 AA) and fits a 360 px screen, with and without errors."""

import json
from datetime import date, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from networks.models import AnnualReport, Network, NetworkRole, Objective
from pathways import network_services as services
from tests.browser.conftest import assert_no_sideways_scroll, axe_violations
from tests.factories import PASSWORD, give_role, make_network, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

THIS_YEAR = timezone.localdate().year
SECTIONS = {
    field: f"{heading}: a paragraph of what the network did, long enough to wrap on a phone."
    for field, heading in AnnualReport.SECTIONS
}


@pytest.fixture
def cycle(reference_data):
    """A network at each point of the cycle: a draft, a submitted and a returned report, a
    work plan, and proposals awaiting a decision and decided."""
    network = make_network(
        "NSN", name="National Sample Network", slug="nsn", kind=Network.Kind.NATIONAL_MCN
    )
    manager = make_user("manager", first_name="Morag", last_name="Ferguson")
    give_role(manager, network, NetworkRole.Role.MANAGER)
    team = make_user("programme", staff=True, first_name="Iain", last_name="Brown")
    objective = services.add_objective(
        actor=manager,
        network=network,
        year=THIS_YEAR,
        title="Audit the time from referral to diagnosis in every board",
        owner="Dr A Lead",
        due_on=timezone.localdate() + timedelta(days=60),
    )
    services.update_objective(
        actor=manager, objective=objective, status=Objective.Status.AT_RISK, note="Data late."
    )
    reports = {}
    for years_ago, state in [(1, "draft"), (2, "submitted"), (3, "returned")]:
        year = THIS_YEAR - years_ago
        report = AnnualReport.objects.create(
            network=network, year=year, due_on=date(year + 1, 3, 31), **SECTIONS
        )
        if state != "draft":
            report = services.submit_report(actor=manager, report=report)
        if state == "returned":
            report = services.return_report(
                actor=team, report=report, comments="Add the audit figures for each board."
            )
        reports[state] = report
    awaiting = services.record_proposal(
        actor=team,
        area="Rare gynaecological cancers",
        grounds=["low_volumes", "workforce"],
        case="Fewer than 40 cases a year across Scotland.",
        proposed_by="SCAN gynaecology group",
        received_on=timezone.localdate(),
    )
    declined = services.record_proposal(
        actor=team,
        area="Adult brain tumours",
        grounds=["equity"],
        case="Care differs between boards.",
        proposed_by="A clinician group",
        received_on=timezone.localdate() - timedelta(days=90),
    )
    services.decide_proposal(
        actor=team,
        proposal=declined,
        decision="declined",
        decided_on=timezone.localdate(),
        reason="The regional networks cover it.",
    )
    return {
        "network": network,
        "manager": manager,
        "team": team,
        "objective": objective,
        "reports": reports,
        "proposal": awaiting,
    }


def sign_in(page, live_url, user):
    page.goto(live_url + "/accounts/login/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="My pathways")).to_be_visible()


def check(page, name, problems):
    """Collect axe's findings on the page open now under `name`; it must not scroll sideways."""
    if found := axe_violations(page):
        problems[name] = found
    assert_no_sideways_scroll(page)


def visit(page, live_url, pages, problems):
    for name, path in pages.items():
        response = page.goto(live_url + path)
        assert response.status == 200, f"{name}: {path} answered {response.status}"
        check(page, name, problems)


def test_the_managers_pages_pass_axe_and_fit_the_screen(live_url, page, cycle):
    reports = cycle["reports"]
    sign_in(page, live_url, cycle["manager"])
    problems = {}
    visit(
        page,
        live_url,
        {
            "their networks": "/workspace/networks/",
            "the network": "/workspace/networks/nsn/",
            "a report being written": f"/workspace/reports/{reports['draft'].pk}/",
            "a returned report": f"/workspace/reports/{reports['returned'].pk}/",
            "a submitted report": f"/workspace/reports/{reports['submitted'].pk}/",
            "the objective update": f"/workspace/objectives/{cycle['objective'].pk}/",
            "add an objective": "/workspace/networks/nsn/objectives/new/",
        },
        problems,
    )
    expect(page.get_by_role("heading", name="Add an objective")).to_be_visible()

    # Errors shown: a section left empty on submitting, and a bad objective update.
    page.goto(live_url + f"/workspace/reports/{reports['draft'].pk}/")
    page.get_by_label("Risks", exact=True).fill("")
    page.get_by_role("button", name="Submit report").click()
    expect(page.get_by_text("Write every section before submitting. Empty: Risks")).to_be_visible()
    check(page, "a report submitted with an empty section", problems)

    page.goto(live_url + f"/workspace/objectives/{cycle['objective'].pk}/")
    page.get_by_label("Owner").fill("")
    page.get_by_label("Due").fill("")
    page.get_by_role("button", name="Update objective").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    check(page, "an objective update with errors", problems)

    page.goto(live_url + "/workspace/networks/nsn/objectives/new/")
    page.get_by_role("button", name="Add objective").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    check(page, "a new objective with errors", problems)
    assert not problems, f"manager at {page.viewport_name}:\n{json.dumps(problems, indent=1)}"


def test_the_programme_teams_pages_pass_axe_and_fit_the_screen(live_url, page, cycle):
    reports = cycle["reports"]
    sign_in(page, live_url, cycle["team"])
    problems = {}
    visit(
        page,
        live_url,
        {
            "networks": "/workspace/networks/",
            "the network": "/workspace/networks/nsn/",
            "a submitted report with the review form": (
                f"/workspace/reports/{reports['submitted'].pk}/"
            ),
            "a returned report": f"/workspace/reports/{reports['returned'].pk}/",
            "a draft report": f"/workspace/reports/{reports['draft'].pk}/",
            "proposals": "/workspace/proposals/",
            "record a proposal": "/workspace/proposals/new/",
            "a proposal with the decision form": f"/workspace/proposals/{cycle['proposal'].pk}/",
        },
        problems,
    )
    expect(page.get_by_role("button", name="Record decision")).to_be_visible()

    # Errors shown: a return without comments, a proposal and a decision left incomplete.
    page.goto(live_url + f"/workspace/reports/{reports['submitted'].pk}/")
    page.get_by_label("Return with comments").check()
    page.get_by_role("button", name="Record the review").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    check(page, "a review with errors", problems)

    page.goto(live_url + "/workspace/proposals/new/")
    page.get_by_role("button", name="Record proposal").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    check(page, "a proposal with errors", problems)

    page.goto(live_url + f"/workspace/proposals/{cycle['proposal'].pk}/")
    page.get_by_label("Approved: it becomes a network, being set up").check()
    page.get_by_role("button", name="Record decision").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    check(page, "a decision with errors", problems)

    # Asking for the year's reports with no year.
    page.goto(live_url + "/workspace/networks/")
    page.get_by_label("Year the reports cover").fill("")
    page.get_by_role("button", name="Ask for reports").click()
    expect(page.get_by_text("Give the year the reports cover")).to_be_visible()
    check(page, "networks after a bad request for reports", problems)
    assert not problems, (
        f"programme team at {page.viewport_name}:\n{json.dumps(problems, indent=1)}"
    )
