"""What subscribers hear, and who hears it: a publication (what changed, how it was agreed,
what changed since the last version), a withdrawal (the reason), a consultation opening;
for the pathway, its network or everything subscribed to; and never anything about a draft."""

from datetime import timedelta

import pytest
from django.utils import timezone

from networks.models import NetworkRole
from pathways import consultations, services
from tests.factories import give_role
from tests.lifecycle import BODY, publish_change, publish_pathway, write
from tests.subscriptions.helpers import BASE, send, unsubscribe_path

pytestmark = pytest.mark.django_db

NEW_BODY = BODY + "\n## Follow-up\n\nSee each patient at 3 months.\n"


def recipients(mailoutbox):
    return sorted(address for message in mailoutbox for address in message.to)


def test_a_publication_says_what_changed_and_how_it_was_agreed(
    client, subscribed, published, team, mailoutbox
):
    subscribed("reader@example.com", pathway=published.pathway)
    publish_change(published, **team, body=NEW_BODY, note="Added follow-up at 3 months.")
    send()
    [message] = mailoutbox
    assert message.to == ["reader@example.com"]
    assert message.subject == "[SCN Pathways] Ovarian cancer: version 2.0 published"
    assert "West of Scotland Cancer Network has published version 2.0 of Ovarian cancer" in (
        message.body
    )
    assert "Added follow-up at 3 months." in message.body
    consensus = "/pathways/ovarian-cancer/versions/2.0/consensus/"
    compare = "/pathways/ovarian-cancer/compare/?from=1.0&to=2.0"
    assert f"How it was agreed: {BASE}{consensus}" in message.body
    assert f"What changed since version 1.0: {BASE}{compare}" in message.body
    # The links lead to the pages they name.
    assert client.get(consensus).status_code == 200
    assert client.get(compare).status_code == 200
    headers = message.message()
    assert unsubscribe_path(message).startswith("/subscriptions/unsubscribe/")
    assert headers["List-Unsubscribe"].startswith("<https://")
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "/subscriptions/manage/" in message.body


def test_a_first_publication_has_no_comparison(subscribed, draft, woscan, team, mailoutbox):
    subscribed("reader@example.com", network=woscan)
    version = services.submit(actor=team["author"], version=draft, change_type="major")
    for reviewer in team["reviewers"]:
        version = services.approve(actor=reviewer, version=version)
    services.publish(actor=team["lead"], version=version)
    send()
    [message] = mailoutbox
    assert "version 1.0 of Ovarian cancer" in message.body
    assert "first published version" in message.body
    assert "/compare/" not in message.body
    assert f"{BASE}/pathways/ovarian-cancer/versions/1.0/consensus/" in message.body


def test_a_scheduled_publication_is_told_when_published_with_the_day_it_takes_effect(
    subscribed, published, team, mailoutbox
):
    subscribed("reader@example.com", pathway=published.pathway)
    in_a_week = timezone.localdate() + timedelta(days=7)
    publish_change(published, **team, body=NEW_BODY, effective_on=in_a_week)
    send()
    [message] = mailoutbox
    assert f"It takes effect on {in_a_week.day} {in_a_week:%B %Y}" in message.body
    assert "until then version 1.0 stays current" in message.body


def test_a_withdrawal_gives_the_reason(subscribed, published, lead, mailoutbox):
    subscribed("reader@example.com", pathway=published.pathway)
    services.withdraw(
        actor=lead, pathway=published.pathway, reason="Replaced by the national pathway."
    )
    send()
    [message] = mailoutbox
    assert message.subject == "[SCN Pathways] Withdrawn: Ovarian cancer"
    assert "do not use it to guide care" in message.body
    assert "Replaced by the national pathway." in message.body
    assert f"{BASE}/pathways/ovarian-cancer/" in message.body


