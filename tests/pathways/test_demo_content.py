"""The demo content tells a history that holds together, and says on every page that it is a
demonstration, only ever with DEBUG on."""

import csv
import io
import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from networks import demo as network_demo
from networks.models import Network, NetworkRole
from pathways import demo as pathway_demo
from pathways.models import Event, Pathway, PathwayVersion, Review, default_next_review
from scn_portal.context_processors import demo_content

pytestmark = pytest.mark.django_db

BANNER = "Demonstration content: not clinical guidance"
REPLACEMENT = "diffuse-large-b-cell-lymphoma"  # published the day lymphoma was withdrawn


@pytest.fixture(autouse=True)
def forget_whether_the_demo_is_loaded():
    """The answer is kept per process; each test's database starts afresh."""
    network_demo.is_loaded.cache_clear()
    yield
    network_demo.is_loaded.cache_clear()


@pytest.fixture
def demo(settings):
    settings.DEBUG = True  # load_demo refuses otherwise
    call_command("load_demo", stdout=io.StringIO())


def _local_day(moment):
    return timezone.localtime(moment).date()


def _published():
    return PathwayVersion.objects.published().select_related("pathway")


def test_first_versions_were_published_in_2023_and_later_versions_since(demo):
    firsts = {v.pathway.slug: v for v in _published().filter(major=1, minor=0)}
    replacement = firsts.pop(REPLACEMENT)
    assert len(firsts) >= 8
    assert {_local_day(v.published_at).year for v in firsts.values()} == {2023}
    lymphoma = Pathway.objects.get(slug="lymphoma")
    assert _local_day(replacement.published_at) == _local_day(lymphoma.withdrawn_at)

    ovarian = {
        v.number: _local_day(v.published_at)
        for v in _published().filter(pathway__slug="ovarian-cancer")
    }
    assert (ovarian["1.0"].year, ovarian["1.0"].month) == (2023, 3)
    assert ovarian["1.1"].year == 2024
    assert ovarian["2.0"].year == 2025

    for pathway in Pathway.objects.all():
        dates = [
            v.published_at for v in _published().filter(pathway=pathway).order_by("major", "minor")
        ]
        assert dates == sorted(dates), pathway.slug
    assert _published().filter(published_at__year__gte=2024).exclude(major=1, minor=0).count() >= 6


def test_nothing_is_dated_after_today_but_the_scheduled_prostate_version(demo):
    now = timezone.now()
    assert not Event.objects.filter(created_at__gt=now).exists()
    assert not Review.objects.filter(created_at__gt=now).exists()
    assert not Pathway.objects.filter(created_at__gt=now).exists()
    assert not Pathway.objects.filter(withdrawn_at__gt=now).exists()
    assert not PathwayVersion.objects.filter(created_at__gt=now).exists()
    assert not PathwayVersion.objects.filter(updated_at__gt=now).exists()
    assert not PathwayVersion.objects.filter(submitted_at__gt=now).exists()
    assert not PathwayVersion.objects.filter(published_at__gt=now).exists()
    assert not PathwayVersion.history.filter(history_date__gt=now).exists()
    scheduled = _published().filter(effective_from__gt=now)
    assert [(v.pathway.slug, v.number) for v in scheduled] == [("prostate-cancer", "2.0")]
    assert _local_day(scheduled.get().effective_from) == timezone.localdate() + timedelta(days=21)
    # The registry and the accounts were set up before the first pathway was drafted.
    first_event = Event.objects.order_by("created_at").first().created_at
    assert get_user_model().objects.filter(date_joined__gte=first_event).count() == 0
    assert Network.history.filter(history_date__gte=first_event).count() == 0
    assert NetworkRole.history.filter(history_date__gte=first_event).count() == 0


def test_each_version_agrees_with_its_timeline(demo):
    for version in PathwayVersion.objects.select_related("pathway"):
        events = list(version.events.all())
        created = events[0]
        assert created.action == Event.Action.CREATED
        assert abs(version.created_at - created.created_at) < timedelta(seconds=5)
        if version.status != PathwayVersion.Status.PUBLISHED:
            continue
        published = next(e for e in events if e.action == Event.Action.PUBLISHED)
        assert abs(version.published_at - published.created_at) < timedelta(seconds=5)
        assert version.next_review_on == default_next_review(_local_day(version.effective_from))
        if not version.is_scheduled:
            assert version.effective_from == version.published_at
    for pathway in Pathway.objects.all():
        versions = list(_published().filter(pathway=pathway).order_by("major", "minor"))
        assert pathway.first_published_at == versions[0].effective_from
        assert pathway.created_at <= versions[0].created_at
        for earlier, later in zip(versions, versions[1:]):
            assert earlier.superseded_at == later.effective_from
        assert versions[-1].superseded_at == pathway.withdrawn_at  # None unless withdrawn


