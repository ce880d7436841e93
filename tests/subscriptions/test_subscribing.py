"""Subscribing without an account: double opt-in, a page that never says what an address is
already subscribed to, and bad input refused with a message, saving nothing."""

import time

import pytest
from django.core import signing
from django.template.loader import render_to_string

from pathways import services
from subscriptions.models import Subscriber, Subscription
from tests.lifecycle import publish_change
from tests.subscriptions.helpers import (
    BASE,
    NEW,
    confirm_path,
    send,
    unsubscribe_path,
    without_csrf_token,
)

pytestmark = pytest.mark.django_db

READER = "Reader@Example.COM"


def page(response):
    return response.content.decode()


# --- The link on public pages ---------------------------------------------------------------


def test_the_include_links_each_page_to_the_form_for_what_it_shows(client, published, woscan):
    pathway = published.pathway
    links = {
        "pathway": render_to_string("subscriptions/subscribe_link.html", {"pathway": pathway}),
        "network": render_to_string("subscriptions/subscribe_link.html", {"network": woscan}),
        "home": render_to_string("subscriptions/subscribe_link.html", {}),
    }
    assert f'href="{NEW}?pathway=ovarian-cancer"' in links["pathway"]
    assert f'href="{NEW}?network=woscan"' in links["network"]
    assert f'href="{NEW}"' in links["home"]
    form = page(client.get(f"{NEW}?pathway=ovarian-cancer"))
    assert "Get emails when Ovarian cancer changes" in form
    assert 'name="pathway" value="ovarian-cancer"' in form
    assert "Get emails when any pathway from West of Scotland Cancer Network changes" in page(
        client.get(f"{NEW}?network=woscan")
    )
    assert "Get emails when any pathway changes" in page(client.get(NEW))


def test_a_withdrawn_pathway_offers_no_link(published, lead):
    pathway = services.withdraw(actor=lead, pathway=published.pathway, reason="Superseded.")
    assert "href" not in render_to_string("subscriptions/subscribe_link.html", {"pathway": pathway})


# --- Double opt-in --------------------------------------------------------------------------


def test_nothing_is_sent_about_changes_until_the_address_is_confirmed(
    client, subscribe, published, team, mailoutbox
):
    response = subscribe(READER, pathway=published.pathway)
    assert response.status_code == 200
    assert "Check your email" in page(response)
    [confirmation] = mailoutbox
    assert confirmation.to == ["Reader@example.com"]  # the domain lower-cased, nothing else
    assert confirmation.subject == "[SCN Pathways] Confirm your email subscription"
    assert "when Ovarian cancer changes" in confirmation.body
    mailoutbox.clear()

    publish_change(published, **team, body="## Referral\n\nRefer within 2 weeks.\n")
    send()
    assert mailoutbox == []
    assert not Subscription.objects.get().is_confirmed


def test_the_link_asks_first_then_confirms_and_later_changes_are_sent(
    client, subscribe, published, team, mailoutbox
):
    subscribe(READER, pathway=published.pathway)
    path = confirm_path(mailoutbox.pop())
    # A mail scanner's GET confirms nothing; the page asks.
    asked = client.get(path)
    assert asked.status_code == 200
    assert "Confirm and start emails" in page(asked)
    assert not Subscription.objects.get().is_confirmed

    confirmed = client.post(path)
    assert confirmed.status_code == 200
    assert "You are subscribed" in page(confirmed)
    subscriber = Subscriber.objects.get()
    assert f"/subscriptions/manage/{subscriber.token}/" in page(confirmed)
    assert client.post(path).status_code == 200  # a second press is harmless

    publish_change(published, **team, body="## Referral\n\nRefer within 2 weeks.\n")
    send()
    assert [message.to for message in mailoutbox] == [["Reader@example.com"]]


def test_an_expired_link_is_refused_with_a_clear_message(
    client, subscribe, published, mailoutbox, monkeypatch
):
    eight_days_ago = int(time.time()) - 8 * 24 * 60 * 60
    with monkeypatch.context() as then:
        then.setattr(
            signing.TimestampSigner, "timestamp", lambda self: signing.b62_encode(eight_days_ago)
        )
        subscribe(READER, pathway=published.pathway)
    path = confirm_path(mailoutbox[0])
    for response in (client.get(path), client.post(path)):
        assert response.status_code == 410
        assert "This link has expired" in page(response)
        assert "works for 7 days" in page(response)
    assert not Subscription.objects.get().is_confirmed


@pytest.mark.parametrize(
    "forge",
    [
        lambda path: path.replace("/confirm/", "/confirm/9", 1),  # another subscription
        lambda path: path[:-3] + "xx/",  # a changed signature
        lambda path: "/subscriptions/confirm/1:1tB9Lk:not-a-signature/",
        lambda path: "/subscriptions/confirm/%00/",
        lambda path: "/subscriptions/confirm/" + "a" * 5000 + "/",
    ],
    ids=["other-id", "changed-signature", "made-up", "nul", "long"],
)
def test_a_forged_link_is_refused_never_an_error(client, subscribe, published, mailoutbox, forge):
    subscribe(READER, pathway=published.pathway)
    path = forge(confirm_path(mailoutbox[0]))
    for response in (client.get(path), client.post(path)):
        assert response.status_code == 404
        assert "This link does not work" in page(response)
    assert not Subscription.objects.get().is_confirmed


