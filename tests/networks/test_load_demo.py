import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from networks.models import Network, NetworkRole
from pathways.models import Event, Pathway, PathwayVersion

pytestmark = pytest.mark.django_db


def _snapshot():
    User = get_user_model()
    return {
        "networks": list(
            Network.objects.order_by("slug").values_list("slug", "name", "kind", "status")
        ),
        "boards": sorted(
            Network.member_boards.through.objects.values_list("network__slug", "healthboard__slug")
        ),
        "roles": sorted(NetworkRole.objects.values_list("user__username", "network__slug", "role")),
        "users": sorted(User.objects.values_list("username", "is_staff", "password")),
        "history_rows": (Network.history.count(), NetworkRole.history.count()),
        "versions": list(
            PathwayVersion.objects.order_by("pk").values_list(
                "pathway__slug", "major", "minor", "status", "content_hash"
            )
        ),
        "events": Event.objects.count(),
    }


def test_load_demo_twice_gives_the_same_data(settings):
    settings.DEBUG = True
    call_command("load_demo", stdout=open("/dev/null", "w"))
    first = _snapshot()
    call_command("load_demo", stdout=open("/dev/null", "w"))
    assert _snapshot() == first


def test_demo_has_the_three_regional_networks_five_national_ones_and_every_persona(settings):
    settings.DEBUG = True
    call_command("load_demo", stdout=open("/dev/null", "w"))
    short_names = set(Network.objects.values_list("short_name", flat=True))
    assert {"NCA", "SCAN", "WoSCAN"} <= short_names
    assert Network.objects.filter(kind=Network.Kind.NATIONAL_MCN).count() >= 5
    roles = set(NetworkRole.objects.values_list("user__username", "network__slug", "role"))
    assert {
        ("lead", "woscan", "lead"),
        ("author", "woscan", "author"),
        ("reviewer1", "woscan", "reviewer"),
        ("reviewer2", "woscan", "reviewer"),
        ("nca-reviewer", "nca", "reviewer"),
    } <= roles
    assert get_user_model().objects.get(username="programme").is_staff


def test_load_demo_is_refused_unless_debug_is_on(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="only when DEBUG is on"):
        call_command("load_demo")
    assert not get_user_model().objects.filter(username="author").exists()


def test_demo_pathways_cover_every_state_a_reader_or_reviewer_meets(settings):
    settings.DEBUG = True
    call_command("load_demo", stdout=open("/dev/null", "w"))
    assert Pathway.objects.count() >= 8
    versions = PathwayVersion.objects.values_list("pathway__slug", "major", "minor", "status")
    published = {
        (slug, major, minor) for slug, major, minor, status in versions if status == "published"
    }
    assert {
        ("ovarian-cancer", 1, 0),
        ("ovarian-cancer", 1, 1),
        ("ovarian-cancer", 2, 0),
    } <= published
    open_states = {status for *_, status in versions}
    assert {"draft", "in_review", "changes_requested"} <= open_states
    cervical = PathwayVersion.objects.get(pathway__slug="cervical-cancer", status="in_review")
    assert cervical.reviews.filter(decision="approve").count() == 1
    assert PathwayVersion.objects.get(pathway__slug="prostate-cancer", major=2).is_scheduled
    assert Pathway.objects.get(slug="lymphoma").is_withdrawn
    body = PathwayVersion.objects.get(pathway__slug="ovarian-cancer", major=2).body
    for section in [
        "Referral and diagnosis",
        "Staging",
        "Multidisciplinary team (MDT) decisions",
        "Surgery",
        "Systemic anti-cancer therapy (SACT)",
        "Radiotherapy",
        "Follow-up",
        "Supportive care",
    ]:
        assert f"## {section}" in body
