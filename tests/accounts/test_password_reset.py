"""Resetting a forgotten password, which the "you already have an account" e-mail offers, in
the portal's own pages."""

import re

import pytest

from tests.factories import make_user

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "kestrel-over-the-firth-42"


def test_a_forgotten_password_is_reset_by_email_in_the_portals_pages(client, mailoutbox):
    person = make_user("jdoe")
    form = client.get("/accounts/password_reset/").content.decode()
    assert "Reset your password" in form and "nhsuk-header" in form
    sent = client.post("/accounts/password_reset/", {"email": person.email}, follow=True)
    assert "Check your email" in sent.content.decode()

    link = re.search(r"https?://[^/\s]+(/accounts/reset/\S+/)", mailoutbox[0].body).group(1)
    choose = client.get(link, follow=True)
    assert "Choose a new password" in choose.content.decode()
    done = client.post(
        choose.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
        follow=True,
    )
    assert "Password changed" in done.content.decode()
    person.refresh_from_db()
    assert person.check_password(NEW_PASSWORD)
    assert "has expired or has been used" in client.get(link, follow=True).content.decode()


def test_an_unknown_address_reads_the_same_and_gets_nothing(client, mailoutbox):
    response = client.post("/accounts/password_reset/", {"email": "nobody@nhs.scot"}, follow=True)
    assert "If an account has that email address" in response.content.decode()
    assert not mailoutbox