def test_a_link_to_a_subscription_removed_since_no_longer_works(
    client, subscribe, published, mailoutbox
):
    subscribe(READER, pathway=published.pathway)
    Subscription.objects.all().delete()
    assert client.post(confirm_path(mailoutbox[0])).status_code == 404


# --- What the page says ---------------------------------------------------------------------


def test_asking_again_looks_the_same_whatever_the_address_already_has(
    client, subscribe, published, mailoutbox
):
    first = subscribe(READER, pathway=published.pathway)
    pending_again = subscribe(READER, pathway=published.pathway)
    client.post(confirm_path(mailoutbox[-1]))
    mailoutbox.clear()
    confirmed_again = subscribe(READER, pathway=published.pathway)

    assert first.status_code == pending_again.status_code == confirmed_again.status_code == 200
    assert without_csrf_token(first) == without_csrf_token(pending_again)
    assert without_csrf_token(first) == without_csrf_token(confirmed_again)
    # One e-mail each time; only its reader learns they were already subscribed.
    [message] = mailoutbox
    assert message.subject == "[SCN Pathways] You are already subscribed"
    assert "/subscriptions/confirm/" not in message.body
    assert "/subscriptions/manage/" in message.body
    assert Subscription.objects.count() == 1 and Subscriber.objects.count() == 1


def test_an_address_spelt_differently_is_one_subscriber(subscribe, published, woscan):
    subscribe("  reader@EXAMPLE.com ", pathway=published.pathway)
    subscribe("reader@example.com", network=woscan)
    subscribe("reader@Example.Com")
    subscriber = Subscriber.objects.get()
    assert subscriber.email == "reader@example.com"
    assert subscriber.subscriptions.count() == 3


def test_every_email_to_a_subscriber_carries_one_click_unsubscribe(
    subscribe, published, mailoutbox
):
    subscribe(READER, pathway=published.pathway)
    [message] = mailoutbox
    token = Subscriber.objects.get().token
    assert unsubscribe_path(message) == f"/subscriptions/unsubscribe/{token}/"
    assert message.message()["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert f"{BASE}/subscriptions/manage/{token}/" in message.body


# --- Bad input ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data,message",
    [
        ({"email": "not-an-address"}, "Enter an email address in the correct format"),
        ({"email": ""}, "Enter your email address"),
        (
            {"email": "reader@example.com", "pathway": "no-such-pathway"},
            "There is no published pathway at that address",
        ),
        (
            {"email": "reader@example.com", "pathway": "x\x00y"},
            "There is no published pathway at that address",
        ),
        (
            {"email": "reader@example.com", "network": "nowhere"},
            "There is no network at that address",
        ),
        (
            {"email": "reader@example.com", "pathway": "ovarian-cancer", "network": "woscan"},
            "Choose a pathway or a network, not both",
        ),
    ],
    ids=["invalid", "empty", "unknown-pathway", "nul", "unknown-network", "both"],
)
def test_bad_input_is_refused_with_a_message_and_saves_nothing(
    client, published, mailoutbox, django_capture_on_commit_callbacks, data, message
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(NEW, data)
    assert response.status_code == 400
    assert message in page(response)
    assert "There is a problem" in page(response)
    assert not Subscriber.objects.exists() and not Subscription.objects.exists()
    assert mailoutbox == []


def test_a_link_naming_an_unknown_pathway_says_so(client, draft):
    for query in ["pathway=no-such-pathway", f"pathway={draft.pathway.slug}", "network=nowhere"]:
        response = client.get(f"{NEW}?{query}")
        assert response.status_code == 404
        assert "Nothing to subscribe to here" in page(response)
    # A draft's pathway is no more known here than anywhere else public.
    assert "Ovarian cancer" not in page(client.get(f"{NEW}?pathway={draft.pathway.slug}"))


def test_a_withdrawn_pathway_takes_no_subscriptions(client, subscribe, published, lead):
    services.withdraw(actor=lead, pathway=published.pathway, reason="Superseded.")
    response = subscribe(READER, pathway=published.pathway)
    assert response.status_code == 400
    assert "has been withdrawn: it will not change again" in page(response)
    assert not Subscription.objects.exists()


def test_the_form_works_with_the_csrf_check_a_browser_meets(published):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    form = page(browser.get(f"{NEW}?pathway=ovarian-cancer"))
    token = form.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    response = browser.post(
        NEW,
        {"email": "reader@example.com", "pathway": "ovarian-cancer", "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 200
    assert Subscription.objects.filter(pathway=published.pathway).exists()
    # Forms, not cached public pages: nothing may be kept by a shared cache.
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
