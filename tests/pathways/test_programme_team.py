"""The programme team's tools: oversight, CSV, activity, admin actions, people, reminders."""

import csv
import io
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, User
from django.contrib.sessions.models import Session
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from networks.models import NetworkRole
from pathways import services
from pathways.models import Event, PathwayVersion, ReviewReminder
from tests.factories import PASSWORD, make_user
from tests.lifecycle import BODY, publish_change, write

pytestmark = pytest.mark.django_db

STAFF_PAGES = [
    reverse("workspace:oversight"),
    reverse("workspace:oversight_export", args=["overdue"]),
    reverse("workspace:activity"),
]


@pytest.fixture
def later(monkeypatch):
    """Move 'today' forward, as cron would see it on a later day."""

    def move(days):
        moved = timezone.localdate() + timedelta(days=days)
        monkeypatch.setattr(timezone, "localdate", lambda *args: moved)
        return moved

    return move


@pytest.mark.parametrize("path", STAFF_PAGES)
def test_only_the_programme_team_sees_oversight_exports_and_activity(
    client, programme_team, lead, path
):
    client.force_login(lead)
    assert client.get(path).status_code == 302  # to the admin sign-in
    client.force_login(programme_team)
    assert client.get(path).status_code == 200


def test_oversight_lists_overdue_due_soon_waiting_and_scheduled(
    client, programme_team, published, author, later
):
    version = services.start_new_version(actor=author, pathway=published.pathway)
    version = write(author, version, body=BODY + "\nMore.\n")
    services.submit(actor=author, version=version, change_type="minor")
    client.force_login(programme_team)
    html = client.get(reverse("workspace:oversight")).content.decode()
    assert "Waiting for review (1)" in html and "Review overdue (0)" in html
    later((published.next_review_on - timezone.localdate()).days - 10)
    html = client.get(reverse("workspace:oversight")).content.decode()
    assert "Review due within 90 days (1)" in html
    later((published.next_review_on - timezone.localdate()).days + 5)
    html = client.get(reverse("workspace:oversight")).content.decode()
    assert "Review overdue (1)" in html
    assert 'href="http://testserver/pathways/ovarian-cancer/">Ovarian cancer</a>' in html


def test_each_list_downloads_as_csv_with_formulas_defused(
    client, programme_team, in_review, author
):
    write(
        author, services.recall(actor=author, version=in_review), body=BODY, title='=HYPERLINK("x")'
    )
    services.submit(
        actor=author, version=PathwayVersion.objects.get(pk=in_review.pk), change_type="major"
    )
    client.force_login(programme_team)
    response = client.get(reverse("workspace:oversight_export", args=["waiting"]))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["Pathway", "Network", "Change", "Submitted", "Days waiting", "Link"]
    assert rows[1][0] == '\'=HYPERLINK("x")' and rows[1][4] == "0"
    assert client.get(reverse("workspace:oversight_export", args=["secrets"])).status_code == 404


def test_recent_activity_says_who_did_what(client, programme_team, published, lead):
    client.force_login(programme_team)
    html = client.get(reverse("workspace:activity")).content.decode()
    assert "Published: Ovarian cancer version 1.0" in html
    assert "Role created: lead as lead of WoSCAN" in html


class TestHistoryRecordsTheActor:
    def test_for_workspace_changes(self, client, lead, published):
        client.force_login(lead)
        client.post(reverse("workspace:withdraw", args=["ovarian-cancer"]), {"reason": "Replaced."})
        assert published.pathway.history.latest().history_user == lead
        assert published.history.latest().history_user == lead  # published by the lead

    def test_for_changes_made_by_services_outside_any_request(self, author, draft):
        assert draft.history.latest().history_user == author
        assert draft.pathway.history.earliest().history_user == author


