"""The whole life of a pathway, through the real pages, by their visible labels."""

import re

import pytest
from playwright.sync_api import expect

from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BODY = """## Referral and diagnosis

Refer urgently when imaging shows a solid renal mass.

## Staging

Stage with CT of chest, abdomen and pelvis.
"""


@pytest.fixture
def people(reference_data, author, reviewer, second_reviewer, lead):
    return {
        "author": author,
        "reviewer": reviewer,
        "second_reviewer": second_reviewer,
        "lead": lead,
    }


@pytest.fixture
def page(browser):
    """One desktop-sized page: this journey is about behaviour, not layout."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


def sign_in(page, live_url, user):
    page.goto(live_url + "/accounts/login/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="My pathways")).to_be_visible()


def sign_out(page):
    page.get_by_role("button", name="Sign out").click()


def review(page, live_url, user, decision="Approve"):
    sign_in(page, live_url, user)
    page.get_by_role("link", name=re.compile("waiting for your review")).click()
    page.get_by_role("link", name="Renal cancer").click()
    page.get_by_label(decision, exact=True).check()
    page.get_by_label("I have no interests to declare").check()
    page.get_by_role("button", name="Record my decision").click()
    expect(page.get_by_text("Approved.")).to_be_visible()
    sign_out(page)


def publish(page, live_url, lead):
    sign_in(page, live_url, lead)
    page.get_by_role("link", name="Open version in progress of Renal cancer").click()
    page.get_by_role("link", name="Publish").click()
    page.get_by_role("button", name="Publish").click()
    sign_out(page)


def test_a_pathway_is_written_reviewed_published_and_revised(live_url, page, people):
    author, lead = people["author"], people["lead"]

    # The author creates and writes the pathway, then submits it.
    sign_in(page, live_url, author)
    page.get_by_role("link", name="Create pathway").click()
    page.get_by_label("Cancer", exact=True).select_option(label="Renal")
    page.get_by_label("Title", exact=True).fill("Renal cancer")
    page.get_by_role("button", name="Create pathway").click()
    page.get_by_label("Summary", exact=True).fill("Adults with suspected renal cancer.")
    page.get_by_label("Body", exact=True).fill(BODY)
    page.get_by_role("button", name="Preview").click()
    expect(page.get_by_role("heading", name="Preview (not saved)")).to_be_visible()
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_text("Draft saved.")).to_be_visible()
    page.get_by_role("link", name="Back to version").click()
    page.get_by_role("link", name="Submit for review").click()
    page.get_by_role("button", name="Submit for review").click()
    expect(page.get_by_text("Submitted for review.")).to_be_visible()
    version_url = page.url
    sign_out(page)

    # The first reviewer approves; the author cannot approve their own work.
    review(page, live_url, people["reviewer"])
    sign_in(page, live_url, author)
    response = page.goto(version_url + "review/")
    assert response.status == 403
    expect(page.get_by_role("heading", name="You cannot do this")).to_be_visible()
    sign_out(page)

    # The second reviewer approves and the lead publishes: version 1.0 is public.
    review(page, live_url, people["second_reviewer"])
    publish(page, live_url, lead)
    page.goto(live_url + "/pathways/renal-cancer/")
    expect(page.get_by_text("1.0 (current)")).to_be_visible()
    expect(page.get_by_role("heading", name="Staging")).to_be_visible()

    # A major change goes through the same steps and becomes 2.0.
    sign_in(page, live_url, author)
    page.get_by_role("link", name="Renal cancer").click()
    page.get_by_role("button", name="New version").click()
    page.get_by_label("Body", exact=True).fill(
        BODY.replace("Stage with CT", "Stage with contrast CT")
    )
    page.get_by_role("button", name="Save draft").click()
    page.get_by_role("link", name="Back to version").click()
    page.get_by_role("link", name="Submit for review").click()
    page.get_by_label("Major change (clinical content)").check()
    page.get_by_label("Change note").fill("Contrast CT for staging.")
    page.get_by_role("button", name="Submit for review").click()
    sign_out(page)
    review(page, live_url, people["reviewer"])
    review(page, live_url, people["second_reviewer"])
    publish(page, live_url, lead)

    page.goto(live_url + "/pathways/renal-cancer/")
    expect(page.get_by_text("2.0 (current)")).to_be_visible()
    expect(page.get_by_text("Contrast CT for staging.")).to_be_visible()
    page.goto(live_url + "/pathways/renal-cancer/versions/1.0/")
    expect(page.get_by_text("This version has been superseded")).to_be_visible()
    page.get_by_role("link", name="Read the current version (2.0)").click()
    expect(page.get_by_text("2.0 (current)")).to_be_visible()
