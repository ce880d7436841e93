"""`send_pending_notifications`: one e-mail per subscriber per event however often it runs;
a failed send stays queued and a later run sends it once; batches; and, on real connections,
two runs at once neither wait for nor repeat each other."""

import threading
from smtplib import SMTPServerDisconnected

import pytest
from django.core import mail
from django.core.mail.backends import locmem
from django.db import connections, transaction
from django.utils import timezone

from subscriptions import outbox
from subscriptions.models import Delivery, FannedOutEvent, Subscriber, Subscription
from tests.lifecycle import BODY, publish_change, publish_pathway
from tests.subscriptions.helpers import later, send

pytestmark = pytest.mark.django_db

NEW_BODY = BODY + "\n## Follow-up\n\nSee each patient at 3 months.\n"


def confirmed_readers(count, **scope):
    """Subscribers made directly, for tests about the queue rather than the pages."""
    for number in range(count):
        subscriber = Subscriber.objects.create(email=f"reader{number}@example.com")
        Subscription.objects.create(subscriber=subscriber, confirmed_at=timezone.now(), **scope)


def failing_once(monkeypatch):
    """From now on, the mail server drops the connection on the first message, then recovers;
    returns each call's messages."""
    real = locmem.EmailBackend.send_messages
    calls = []

    def send_messages(self, messages):
        calls.append(messages)
        if len(calls) == 1:
            raise SMTPServerDisconnected("Connection unexpectedly closed")
        return real(self, messages)

    monkeypatch.setattr(locmem.EmailBackend, "send_messages", send_messages)
    return calls


def test_running_twice_sends_once(subscribed, published, team, mailoutbox):
    subscribed("reader@example.com", pathway=published.pathway)
    publish_change(published, **team, body=NEW_BODY)
    assert "Events fanned out: 1; e-mails queued: 1; sent: 1 in 1 batch;" in send()
    assert "Events fanned out: 0; e-mails queued: 0; sent: 0 in 0 batches;" in send()
    assert len(mailoutbox) == 1
    delivery = Delivery.objects.get()
    assert delivery.sent_at is not None and delivery.attempts == 1


def test_fanning_out_again_queues_nothing_twice(published, team):
    confirmed_readers(3)
    publish_change(published, **team, body=NEW_BODY)
    report = outbox.Report()
    outbox.fan_out(100, report)
    FannedOutEvent.objects.all().delete()  # as if a run had died before recording it
    outbox.fan_out(100, report)
    assert report.events == 2 and Delivery.objects.count() == 3


def test_a_failed_send_stays_queued_and_the_next_run_sends_it_once(
    subscribed, published, team, mailoutbox, monkeypatch
):
    subscribed("reader@example.com", pathway=published.pathway)
    publish_change(published, **team, body=NEW_BODY)
    failing_once(monkeypatch)
    assert "failed: 1 (0 for the last time, the rest to retry)" in send()
    assert mailoutbox == []
    delivery = Delivery.objects.get()
    assert delivery.sent_at is None and delivery.attempts == 1
    assert delivery.last_error == "SMTPServerDisconnected: Connection unexpectedly closed"

    send()
    send()
    assert [message.to for message in mailoutbox] == [["reader@example.com"]]
    delivery.refresh_from_db()
    assert delivery.sent_at is not None and delivery.attempts == 2


def test_a_failure_is_tried_once_per_run_and_the_others_in_its_batch_are_sent(
    published, team, mailoutbox, monkeypatch
):
    confirmed_readers(3)
    publish_change(published, **team, body=NEW_BODY)
    calls = failing_once(monkeypatch)
    send(batch_size=2)
    assert len(calls) == 3  # tried once, not again within the same run
    assert len(mailoutbox) == 2
    send()
    assert sorted(message.to[0] for message in mailoutbox) == [
        "reader0@example.com",
        "reader1@example.com",
        "reader2@example.com",
    ]


