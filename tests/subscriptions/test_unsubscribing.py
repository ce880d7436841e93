"""Stopping e-mails: one click from the mail client (RFC 8058: a POST with no cookie and no
CSRF token), a page that asks first for a person following the link, and the page listing
an address's subscriptions, open only to the holder of its token."""

import pytest
from django.test import Client

from subscriptions.models import Subscriber, Subscription
from tests.lifecycle import BODY, publish_change
from tests.subscriptions.helpers import send, unsubscribe_path

pytestmark = pytest.mark.django_db

NEW_BODY = BODY + "\n## Follow-up\n\nSee each patient at 3 months.\n"
FORGED = "x" * 43


def page(response):
    return response.content.decode()


@pytest.fixture
def first_email(subscribed, published, team, mailoutbox):
    """A subscriber's first e-mail about a change: what a mail client has in hand."""
    subscribed("reader@example.com", pathway=published.pathway)
    publish_change(published, **team, body=NEW_BODY)
    send()
    return mailoutbox.pop()


def test_one_click_unsubscribe_needs_no_cookie_and_no_csrf_token(
    first_email, published, team, lead, mailoutbox
):
    mail_client = Client(enforce_csrf_checks=True)
    response = mail_client.post(
        unsubscribe_path(first_email),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert "You have unsubscribed" in page(response)
    assert not Subscription.objects.exists()
    # A mail client may post twice: the same answer, not "not found".
    assert mail_client.post(unsubscribe_path(first_email)).status_code == 200

    publish_change(published.pathway.current_version(), **team, body=NEW_BODY + "More.\n")
    send()
    assert mailoutbox == []


def test_following_the_link_asks_before_unsubscribing(client, first_email):
    response = client.get(unsubscribe_path(first_email))
    assert response.status_code == 200
    assert "Stop all emails to reader@example.com?" in page(response)
    assert f'action="{unsubscribe_path(first_email)}"' in page(response)
    assert Subscription.objects.count() == 1  # a mail scanner's GET changes nothing


@pytest.mark.parametrize(
    "token", [FORGED, "short", "%00" * 40, "x" * 500], ids=["forged", "short", "nul", "long"]
)
def test_a_forged_token_is_not_found(token, first_email):
    mail_client = Client(enforce_csrf_checks=True)
    assert mail_client.post(f"/subscriptions/unsubscribe/{token}/").status_code == 404
    assert mail_client.get(f"/subscriptions/unsubscribe/{token}/").status_code == 404
    assert mail_client.get(f"/subscriptions/manage/{token}/").status_code == 404
    assert Subscription.objects.count() == 1


def test_the_manage_page_lists_the_addresss_subscriptions_and_removes_one(
    client, subscribed, subscribe, published, woscan, mailoutbox
):
    subscribed("reader@example.com", pathway=published.pathway)
    subscribed("reader@example.com", network=woscan)
    subscribe("reader@example.com")  # not yet confirmed
    subscribed("someone-else@example.com", network=woscan)
    reader = Subscriber.objects.get(email="reader@example.com")
    manage = f"/subscriptions/manage/{reader.token}/"

    response = client.get(manage)
    assert response.status_code == 200
    text = page(response)
    assert "reader@example.com" in text and "someone-else" not in text
    assert "Ovarian cancer</a> changes" in text
    assert "any pathway from West of Scotland Cancer Network</a> changes" in text
    assert "Waiting for you to confirm" in text
    assert "no-store" in response["Cache-Control"]
    assert '<meta name="robots" content="noindex">' in text

    network = reader.subscriptions.get(network=woscan)
    removed = client.post(f"{manage}remove/", {"subscription": network.pk}, follow=True)
    assert "You will no longer get emails about any pathway from West of Scotland" in page(removed)
    assert not reader.subscriptions.filter(network=woscan).exists()
    assert reader.subscriptions.count() == 2

    # Another address's subscription is not this token's to remove.
    theirs = Subscription.objects.get(subscriber__email="someone-else@example.com")
    for forged in [theirs.pk, "x", "", "9" * 40]:
        client.post(f"{manage}remove/", {"subscription": forged})
    assert Subscription.objects.filter(pk=theirs.pk).exists()
    assert reader.subscriptions.count() == 2


def test_removing_needs_the_token_and_a_post(client, first_email):
    subscription = Subscription.objects.get()
    forged = client.post(
        f"/subscriptions/manage/{FORGED}/remove/", {"subscription": subscription.pk}
    )
    assert forged.status_code == 404
    token = Subscriber.objects.get().token
    assert client.get(f"/subscriptions/manage/{token}/remove/").status_code == 405
    assert Subscription.objects.filter(pk=subscription.pk).exists()


def test_removing_from_the_manage_page_is_csrf_protected(first_email):
    browser = Client(enforce_csrf_checks=True)
    token = Subscriber.objects.get().token
    subscription = Subscription.objects.get()
    response = browser.post(
        f"/subscriptions/manage/{token}/remove/", {"subscription": subscription.pk}
    )
    assert response.status_code == 403
    assert Subscription.objects.filter(pk=subscription.pk).exists()
