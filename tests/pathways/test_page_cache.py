"""Rendered pages kept in memory (pathways/caching.py): they must make pages cheap and never
show anything that has stopped being true, above all a superseded version as current."""

from datetime import timedelta

import pytest
from django.contrib import messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import HttpRequest, HttpResponse
from django.test import Client
from django.utils import timezone

from pathways import public_views, queries, services
from tests.lifecycle import BODY, publish_change, write

pytestmark = pytest.mark.django_db

PAGE = "/pathways/ovarian-cancer/"
VERSION_PAGE = "/pathways/ovarian-cancer/versions/1.0/"


def text(client, path=PAGE, **headers):
    response = client.get(path, **headers)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("path, query_count", [(PAGE, 1), (VERSION_PAGE, 2)])
def test_a_page_read_again_is_served_from_memory_unchanged(
    client, published, path, query_count, monkeypatch, django_assert_num_queries
):
    first = client.get(path)

    def render(*args, **kwargs):
        raise AssertionError("a kept page was rendered again")

    monkeypatch.setattr(public_views, "render", render)
    with django_assert_num_queries(query_count):
        again = client.get(path)
    assert again.content == first.content
    for header in ("ETag", "Last-Modified", "Cache-Control", "Vary", "Content-Security-Policy"):
        assert again[header] == first[header], header


def test_after_a_publication_the_new_version_is_current_at_once(client, published, team):
    assert "1.0 (current)" in text(client)
    assert "This version has been superseded" not in text(client, VERSION_PAGE)
    publish_change(published, body=BODY + "\nRefer within two weeks.\n", **team)
    page = text(client)
    assert "2.0 (current)" in page and "Refer within two weeks." in page
    assert "1.0 (current)" not in page
    assert "This version has been superseded" in text(client, VERSION_PAGE)


def test_a_scheduled_version_replaces_the_kept_page_at_its_moment(
    client, published, team, monkeypatch
):
    in_two_days = timezone.localdate() + timedelta(days=2)
    scheduled = publish_change(
        published, body=BODY + "\nScheduled text.\n", effective_on=in_two_days, **team
    )
    assert "Scheduled text." not in text(client)
    moment = scheduled.effective_from + timedelta(minutes=1)
    monkeypatch.setattr(timezone, "now", lambda: moment)
    monkeypatch.setattr(timezone, "localdate", lambda *args: moment.date())
    page = text(client)
    assert "Scheduled text." in page and "2.0 (current)" in page


def test_withdrawal_replaces_the_kept_pages(client, published, lead):
    text(client), text(client, VERSION_PAGE)
    services.withdraw(actor=lead, pathway=published.pathway, reason="Replaced by a new pathway.")
    assert "This pathway has been withdrawn" in text(client)
    assert "Replaced by a new pathway." in text(client, VERSION_PAGE)


def test_an_overdue_review_shows_on_a_kept_page(client, published, monkeypatch):
    assert "Review overdue" not in text(client)
    later = published.next_review_on + timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda *args: later)
    assert "Review overdue" in text(client)


def test_the_networks_new_details_show_on_a_kept_page(client, published):
    assert "enquiries@woscan.example.org" not in text(client)
    network = published.pathway.network
    network.name, network.contact_email = "West of Scotland Network", "enquiries@woscan.example.org"
    network.save()
    page = text(client)
    assert "West of Scotland Network" in page and "enquiries@woscan.example.org" in page


def test_a_signed_in_reader_never_gets_or_leaves_a_kept_page(client, published, author):
    anonymous_page = text(client)
    signed_in = Client()
    signed_in.force_login(author)
    own_page = text(signed_in)
    assert "Sign out" in own_page and "Sign out" not in anonymous_page
    assert "Sign out" not in text(client)
    assert "Sign out" in text(signed_in)


def test_a_pending_message_is_shown_to_its_reader_and_kept_from_others(client, published):
    text(client)  # the page is now kept
    storage = CookieStorage(HttpRequest())
    storage.add(messages.SUCCESS, "You have signed out.")
    carrier = HttpResponse()
    storage.update(carrier)
    with_message = Client()
    with_message.cookies["messages"] = carrier.cookies["messages"].value
    assert "You have signed out." in text(with_message)
    assert "You have signed out." not in text(Client())


def test_each_host_gets_its_own_permanent_address(published):
    client = Client()
    assert "http://localhost/pathways/ovarian-cancer/versions/1.0/" in text(
        client, HTTP_HOST="localhost"
    )
    assert "http://127.0.0.1/pathways/ovarian-cancer/versions/1.0/" in text(
        client, HTTP_HOST="127.0.0.1"
    )


def test_a_page_rendered_after_an_edit_its_key_missed_is_not_kept(client, published, monkeypatch):
    """The key is read before the page is rendered; an edit in between must not be kept under
    the old key, where it would come back if the edit were ever undone."""
    network = published.pathway.network
    original = network.name
    key_before_the_edit = queries.pathway_state("ovarian-cancer")
    network.name = "Renamed Network"
    network.save()
    with monkeypatch.context() as patched:
        patched.setattr(queries, "pathway_state", lambda slug, at=None: key_before_the_edit)
        assert "Renamed Network" in text(client)
    network.name = original
    network.save()
    assert "Renamed Network" not in text(client)


class TestPathwayState:
    """The hand-written query behind every pathway page agrees with the ORM's "current"."""

    def assert_agrees(self, pathway, at=None):
        state = queries.pathway_state(pathway.slug, at)
        current = pathway.versions.in_effect(at).newest_first().first()
        assert (state and state.version_id) == (current and current.pk)
        if state:
            pathway.refresh_from_db()
            assert state.describes(pathway) and state.number == current.number

    def test_for_a_draft_there_is_none(self, draft):
        assert queries.pathway_state(draft.pathway.slug) is None

    def test_for_an_unknown_address_there_is_none(self, db):
        assert queries.pathway_state("no-such-pathway") is None

    def test_follows_publication_scheduling_and_withdrawal(self, published, team, lead):
        self.assert_agrees(published.pathway)
        newer = publish_change(published, body=BODY + "\nNewer.\n", change_type="minor", **team)
        self.assert_agrees(newer.pathway)
        version = services.start_new_version(actor=team["author"], pathway=newer.pathway)
        version = write(team["author"], version, body=BODY + "\nScheduled.\n")
        version = services.submit(actor=team["author"], version=version, change_type="minor")
        version = services.approve(actor=team["reviewers"][0], version=version)
        scheduled = services.publish(
            actor=lead, version=version, effective_on=timezone.localdate() + timedelta(days=2)
        )
        self.assert_agrees(newer.pathway)
        self.assert_agrees(newer.pathway, at=scheduled.effective_from)
        assert queries.pathway_state(newer.pathway.slug).version_id == newer.pk
        services.withdraw(actor=lead, pathway=newer.pathway, reason="Replaced.")
        self.assert_agrees(newer.pathway)
        assert queries.pathway_state(newer.pathway.slug).withdrawn_at is not None

    def test_no_longer_describes_a_pathway_whose_network_changed(self, published):
        state = queries.pathway_state("ovarian-cancer")
        network = published.pathway.network
        network.contact_email = "new@example.org"
        network.save()
        published.pathway.refresh_from_db()
        assert not state.describes(published.pathway)