def test_a_failure_that_persists_backs_off_then_is_given_up(
    subscribed, published, team, mailoutbox, monkeypatch
):
    subscribed("reader@example.com", pathway=published.pathway)
    publish_change(published, **team, body=NEW_BODY)

    def refused(self, messages):
        raise SMTPServerDisconnected("down")

    monkeypatch.setattr(locmem.EmailBackend, "send_messages", refused)
    for attempt in range(1, outbox.MAX_ATTEMPTS + 1):
        send()
        assert Delivery.objects.get().attempts == attempt
        if attempt > outbox.IMMEDIATE_RETRIES:
            later(monkeypatch, minutes=10)
            send()  # too soon: it waits at least 15 minutes now
            assert Delivery.objects.get().attempts == attempt
        later(monkeypatch, hours=12, minutes=1)
    send()
    delivery = Delivery.objects.get()
    assert delivery.attempts == outbox.MAX_ATTEMPTS and delivery.sent_at is None
    assert mailoutbox == []


def test_batches_send_everything_once(published, team, mailoutbox):
    confirmed_readers(5)
    publish_change(published, **team, body=NEW_BODY)
    assert "sent: 5 in 3 batches" in send(batch_size=2)
    assert sorted(message.to[0] for message in mailoutbox) == [
        f"reader{number}@example.com" for number in range(5)
    ]
    send(batch_size=2)
    assert len(mailoutbox) == 5


def test_events_fan_out_in_batches_too(published, team, woscan, mailoutbox):
    confirmed_readers(1)
    for title in ["Lung cancer", "Breast cancer", "Bowel cancer"]:
        publish_pathway(team, woscan, title)
    assert "Events fanned out: 3; e-mails queued: 3;" in send(batch_size=2)
    assert len(mailoutbox) == 3


def test_an_address_unsubscribed_after_queueing_is_not_sent(published, team, mailoutbox):
    confirmed_readers(2)
    publish_change(published, **team, body=NEW_BODY)
    outbox.fan_out(100, outbox.Report())
    Subscriber.objects.get(email="reader0@example.com").subscriptions.all().delete()
    assert "no longer wanted: 1" in send()
    assert [message.to for message in mailoutbox] == [["reader1@example.com"]]


def test_unconfirmed_subscriptions_are_forgotten_once_their_link_expires(
    subscribe, published, monkeypatch
):
    subscribe("typed-by-someone-else@example.com", pathway=published.pathway)
    confirmed_readers(1)
    send()
    assert Subscriber.objects.count() == 2
    later(monkeypatch, days=8)
    send()
    assert list(Subscriber.objects.values_list("email", flat=True)) == ["reader0@example.com"]


@pytest.mark.django_db(transaction=True)
class TestConcurrentRuns:
    """On real connections, committed, as cron's overlapping runs would be."""

    @pytest.fixture(autouse=True)
    def _reference(self, reference_data):
        """Transactional tests commit, so the boards and cancer types must be put back."""

    def test_a_run_skips_what_another_run_holds_and_a_later_run_sends_it(
        self, published, team, mailoutbox
    ):
        confirmed_readers(3)
        publish_change(published, **team, body=NEW_BODY)
        outbox.fan_out(100, outbox.Report())
        mailoutbox.clear()  # the team's own e-mails about the publication
        held = Delivery.objects.order_by("id").first()
        locked, release = threading.Event(), threading.Event()

        def other_run():
            try:
                with transaction.atomic():
                    Delivery.objects.select_for_update().get(pk=held.pk)
                    locked.set()
                    release.wait(10)
            finally:
                connections.close_all()

        thread = threading.Thread(target=other_run)
        thread.start()
        assert locked.wait(10)
        try:
            send()  # does not wait for the other run's lock
            assert len(mailoutbox) == 2
            assert held.subscriber.email not in {message.to[0] for message in mailoutbox}
        finally:
            release.set()
            thread.join(10)
        send()
        assert sorted(message.to[0] for message in mailoutbox) == [
            f"reader{number}@example.com" for number in range(3)
        ]

    def test_two_runs_at_once_send_each_email_once(self, published, team):
        confirmed_readers(12)
        publish_change(published, **team, body=NEW_BODY)
        mail.outbox = []
        errors = []

        def run():
            try:
                send(batch_size=2)
            except Exception as error:  # reported below
                errors.append(error)
            finally:
                connections.close_all()

        threads = [threading.Thread(target=run) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(30)
        assert not errors
        sent = sorted(message.to[0] for message in mail.outbox)
        assert sent == sorted(f"reader{number}@example.com" for number in range(12))
        assert Delivery.objects.filter(sent_at__isnull=False).count() == 12
        assert FannedOutEvent.objects.count() == 1