def test_a_consultation_opening_is_told(subscribed, published, author, lead, mailoutbox):
    subscribed("reader@example.com", pathway=published.pathway)
    draft = services.start_new_version(actor=author, pathway=published.pathway)
    draft = write(author, draft, body=NEW_BODY)
    today = timezone.localdate()
    closes = today + timedelta(days=21)
    consultation = consultations.open_consultation(
        actor=lead, version=draft, opens_on=today, closes_on=closes
    )
    send()
    [message] = mailoutbox
    assert message.subject == "[SCN Pathways] Consultation open: Ovarian cancer"
    assert f"to {closes.day} {closes:%B %Y}" in message.body
    assert f"{BASE}/workspace/consultations/{consultation.pk}/" in message.body


def test_drafts_never_cause_an_email(subscribed, woscan, team, mailoutbox, cancer):
    subscribed("everything@example.com")
    subscribed("network@example.com", network=woscan)
    author, lead = team["author"], team["lead"]
    version = services.create_pathway(
        actor=author, network=woscan, cancer_type=cancer, title="Ovarian cancer"
    )
    version = write(author, version, body=BODY)
    version = services.submit(actor=author, version=version, change_type="major")
    version = services.request_changes(
        actor=team["reviewers"][0], version=version, comment="Say which CT."
    )
    version = write(author, version, body=NEW_BODY)
    version = services.submit(actor=author, version=version, change_type="major")
    for reviewer in team["reviewers"]:
        version = services.approve(actor=reviewer, version=version)
    services.discard(actor=lead, version=version)
    send()
    send()
    assert mailoutbox == []


def test_each_reader_hears_of_what_they_subscribed_to_and_nothing_else(
    subscribed, published, woscan, other_network, team, mailoutbox
):
    ovarian = published.pathway
    subscribed("ovarian@example.com", pathway=ovarian)
    subscribed("woscan@example.com", network=woscan)
    subscribed("sarcoma@example.com", network=other_network)
    subscribed("everything@example.com")

    publish_change(published, **team, body=NEW_BODY)
    send()
    assert recipients(mailoutbox) == [
        "everything@example.com",
        "ovarian@example.com",
        "woscan@example.com",
    ]
    mailoutbox.clear()

    publish_pathway(team, woscan, "Lung cancer")
    send()
    assert recipients(mailoutbox) == ["everything@example.com", "woscan@example.com"]
    mailoutbox.clear()

    # A pathway in another network: none of WoSCAN's subscribers hear of it.
    for person, role in [
        (team["author"], NetworkRole.Role.AUTHOR),
        (team["lead"], NetworkRole.Role.LEAD),
        *[(reviewer, NetworkRole.Role.REVIEWER) for reviewer in team["reviewers"]],
    ]:
        give_role(person, other_network, role)
    publish_pathway(team, other_network, "Soft tissue sarcoma", cancer="sarcoma")
    send()
    assert recipients(mailoutbox) == ["everything@example.com", "sarcoma@example.com"]


def test_one_email_per_event_however_many_subscriptions_match(
    subscribed, published, woscan, team, mailoutbox
):
    subscribed("reader@example.com", pathway=published.pathway)
    subscribed("reader@example.com", network=woscan)
    subscribed("reader@example.com")
    publish_change(published, **team, body=NEW_BODY)
    send()
    assert recipients(mailoutbox) == ["reader@example.com"]


def test_changes_made_before_confirming_are_not_sent(subscribe, client, published, woscan, team,
                                                     mailoutbox):  # fmt: skip
    from tests.subscriptions.helpers import confirm_path

    subscribe("reader@example.com", network=woscan)
    path = confirm_path(mailoutbox.pop())
    publish_change(published, **team, body=NEW_BODY)  # before the link is followed
    client.post(path)
    send()
    assert mailoutbox == []


def test_a_consultation_on_a_pathway_never_published_is_not_told(
    subscribed, woscan, team, mailoutbox, cancer
):
    # Its draft's title is not public: network and everything subscribers hear nothing yet.
    subscribed("everything@example.com")
    subscribed("network@example.com", network=woscan)
    draft = services.create_pathway(
        actor=team["author"], network=woscan, cancer_type=cancer, title="Sarcoma"
    )
    draft = write(team["author"], draft, body=BODY)
    today = timezone.localdate()
    consultations.open_consultation(
        actor=team["lead"], version=draft, opens_on=today, closes_on=today + timedelta(days=21)
    )
    send()
    assert mailoutbox == []
