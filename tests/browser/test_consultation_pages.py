"""A national consultation in a real browser, from opening to the last response: every page
passes axe (WCAG 2.2 AA), errors included, and fits a 360 px screen."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from networks.models import HealthBoard, Profile
from pathways.models import Consultation, ConsultationComment
from tests.browser.conftest import assert_accessible, assert_no_sideways_scroll
from tests.factories import PASSWORD, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _reference(reference_data):
    """The boards and cancer types, put back after the last transactional test emptied them."""


def sign_in(page, live_url, username):
    page.context.clear_cookies()
    page.goto(live_url + "/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="My pathways")).to_be_visible()


def check(page):
    assert_accessible(page)
    assert_no_sideways_scroll(page)


def test_a_consultation_from_opening_to_the_last_response(live_url, page, draft, lead, author):
    clinician = make_user("clinician", first_name="Morag", last_name="Reid")
    Profile.objects.create(
        user=clinician,
        job_title="Consultant gynaecologist",
        board=HealthBoard.objects.get(slug="fife"),
    )
    today = timezone.localdate()

    # A lead opens the draft for consultation; a missing date is shown in the error summary.
    sign_in(page, live_url, "lead")
    page.goto(f"{live_url}/workspace/versions/{draft.pk}/")
    page.get_by_role("link", name="Open national consultation").click()
    page.get_by_label("Closes on").fill("")
    page.get_by_role("button", name="Open national consultation").click()
    expect(page.locator(".nhsuk-error-summary")).to_be_visible()
    check(page)
    page.get_by_label("Closes on").fill((today + timedelta(days=14)).isoformat())
    page.get_by_role("button", name="Open national consultation").click()
    expect(
        page.get_by_text("Draft for national consultation: not for use in clinical care")
    ).to_be_visible()

    # ...and invites a charity: the link is shown once.
    page.get_by_label("Who is it for?").fill("Ovarian Cancer Action")
    page.get_by_role("button", name="Create link").click()
    address = page.get_by_label(re.compile("Copy this link now")).input_value()
    assert "/workspace/invited/" in address
    check(page)
    consultation = Consultation.objects.get()

    # Someone in NHS Scotland with no network role comments; an empty comment is refused.
    sign_in(page, live_url, "clinician")
    page.goto(f"{live_url}/workspace/consultations/{consultation.pk}/")
    check(page)
    page.get_by_text("Comment on Referral", exact=True).click()
    page.get_by_role("button", name="Send comment on Referral").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("Write your comment")
    check(page)
    page.get_by_label("Your comment on Referral").fill("Add the CA-125 threshold.")
    page.get_by_role("button", name="Send comment on Referral").click()
    expect(page.get_by_text("your comment on Referral is recorded")).to_be_visible()
    check(page)

    # The invited person comments without an account.
    page.context.clear_cookies()
    path = address.split("/workspace/", 1)[1]
    page.goto(f"{live_url}/workspace/{path}")
    check(page)
    page.get_by_text("Comment on Staging", exact=True).click()
    page.locator("#comment-staging-name").fill("Jo Bloggs")
    page.locator("#comment-staging-organisation").fill("Ovarian Cancer Action")
    page.get_by_label("Your comment on Staging").fill("Mention the leaflet.")
    page.get_by_role("button", name="Send comment on Staging").click()
    expect(page.get_by_text("your comment on Staging is recorded")).to_be_visible()
    page.goto(f"{live_url}/workspace/invited/no-such-token-at-all/")
    expect(
        page.get_by_role("heading", name=re.compile("expired or been withdrawn"))
    ).to_be_visible()
    check(page)

    # Once it has closed, an author responds to every comment.
    Consultation.objects.filter(pk=consultation.pk).update(
        opens_on=today - timedelta(days=15), closes_on=today - timedelta(days=1)
    )
    sign_in(page, live_url, "author")
    page.goto(f"{live_url}/workspace/versions/{draft.pk}/")
    check(page)
    page.get_by_role("link", name="Respond to comments").first.click()
    check(page)
    morag = ConsultationComment.objects.get(name="Morag Reid")
    page.locator(f"#response-{morag.pk}-response_1").check()  # Not accepted
    page.get_by_role("button", name="Record response to Morag Reid's comment").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("Say why")
    check(page)
    page.locator(f"#response-{morag.pk}-response_1").check()
    page.locator(f"#response-{morag.pk}-reason").fill("The threshold varies by board.")
    page.get_by_role("button", name="Record response to Morag Reid's comment").click()
    jo = ConsultationComment.objects.get(name="Jo Bloggs")
    page.locator(f"#response-{jo.pk}-response_2").check()  # Noted
    page.get_by_role("button", name="Record response to Jo Bloggs's comment").click()
    expect(page.get_by_text("Every comment has a response.")).to_be_visible()
    check(page)