class TestAdmin:
    def test_the_programme_team_group_is_made_by_a_migration(self):
        group = Group.objects.get(name="Programme team")
        codenames = set(group.permissions.values_list("codename", flat=True))
        assert {"change_network", "add_networkrole", "add_user", "view_pathwayversion"} <= codenames
        assert "change_pathwayversion" not in codenames

    def test_a_user_and_their_roles_are_added_on_one_screen(self, client, programme_team, woscan):
        client.force_login(programme_team)
        response = client.post(
            reverse("admin:auth_user_add"),
            {
                "username": "new-reviewer",
                "password1": "a-long-enough-passphrase",
                "password2": "a-long-enough-passphrase",
                "usable_password": "true",
                "network_roles-TOTAL_FORMS": 1,
                "network_roles-INITIAL_FORMS": 0,
                "network_roles-0-network": woscan.pk,
                "network_roles-0-role": "reviewer",
            },
        )
        assert response.status_code == 302, response.content.decode()[:3000]
        role = NetworkRole.objects.get(user__username="new-reviewer")
        assert role.role == "reviewer" and role.history.get().history_user == programme_team

    def test_deactivating_someone_ends_their_sessions(self, client, programme_team, reviewer):
        theirs = Client()
        assert theirs.login(username=reviewer.username, password=PASSWORD)
        assert theirs.get(reverse("workspace:dashboard")).status_code == 200
        client.force_login(programme_team)
        change = reverse("admin:auth_user_change", args=[reviewer.pk])
        form = {
            "username": reviewer.username,
            "email": reviewer.email,
            "is_staff": "",
            "is_active": "",
            "date_joined_0": "2026-01-01",
            "date_joined_1": "00:00:00",
            "network_roles-TOTAL_FORMS": 1,
            "network_roles-INITIAL_FORMS": 1,
            "network_roles-0-id": reviewer.network_roles.get().pk,
            "network_roles-0-user": reviewer.pk,
            "network_roles-0-network": reviewer.network_roles.get().network_id,
            "network_roles-0-role": "reviewer",
        }
        response = client.post(change, form)
        assert response.status_code == 302, response.content.decode()[:3000]
        assert not User.objects.get(pk=reviewer.pk).is_active
        assert not any(
            s.get_decoded().get("_auth_user_id") == str(reviewer.pk) for s in Session.objects.all()
        )
        assert theirs.get(reverse("workspace:dashboard")).status_code == 302

    def test_network_members_cannot_use_the_admin(self, client, lead):
        client.force_login(lead)
        for name in ["admin:auth_user_changelist", "admin:pathways_pathwayversion_changelist"]:
            assert client.get(reverse(name)).status_code == 302

    def test_publishing_from_the_admin_goes_through_the_service(
        self, client, programme_team, approved
    ):
        client.force_login(programme_team)
        response = client.post(
            reverse("admin:pathways_pathwayversion_changelist"),
            {
                "action": "publish_now",
                "_selected_action": [approved.pk],
            },
            follow=True,
        )
        assert "Published: 1 version(s)." in response.content.decode()
        version = PathwayVersion.objects.get(pk=approved.pk)
        assert version.number == "1.0"
        assert Event.objects.get(version=version, action="published").actor == programme_team

    def test_an_admin_action_the_state_forbids_is_refused_with_a_message(
        self, client, programme_team, in_review
    ):
        client.force_login(programme_team)
        response = client.post(
            reverse("admin:pathways_pathwayversion_changelist"),
            {
                "action": "publish_now",
                "_selected_action": [in_review.pk],
            },
            follow=True,
        )
        assert "only an approved version can be published" in response.content.decode()
        assert PathwayVersion.objects.get(pk=in_review.pk).status == "in_review"

    def test_the_version_page_in_the_admin_shows_its_timeline(
        self, client, programme_team, published
    ):
        client.force_login(programme_team)
        html = client.get(
            reverse("admin:pathways_pathwayversion_change", args=[published.pk])
        ).content.decode()
        assert "Timeline" in html and "Submitted for review" in html

    def test_the_overdue_filter_finds_pathways_past_their_review(
        self, client, programme_team, published, later
    ):
        client.force_login(programme_team)
        url = reverse("admin:pathways_pathwayversion_changelist")
        assert "0 pathway versions" in client.get(url, {"review": "overdue"}).content.decode()
        later(365 * 3 + 5)
        assert "1 pathway version" in client.get(url, {"review": "overdue"}).content.decode()


ADMIN_LISTS = [
    "pathways_pathway",
    "pathways_pathwayversion",
    "pathways_event",
    "pathways_review",
    "networks_networkrole",
    "networks_network",
    "auth_user",
]


def test_admin_lists_cost_the_same_queries_at_many_rows(
    client,
    programme_team,
    published,
    author,
    reviewer,
    second_reviewer,
    lead,
    django_assert_max_num_queries,
):
    client.force_login(programme_team)
    team = {"author": author, "reviewers": [reviewer, second_reviewer], "lead": lead}
    counts = {}
    for name in ADMIN_LISTS:
        with django_assert_max_num_queries(40) as captured:
            assert client.get(reverse(f"admin:{name}_changelist")).status_code == 200
        counts[name] = len(captured.captured_queries)
    version = published
    for number in range(25):
        version = publish_change(version, body=BODY + f"\n{number}\n", change_type="minor", **team)
        give = make_user()
        NetworkRole.objects.create(user=give, network=published.pathway.network, role="author")
    for name in ADMIN_LISTS:
        with django_assert_max_num_queries(counts[name]):
            client.get(reverse(f"admin:{name}_changelist"))


class TestReviewReminders:
    def test_remind_the_leads_once_per_pathway_per_day(self, published, lead, later):
        later((published.next_review_on - timezone.localdate()).days - 30)
        call_command("send_review_reminders", "--days", "60", stdout=io.StringIO())
        assert [message.to for message in mail.outbox] == [[lead.email]]
        assert "Review due: Ovarian cancer" in mail.outbox[0].subject
        call_command("send_review_reminders", "--days", "60", stdout=io.StringIO())
        assert len(mail.outbox) == 1
        later((published.next_review_on - timezone.localdate()).days - 29)
        call_command("send_review_reminders", "--days", "60", stdout=io.StringIO())
        assert len(mail.outbox) == 2
        assert ReviewReminder.objects.count() == 2

    def test_reminders_link_to_the_pathway_on_the_configured_address(
        self, published, lead, later, settings
    ):
        settings.PORTAL_BASE_URL = "https://pathways.example.scot/"
        later(365 * 3 - 10)
        call_command("send_review_reminders", stdout=io.StringIO())
        body = mail.outbox[0].body
        assert "https://pathways.example.scot/pathways/ovarian-cancer/\n" in body
        assert "https://pathways.example.scot/workspace/pathways/ovarian-cancer/" in body

    def test_remind_nobody_when_nothing_is_due(self, published, lead):
        call_command("send_review_reminders", "--days", "30", stdout=io.StringIO())
        assert mail.outbox == []

    def test_fall_back_to_the_network_address_when_it_has_no_lead(self, published, lead, later):
        NetworkRole.objects.filter(user=lead).delete()
        later(365 * 3 + 5)
        call_command("send_review_reminders", stdout=io.StringIO())
        assert mail.outbox[0].to == [published.pathway.network.contact_email]
        assert "was due on" in mail.outbox[0].body

    def test_withdrawn_pathways_are_not_reminded(self, published, lead, later):
        services.withdraw(actor=lead, pathway=published.pathway, reason="Replaced.")
        later(365 * 3 + 1)
        call_command("send_review_reminders", stdout=io.StringIO())
        assert mail.outbox == []