def test_every_timeline_is_in_date_order(demo):
    for pathway in Pathway.objects.all():
        in_order_made = list(pathway.events.order_by("id").values_list("created_at", flat=True))
        assert in_order_made == sorted(in_order_made), pathway.slug
    for version in PathwayVersion.objects.all():
        actions = [e.action for e in version.events.all()]
        assert actions[:2] == [Event.Action.CREATED, Event.Action.SAVED]
        if Event.Action.PUBLISHED in actions:
            assert actions.index(Event.Action.SUBMITTED) < actions.index(Event.Action.APPROVED)
            after = actions[actions.index(Event.Action.PUBLISHED) + 1 :]
            assert after in ([], [Event.Action.WITHDRAWN])


def _oversight_list(client, name):
    response = client.get(reverse("workspace:oversight_export", args=[name]))
    return [row["Pathway"] for row in csv.DictReader(io.StringIO(response.content.decode()))]


def test_the_oversight_page_lists_a_review_overdue_and_one_due_within_90_days(demo, client):
    client.force_login(get_user_model().objects.get(username="programme"))
    overdue, due_soon = _oversight_list(client, "overdue"), _oversight_list(client, "due-soon")
    assert "Cervical cancer" in overdue  # 1.0 from June 2023; 2.0 is in review
    assert "Melanoma" in due_soon
    assert "Melanoma" not in overdue and "Cervical cancer" not in due_soon
    assert _oversight_list(client, "waiting") == ["Cervical cancer"]
    assert _oversight_list(client, "scheduled") == ["Prostate cancer"]

    cervical = client.get(reverse("pathways:detail", args=["cervical-cancer"])).content.decode()
    assert "Review overdue" in cervical
    melanoma = client.get(reverse("pathways:detail", args=["melanoma"])).content.decode()
    assert "Review overdue" not in melanoma


def test_the_withdrawal_reason_names_a_pathway_that_search_finds(demo, client):
    reason = Pathway.objects.get(slug="lymphoma").withdrawal_reason
    assert not re.search(r"https?:|/|<|\]\(", reason), "a plain sentence, no link"
    named = [p for p in Pathway.objects.exclude(slug="lymphoma") if p.title in reason]
    assert [p.slug for p in named] == [REPLACEMENT]
    assert named[0].current_version() is not None and not named[0].is_withdrawn

    results = client.get(reverse("search"), {"q": named[0].title}).content.decode()
    assert named[0].get_absolute_url() in results


def test_loading_the_demo_twice_keeps_its_dates(demo):
    def dates():
        return list(
            PathwayVersion.objects.order_by("pk").values_list(
                "created_at", "published_at", "effective_from", "superseded_at", "next_review_on"
            )
        )

    first = dates()
    call_command("load_demo", stdout=io.StringIO())
    assert dates() == first


def test_as_of_moves_the_clock_for_services_and_field_defaults_then_puts_it_back():
    moment = pathway_demo.at(pathway_demo.OPENED, 9)
    real_now = timezone.now
    with pathway_demo.as_of(moment):
        assert abs(timezone.now() - moment) < timedelta(seconds=1)
        assert timezone.localdate() == pathway_demo.OPENED
        assert abs(Event._meta.get_field("created_at").get_default() - moment) < timedelta(
            seconds=1
        )
        with pytest.raises(RuntimeError):
            with pathway_demo.as_of(moment):
                pass
    assert timezone.now is real_now
    assert abs(Event._meta.get_field("created_at").get_default() - real_now()) < timedelta(
        seconds=1
    )


PAGES = {
    "home": "/",
    "pathway": "/pathways/ovarian-cancer/",
    "withdrawn pathway": "/pathways/lymphoma/",
    "search": "/search/?q=staging",
    "networks": "/networks/",
    "sign in": "/accounts/login/",
}


def test_every_page_says_it_is_demonstration_content_while_the_demo_is_loaded(demo, client):
    for name, path in PAGES.items():
        assert BANNER in client.get(path).content.decode(), name
    client.force_login(get_user_model().objects.get(username="programme"))
    for name in ["workspace:dashboard", "workspace:oversight", "workspace:activity"]:
        assert BANNER in client.get(reverse(name)).content.decode(), name


def test_the_banner_never_shows_with_debug_off_even_with_the_demo_loaded(demo, client, settings):
    settings.DEBUG = False
    for name, path in PAGES.items():
        assert BANNER not in client.get(path).content.decode(), name
    client.force_login(get_user_model().objects.get(username="programme"))
    assert BANNER not in client.get(reverse("workspace:oversight")).content.decode()


def test_asking_whether_to_show_the_banner_costs_no_query_with_debug_off(
    demo, settings, django_assert_num_queries
):
    settings.DEBUG = False
    with django_assert_num_queries(0):
        assert demo_content(RequestFactory().get("/")) == {"demo_content": False}


def test_the_banner_is_not_shown_without_the_demo_content(client, settings, published):
    settings.DEBUG = True
    assert BANNER not in client.get("/pathways/ovarian-cancer/").content.decode()


def test_whether_the_demo_is_loaded_is_asked_once_per_process(
    demo, settings, django_assert_num_queries
):
    request = RequestFactory().get("/")
    assert demo_content(request) == {"demo_content": True}
    with django_assert_num_queries(0):
        assert demo_content(request) == {"demo_content": True}
