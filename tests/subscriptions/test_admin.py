"""The programme team sees subscriptions and deliveries in the admin, read-only, and never an
address's token (which would let its holder change what the address gets)."""

import pytest
from django.urls import reverse

from subscriptions.models import Delivery, Subscriber, Subscription
from tests.lifecycle import BODY, publish_change
from tests.subscriptions.helpers import send

pytestmark = pytest.mark.django_db

MODELS = ["subscriber", "subscription", "delivery", "fannedoutevent"]


@pytest.fixture
def sent(subscribed, published, team):
    subscribed("reader@example.com", pathway=published.pathway)
    publish_change(published, **team, body=BODY + "\nMore.\n")
    send()


def test_the_programme_team_reads_every_list_and_record(client, programme_team, sent):
    client.force_login(programme_team)
    for model in MODELS:
        response = client.get(reverse(f"admin:subscriptions_{model}_changelist"))
        assert response.status_code == 200, model
    subscriber = Subscriber.objects.get()
    records = [
        ("subscriber", subscriber.pk),
        ("subscription", Subscription.objects.get().pk),
        ("delivery", Delivery.objects.get().pk),
    ]
    for model, pk in records:
        page = client.get(reverse(f"admin:subscriptions_{model}_change", args=[pk]))
        assert page.status_code == 200, model
        assert subscriber.token not in page.content.decode()


def test_nothing_can_be_changed_there(client, programme_team, sent):
    client.force_login(programme_team)
    subscription = Subscription.objects.get()
    url = reverse("admin:subscriptions_subscription_change", args=[subscription.pk])
    assert client.post(url, {"confirmed_at": ""}).status_code == 403
    delete = reverse("admin:subscriptions_subscription_delete", args=[subscription.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert client.get(reverse("admin:subscriptions_subscriber_add")).status_code == 403
    assert Subscription.objects.get().is_confirmed
