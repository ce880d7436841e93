"""A year of a network's annual cycle, through the real pages, by their visible labels: the
manager updates the work plan and submits the report, the programme team returns it with a
comment, the manager resubmits, the team accepts it, and the public network page shows it."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from networks.models import AnnualReport, Network, NetworkRole, Objective
from tests.factories import PASSWORD, give_role, make_network, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SECTIONS = {
    "Summary": "A year of steady work across all fourteen boards.",
    "Progress against the work plan": "Four of five objectives met; the audit is late.",
    "Pathways published and reviewed": "Version 2.0 of the sarcoma pathway was published.",
    "Audit and quality results": "Audit under way.",
    "Plans for the year ahead": "A national referral form.",
    "Risks": "Two consultant posts are vacant.",
}


@pytest.fixture
def page(browser):
    """One desktop-sized page: this journey is about behaviour, not layout."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


@pytest.fixture
def cycle(reference_data):
    network = make_network(
        "SSN", name="Scottish Sarcoma Network", slug="sarcoma", kind=Network.Kind.NATIONAL_MCN
    )
    manager = make_user("manager", first_name="Morag", last_name="Ferguson")
    give_role(manager, network, NetworkRole.Role.MANAGER)
    today = timezone.localdate()
    Objective.objects.create(
        network=network,
        year=today.year,
        title="Audit time to diagnosis",
        owner="Dr A Lead",
        due_on=today + timedelta(days=60),
    )
    report = AnnualReport.objects.create(
        network=network, year=today.year - 1, due_on=today + timedelta(days=20)
    )
    team = make_user("programme", staff=True, first_name="Iain", last_name="Brown")
    return {"network": network, "manager": manager, "team": team, "report": report}


def sign_in(page, live_url, user):
    page.goto(live_url + "/accounts/login/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="My pathways")).to_be_visible()


def sign_out(page):
    page.get_by_role("button", name="Sign out").click()


def open_report_as_team(page, live_url, cycle):
    sign_in(page, live_url, cycle["team"])
    page.get_by_role("link", name=re.compile("^Networks: work plans")).click()
    page.get_by_role("link", name=re.compile(f"^{cycle['report'].year} report of SSN")).click()


def test_a_report_is_submitted_returned_resubmitted_accepted_and_published(live_url, page, cycle):
    year = cycle["report"].year
    sign_in(page, live_url, cycle["manager"])
    page.get_by_role("link", name="Scottish Sarcoma Network: work plan and annual reports").click()
    page.get_by_role("link", name="Audit time to diagnosis").click()
    page.get_by_label("At risk").check()
    page.get_by_label("Note").fill("Two boards have not sent their data.")
    page.get_by_role("button", name="Update objective").click()
    expect(page.get_by_text("The objective is updated.")).to_be_visible()
    expect(page.get_by_role("table").get_by_text("At risk")).to_be_visible()

    page.get_by_role("link", name=f"Annual report {year}").click()
    for label, text in SECTIONS.items():
        page.get_by_label(label, exact=True).fill(text)
    page.get_by_role("button", name="Submit report").click()
    expect(page.get_by_text("Submitted: the programme team will review it.")).to_be_visible()
    sign_out(page)

    open_report_as_team(page, live_url, cycle)
    expect(page.get_by_text("Two consultant posts are vacant.")).to_be_visible()
    page.get_by_label("Return with comments").check()
    page.get_by_label("Comments", exact=True).fill("Please give the audit's figures.")
    page.get_by_role("button", name="Record the review").click()
    expect(page.get_by_text("Returned to the network with your comments.")).to_be_visible()
    sign_out(page)

    sign_in(page, live_url, cycle["manager"])
    page.get_by_role("link", name="Scottish Sarcoma Network: work plan and annual reports").click()
    page.get_by_role("link", name=f"Annual report {year}").click()
    expect(page.get_by_text("Please give the audit's figures.").first).to_be_visible()
    page.get_by_label("Audit and quality results").fill("92% seen within 14 days of referral.")
    page.get_by_role("button", name="Resubmit report").click()
    expect(page.get_by_text("Submitted: the programme team will review it.")).to_be_visible()
    sign_out(page)

    open_report_as_team(page, live_url, cycle)
    page.get_by_label("Accept", exact=True).check()
    page.get_by_role("button", name="Record the review").click()
    expect(page.get_by_text("Accepted: the report is published")).to_be_visible()
    history = page.locator("#timeline + ol").inner_text()
    for step in [
        "Annual report accepted by Iain Brown",
        "Annual report resubmitted by Morag Ferguson",
        "Annual report returned with comments by Iain Brown",
        "Annual report submitted by Morag Ferguson",
    ]:
        assert step in history
    sign_out(page)

    page.goto(live_url + "/networks/sarcoma/")
    page.get_by_role("link", name=re.compile(str(year))).first.click()
    expect(page).to_have_url(re.compile(f"/networks/sarcoma/reports/{year}/$"))
    expect(page.get_by_text("92% seen within 14 days of referral.")).to_be_visible()
    expect(page.get_by_text("Two consultant posts are vacant.")).to_be_visible()
