"""National consensus in a browser: a reviewer at the table decides on the review page (each
text box revealed under its choice), a lead answers a request, and a reader reads, and prints,
how the version was agreed. Every page passes axe at phone and desktop sizes."""

import json
import re

import pytest
from playwright.sync_api import expect

from networks.models import CancerType, Constituency, Network, NetworkRole
from pathways import services
from tests.browser.conftest import assert_no_sideways_scroll, axe_violations
from tests.factories import PASSWORD, give_role, make_user
from tests.lifecycle import BODY, write

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

RESERVATION = "The evidence for second-line immunotherapy is thin."
INTERESTS = "Advisory board fees from Acme Pharma, 2025."


@pytest.fixture
def table(reference_data, programme_team):
    """The national lung pathway in review: NCA, SCAN, WoSCAN and Pharmacy must approve."""
    group = Network.objects.create(
        name="National Lung Cancer Pathway Group",
        short_name="NLCPG",
        slug="lung-group",
        kind=Network.Kind.NATIONAL_GROUP,
    )
    author = make_user("group-author", first_name="Ailsa", last_name="Author")
    give_role(author, group, NetworkRole.Role.AUTHOR)
    lead = make_user("group-lead", first_name="Lorna", last_name="Lead")
    give_role(lead, group, NetworkRole.Role.LEAD)
    version = services.create_pathway(
        actor=author,
        network=group,
        cancer_type=CancerType.objects.get(slug="lung"),
        title="Lung cancer",
        disciplines=[Constituency.objects.get(slug="pharmacy")],
    )
    version = write(author, version, body=BODY)
    version = services.submit(actor=author, version=version, change_type="major")
    seats = {}
    for constituency in version.pathway.major_change_constituencies.all():
        person = make_user(
            constituency.slug[:30], first_name=constituency.name.split()[0], last_name="Member"
        )
        constituency.members.add(person)
        seats[constituency.slug] = person
    return {"version": version, "lead": lead, "seats": seats, "programme": programme_team}


def sign_in(page, live_url, user):
    page.goto(live_url + "/accounts/login/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="My pathways")).to_be_visible()


def assert_accessible_here(page):
    problems = axe_violations(page)
    assert not problems, f"{page.url} at {page.viewport_name}:\n{json.dumps(problems, indent=1)}"
    assert_no_sideways_scroll(page)


def test_a_reviewer_approves_with_a_reservation_and_declares_an_interest(live_url, page, table):
    version = table["version"]
    sign_in(page, live_url, table["seats"]["pharmacy"])
    page.goto(f"{live_url}/workspace/versions/{version.pk}/review/")
    assert_accessible_here(page)
    reservation = page.get_by_label("Your reservation")
    expect(reservation).to_be_hidden()  # revealed only under its choice
    page.get_by_label("Approve with a reservation").check()
    expect(reservation).to_be_visible()
    reservation.fill(RESERVATION)
    interests = page.get_by_label("Your interests")
    expect(interests).to_be_hidden()
    page.get_by_label("I declare:").check()
    interests.fill(INTERESTS)
    page.get_by_role("button", name="Record my decision").click()
    expect(page.get_by_text("Approved, with your reservation recorded.")).to_be_visible()
    seats = page.locator("table.portal-consensus__seats")
    expect(seats.locator("tr", has_text="Pharmacy")).to_contain_text("Approved")
    expect(page.get_by_text(f"Interests declared: {INTERESTS}")).to_be_visible()
    expect(page.get_by_text(re.compile("Still to approve: North Cancer Alliance"))).to_be_visible()


def test_a_lead_answers_a_request_for_changes(live_url, page, table):
    version = table["version"]
    services.request_changes(
        actor=table["seats"]["west-of-scotland-cancer-network"],
        version=version,
        comment="Add the WoSCAN referral route.",
    )
    sign_in(page, live_url, table["lead"])
    page.goto(f"{live_url}/workspace/versions/{version.pk}/")
    page.get_by_role("link", name="Answer the request for changes").click()
    assert_accessible_here(page)
    page.get_by_label("Your answer").fill("Referral routes are regional, not national.")
    page.get_by_role("button", name="Record the answer").click()
    expect(page.get_by_text("It is back in review.")).to_be_visible()


def test_the_record_of_how_it_was_agreed_reads_and_prints_cleanly(live_url, page, table):
    version = table["version"]
    for slug, person in table["seats"].items():
        version = services.approve(
            actor=person,
            version=version,
            **({"reservation": RESERVATION, "interests": INTERESTS} if slug == "pharmacy" else {}),
        )
    version = services.publish(actor=table["programme"], version=version)
    page.goto(live_url + "/pathways/lung-cancer/")
    page.get_by_role("link", name="How this version was agreed").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("How this version was agreed")
    assert_accessible_here(page)
    page.emulate_media(media="print")
    assert page.locator("header.nhsuk-header").is_hidden()
    expect(page.get_by_role("link", name="Read version 1.0 of Lung cancer")).to_be_hidden()
    expect(page.locator("table.portal-consensus__seats")).to_be_visible()
    expect(page.get_by_text(RESERVATION)).to_be_visible()
    expect(page.get_by_text(f"Interests declared: {INTERESTS}")).to_be_visible()
    expect(page.get_by_text("The programme team, once the version is agreed")).to_be_visible()
