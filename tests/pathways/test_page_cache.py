"""Rendered pages kept in memory (public_site/caching.py): they must make pages cheap and never
show anything that has stopped being true, above all a superseded version as current."""

from datetime import timedelta

import pytest
from django.contrib import messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.db import IntegrityError, connection, transaction
from django.http import HttpRequest, HttpResponse
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from networks.models import Network, Profile
from pathways import services
from pathways.models import Review
from public_site import caching
from public_site import views as public_views
from tests.lifecycle import BODY, publish_change

pytestmark = pytest.mark.django_db

PAGE = "/pathways/ovarian-cancer/"
VERSION_PAGE = "/pathways/ovarian-cancer/versions/1.0/"


def text(client, path=PAGE, **headers):
    response = client.get(path, **headers)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("path, query_count", [(PAGE, 1), (VERSION_PAGE, 1)])
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
    for header in ("ETag", "Cache-Control", "Vary", "Content-Security-Policy"):
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


def test_a_page_rendered_after_an_edit_its_revision_missed_is_not_shown_once_undone(
    client, published, monkeypatch
):
    """The revision is read before the page is rendered, so a kept page may be newer than its
    key; once the edit is undone the revision has moved on, and the edit is not shown again."""
    network = published.pathway.network
    original = network.name
    revision_before_the_edit = caching.public_revision()
    network.name = "Renamed Network"
    network.save()
    with monkeypatch.context() as patched:
        patched.setattr(caching, "public_revision", lambda: revision_before_the_edit)
        assert "Renamed Network" in text(client)
    network.name = original
    network.save()
    assert "Renamed Network" not in text(client)


class TestThePublicRevision:
    """PostgreSQL advances it with any write to what public pages are made from, however made."""

    def test_a_write_through_the_orm_advances_it(self, published):
        before = caching.public_revision()
        published.pathway.network.save()
        assert caching.public_revision() == before + 1

    def test_a_write_in_plain_sql_advances_it(self, published):
        before = caching.public_revision()
        with connection.cursor() as cursor:
            cursor.execute("UPDATE networks_cancertype SET name = name || ' (renamed)'")
        assert caching.public_revision() == before + 1

    def test_reading_advances_nothing(self, client, published):
        before = caching.public_revision()
        text(client), text(client, VERSION_PAGE), client.get("/search/?q=staging")
        assert caching.public_revision() == before


def admin_form(obj, **changes):
    """The admin change form of a board, cancer type or network as its page would post it."""
    data = {field: getattr(obj, field) for field in ("name", "slug")}
    if isinstance(obj, Network):
        data.update(
            short_name=obj.short_name,
            kind=obj.kind,
            status=obj.status,
            contact_email=obj.contact_email,
            major_change_approvals=obj.major_change_approvals,
            minor_change_approvals=obj.minor_change_approvals,
            member_boards=[board.pk for board in obj.member_boards.all()],
            cancer_types=[cancer.pk for cancer in obj.cancer_types.all()],
            **{
                f"{inline}-{count}": 0
                for inline in ("roles", "appointments", "steering_group")
                for count in ("TOTAL_FORMS", "INITIAL_FORMS")
            },
        )
    data.update(changes)
    return data


@pytest.mark.parametrize(
    "model, field, new_value, page",
    [
        ("network", "name", "Renamed Cancer Network", PAGE),
        ("network", "short_name", "RCN", "/"),
        ("network", "name", "Renamed Cancer Network", VERSION_PAGE),
        ("network", "contact_email", "new-address@example.org", PAGE),
        ("network", "description", "Cancer services for the west.", "/networks/woscan/"),
        ("cancertype", "name", "Ovarian and fallopian tube", PAGE),
        ("healthboard", "name", "NHS Renamed Board", "/networks/woscan/"),
    ],
)
def test_every_field_a_public_page_shows_changed_in_the_admin_shows_at_once(
    client, published, programme_team, model, field, new_value, page
):
    """No list of what each page depends on: whatever the admin changes, kept pages follow."""
    network = published.pathway.network
    objects = {
        "network": network,
        "cancertype": published.pathway.cancer_type,
        "healthboard": network.member_boards.first(),
    }
    target = objects[model]
    assert new_value not in text(client, page)  # and the page is now kept
    editor = Client()
    editor.force_login(programme_team)
    app = "networks"
    url = reverse(f"admin:{app}_{model}_change", args=[target.pk])
    response = editor.post(url, admin_form(target, **{field: new_value}))
    assert response.status_code == 302, response.content.decode()[:3000]
    assert new_value in text(client, page)


RECORD_PAGE = "/pathways/ovarian-cancer/versions/1.0/consensus/"


def test_the_record_of_how_a_version_was_agreed_follows_the_people_in_it_at_once(
    client, published, reviewer
):
    """A published version's decisions never change (PostgreSQL refuses it, migration 0015),
    but the record names the people who made them: a reviewer's new name or job shows at
    once, as the triggers of migrations 0011 and 0013 cover the tables it reads them from."""
    assert "Rhona Reid" not in text(client, RECORD_PAGE)  # and the page is now kept
    Profile.objects.create(user=reviewer, job_title="Consultant gynaecological oncologist")
    reviewer.first_name, reviewer.last_name = "Rhona", "Reid"
    reviewer.save()
    page = text(client, RECORD_PAGE)
    assert "by Rhona Reid" in page and "Consultant gynaecological oncologist" in page
    with pytest.raises(IntegrityError, match="is immutable"), transaction.atomic():
        Review.objects.filter(version=published, reviewer=reviewer).update(comment="Changed.")
