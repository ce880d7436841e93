"""A member of NHS Scotland staff creates an account from the sign-in page, on a phone and on a
desktop: the form, the e-mail's link, the confirmation, and landing signed in."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, assert_no_sideways_scroll

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_nhs_scotland_staff_register_confirm_by_email_and_land_signed_in(
    reference_data, live_url, page, settings
):
    settings.PORTAL_BASE_URL = live_url  # so the e-mailed link leads to this live portal
    mail.outbox.clear()  # the live server's mail, in this process's test outbox

    page.goto(live_url + "/accounts/login/")
    page.get_by_role("link", name="Create an account").click()
    expect(page.get_by_role("heading", name="Create an account")).to_be_visible()
    page.get_by_role("button", name="Create account").click()  # empty: errors, not a crash
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    assert_accessible(page)
    assert_no_sideways_scroll(page)

    page.get_by_label("First name").fill("Jane")
    page.get_by_label("Last name").fill("Doe")
    page.get_by_label("Email address").fill("jane.doe@nhs.scot")
    page.get_by_label("Job title").fill("Clinical nurse specialist")
    page.get_by_label("NHS board").select_option(label="NHS Tayside")
    page.get_by_label("Password", exact=True).fill("heron-quietly-crosses-17")
    page.get_by_label("Confirm password").fill("heron-quietly-crosses-17")
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("heading", name="Check your email")).to_be_visible()
    assert_accessible(page)

    [message] = mail.outbox
    link = re.search(r"http\S+/accounts/register/confirm/\S+/", message.body).group(0)
    assert link.startswith(live_url)
    page.goto(link)
    expect(page.get_by_text("NHS Tayside")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Confirm and create account").click()

    expect(page.get_by_role("heading", name="Your account has been created")).to_be_visible()
    expect(page.get_by_role("navigation", name="Account")).to_contain_text("Jane Doe")
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    assert_accessible(page)
    assert_no_sideways_scroll(page)
