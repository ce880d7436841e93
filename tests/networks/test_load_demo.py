import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.utils import timezone

from networks import demo as network_demo
from networks.life import life_of
from networks.models import (
    AnnualReport,
    Appointment,
    Network,
    NetworkEvent,
    NetworkRole,
    Objective,
    Proposal,
    SteeringGroupMember,
)
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
        # The networks' governance and annual cycle: made once, never rewritten.
        "cycle": [
            list(model.objects.order_by("pk").values_list(*fields))
            for model, fields in [
                (Appointment, ["network__slug", "post", "name", "starts_on", "ends_on"]),
                (SteeringGroupMember, ["network__slug", "name", "role", "position"]),
                (Objective, ["network__slug", "title", "status", "updated_at"]),
                (AnnualReport, ["network__slug", "year", "status", "due_on", "updated_at"]),
                (Proposal, ["area", "decision", "decided_on", "network__slug"]),
                (NetworkEvent, ["action", "created_at"]),
            ]
        ],
        "cycle_history_rows": (AnnualReport.history.count(), Objective.history.count()),
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


def test_demo_networks_have_a_host_terms_with_history_and_a_steering_group(settings):
    settings.DEBUG = True
    call_command("load_demo", stdout=open("/dev/null", "w"))
    today = timezone.localdate()
    in_the_cycle = Network.objects.filter(kind__in=["regional", "national_mcn", "other_national"])
    for network in in_the_cycle.active():
        assert network.host_board is not None, network.slug
        assert 5 <= network.steering_group.count() <= 9, network.slug
        assert network.network_manager, network.slug
    ended = Appointment.objects.filter(ends_on__lt=today, network__status="established")
    assert ended.values("network").distinct().count() >= 3  # terms show their history
    without_lead = in_the_cycle.active().exclude(
        appointments__in=Appointment.objects.current(today).filter(post="lead_clinician")
    )
    assert [network.slug for network in without_lead] == ["mesothelioma"]
    statuses = dict(Network.objects.values_list("slug", "status"))
    assert statuses["cancer-genetics"] == "retired"
    assert statuses["teenage-young-adult"] == "merged"
    assert statuses["germ-cell-tumours"] == "proposed"
    # Each ended network was established first: its history keeps both stages, with dates.
    for slug, founded, ended in [
        ("cancer-genetics", "2008-10-01", "retired"),
        ("teenage-young-adult", "2012-04-01", "merged"),
    ]:
        stages = life_of(Network.objects.get(slug=slug))
        assert [(stage.status, str(stage.since)) for stage in stages][0] == ("established", founded)
        assert [stage.status for stage in stages] == ["established", ended]


def test_demo_has_a_network_manager_login_for_regional_and_national_networks(settings):
    settings.DEBUG = True
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    managers = NetworkRole.objects.filter(role=NetworkRole.Role.MANAGER)
    kinds = set(managers.values_list("network__kind", flat=True))
    assert {Network.Kind.REGIONAL, Network.Kind.NATIONAL_MCN} <= kinds
    assert "nca-manager" in out.getvalue() and "network manager of nca" in out.getvalue()
    nca_manager = get_user_model().objects.get(username="nca-manager")
    assert nca_manager.check_password(network_demo.DEMO_PASSWORD)
    # The registry's manager term is the same person's.
    assert Appointment.objects.get(network__slug="nca", post="manager", ends_on=None).user == (
        nca_manager
    )


def test_demo_annual_cycle_tells_a_story_that_stays_true_whenever_it_is_loaded(settings):
    settings.DEBUG = True
    call_command("load_demo", stdout=open("/dev/null", "w"))
    today, now = timezone.localdate(), timezone.now()
    reports = AnnualReport.objects
    assert [r.network.slug for r in reports.overdue(today)] == ["sarcoma"]
    assert {r.network.slug for r in reports.due_within(30, today)} == {"nca", "neuro-oncology"}
    returned = reports.get(status=AnnualReport.Status.RETURNED)
    assert returned.comments and returned.network.slug == "nca"
    assert reports.filter(status=AnnualReport.Status.SUBMITTED).count() == 1
    accepted = list(reports.accepted())
    assert len(accepted) >= 14
    for report in accepted:
        assert report.missing_sections() == [], report
        assert report.submitted_at < report.accepted_at < now
    latest = max(report.year for report in accepted)
    assert reports.accepted().filter(year=latest - 1).count() == 9  # every network in the cycle

    scan = reports.get(network__slug="scan", year=latest)
    assert list(scan.events.values_list("action", flat=True)) == [
        "report_opened",
        "report_submitted",
        "report_returned",
        "report_resubmitted",
        "report_accepted",
    ]
    assert scan.events.get(action="report_returned").note == scan.comments

    objectives = Objective.objects.filter(year=today.year)
    counts = {status: objectives.filter(status=status).count() for status in Objective.Status}
    assert counts["at_risk"] >= 3 and counts["off_track"] >= 1 and counts["done"] >= 3
    for network in objectives.values("network").distinct():
        assert 3 <= objectives.filter(network=network["network"]).count() <= 6
    assert (
        not Objective.objects.exclude(status="on_track")
        .exclude(events__action="objective_updated")
        .exists()
    )

    awaiting = Proposal.objects.filter(decision__in=Proposal.AWAITING)
    assert set(awaiting.values_list("decision", flat=True)) == {"pending", "deferred"}
    approved = Proposal.objects.get(decision="approved")
    assert approved.network.status == Network.Status.PROPOSED
    assert approved.network.status_since == approved.decided_on

    assert not NetworkEvent.objects.filter(created_at__gt=now).exists()
    assert not NetworkEvent.objects.filter(actor=None).exists()
