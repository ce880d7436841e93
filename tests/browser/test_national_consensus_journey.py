"""A national pathway agreed in the open, end to end in a browser: a lead opens a consultation,
a clinician from another board comments on a section, the authors respond, reviewers from NCA,
SCAN, WoSCAN and pharmacy approve (one with a reservation), the programme team publishes, and
the public record of how it was agreed shows all of it."""

import re

import pytest
from playwright.sync_api import expect

from networks.models import CancerType, Constituency, HealthBoard, Network, Profile
from pathways import services
from pathways.models import Consultation
from tests.browser.conftest import assert_accessible
from tests.factories import PASSWORD, give_role, make_user
from tests.lifecycle import BODY, write

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

COMMENT = "Say when a GP may request the CA125 test directly."
RESERVATION = "Boards should confirm funding for the new test before offering it."
INTERESTS = "Advisory board fees from a diagnostics company, 2025."


@pytest.fixture
def national_draft(reference_data, programme_team):
    group = Network.objects.create(
        name="Ovarian Cancer CMP Group",
        short_name="Ovarian CMP",
        slug="ovarian-cmp-group",
        kind=Network.Kind.NATIONAL_GROUP,
    )
    people = {"programme": programme_team}
    for username, role in [("group-lead", "lead"), ("group-author", "author")]:
        people[username] = make_user(username, first_name=username.title(), last_name="Person")
        give_role(people[username], group, role)
    draft = services.create_pathway(
        actor=people["group-author"],
        network=group,
        cancer_type=CancerType.objects.get(slug="ovarian"),
        title="Ovarian cancer",
        disciplines=[Constituency.objects.get(slug="pharmacy")],
    )
    write(people["group-author"], draft, body=BODY)
    surnames = {
        "north-cancer-alliance": "Munro",
        "south-east-scotland-cancer-network": "Scott",
        "west-of-scotland-cancer-network": "Wallace",
        "pharmacy": "Pharmacist",
    }
    for slug, surname in surnames.items():
        people[slug] = make_user(slug[:30], first_name="Dr", last_name=surname)
        Constituency.objects.get(slug=slug).members.add(people[slug])
    people["clinician"] = make_user("fife-gp", first_name="Morag", last_name="Mackay")
    Profile.objects.create(
        user=people["clinician"],
        job_title="General practitioner",
        board=HealthBoard.objects.get(slug="fife"),
    )
    return draft, people


def sign_in(page, live_url, user):
    page.context.clear_cookies()
    page.goto(live_url + "/accounts/login/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="My pathways")).to_be_visible()


def test_a_national_pathway_is_consulted_on_agreed_by_every_region_and_published(
    live_url, page, national_draft
):
    draft, people = national_draft
    version_page = f"{live_url}/workspace/versions/{draft.pk}/"

    # The lead opens the draft for national consultation.
    sign_in(page, live_url, people["group-lead"])
    page.goto(version_page)
    page.get_by_role("link", name="Open national consultation").click()
    page.get_by_role("button", name="Open national consultation").click()
    expect(page.get_by_text("Draft for national consultation")).to_be_visible()
    consultation = Consultation.objects.get(version=draft)

    # A clinician from another board, with an account and no role, comments on a section.
    sign_in(page, live_url, people["clinician"])
    page.goto(f"{live_url}/workspace/consultations/{consultation.pk}/")
    page.get_by_text("Comment on Referral", exact=True).click()
    page.get_by_label("Your comment on Referral").fill(COMMENT)
    page.get_by_role("button", name="Send comment on Referral").click()
    expect(page.get_by_text("your comment on Referral is recorded")).to_be_visible()

    # The window closes (as time would close it); the authors respond, then submit.
    Consultation.objects.filter(pk=consultation.pk).update(
        opens_on=consultation.opens_on.replace(year=consultation.opens_on.year - 1),
        closes_on=consultation.opens_on.replace(year=consultation.opens_on.year - 1),
    )
    sign_in(page, live_url, people["group-author"])
    page.goto(version_page)
    page.get_by_role("link", name="Respond to comments").first.click()
    page.get_by_label("Accepted", exact=True).check()
    page.get_by_role("button", name=re.compile("Record response to Morag Mackay")).click()
    expect(page.get_by_text("Every comment has a response.")).to_be_visible()
    page.goto(version_page)
    page.get_by_role("link", name="Submit for review").click()
    page.get_by_role("button", name="Submit for review").click()
    expect(page.get_by_text("In review").first).to_be_visible()

    # Reviewers from each region and pharmacy approve; pharmacy with a reservation.
    for slug in [
        "north-cancer-alliance",
        "south-east-scotland-cancer-network",
        "pharmacy",
        "west-of-scotland-cancer-network",
    ]:
        sign_in(page, live_url, people[slug])
        page.goto(f"{version_page}review/")
        if slug == "pharmacy":
            page.get_by_label("Approve with a reservation").check()
            page.get_by_label("Your reservation").fill(RESERVATION)
            page.get_by_label("I declare:").check()
            page.get_by_label("Your interests").fill(INTERESTS)
        else:
            page.get_by_label("Approve", exact=True).check()
            page.get_by_label("I have no interests to declare").check()
        page.get_by_role("button", name="Record my decision").click()
        expect(page.locator(".nhsuk-error-summary")).to_have_count(0)
    draft.refresh_from_db()
    assert draft.status == "approved"

    # The programme team publishes it (a national group's lead may not).
    sign_in(page, live_url, people["programme"])
    page.goto(version_page)
    page.get_by_role("link", name="Publish").click()
    page.get_by_role("button", name="Publish").click()
    draft.refresh_from_db()
    assert draft.status == "published"

    # Anyone reads how version 1.0 was agreed.
    page.context.clear_cookies()
    page.goto(live_url + "/pathways/ovarian-cancer/")
    page.get_by_role("link", name="How this version was agreed").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("How this version was agreed")
    record = page.locator("main")
    expect(record).to_contain_text("Ovarian Cancer CMP Group")
    seats = page.locator("table.portal-consensus__seats")
    for name in ["North Cancer Alliance", "South East Scotland", "West of Scotland", "Pharmacy"]:
        expect(seats.locator("tr", has_text=name)).to_contain_text("Approved")
    for surname in ["Munro", "Scott", "Wallace", "Pharmacist"]:
        expect(seats).to_contain_text(surname)
    expect(record).to_contain_text(RESERVATION)
    expect(record).to_contain_text(f"Interests declared: {INTERESTS}")
    expect(record).to_contain_text("NHS Fife")  # the board the comment came from
    expect(record).to_contain_text("1 accepted, 0 not accepted")
    assert_accessible(page)
