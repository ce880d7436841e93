import pytest
from django.urls import reverse

from networks.models import Network, NetworkRole
from tests.factories import make_network, make_user

pytestmark = pytest.mark.django_db

ADMIN_PAGES = [
    "admin:networks_healthboard_changelist",
    "admin:networks_cancertype_changelist",
    "admin:networks_network_changelist",
    "admin:networks_network_add",
    "admin:networks_networkrole_changelist",
    "admin:networks_networkrole_add",
    "admin:networks_proposal_changelist",
    "admin:networks_annualreport_changelist",
    "admin:networks_objective_changelist",
]


@pytest.mark.parametrize("page", ADMIN_PAGES)
def test_the_programme_team_can_open_every_networks_admin_page(client, programme_team, page):
    client.force_login(programme_team)
    assert client.get(reverse(page)).status_code == 200


@pytest.mark.parametrize("page", ADMIN_PAGES)
def test_network_members_and_anonymous_readers_are_sent_to_the_admin_login(client, reviewer, page):
    url = reverse(page)
    assert client.get(url).status_code == 302
    client.force_login(reviewer)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_network_list_can_be_searched_and_filtered(client, programme_team, woscan, other_network):
    client.force_login(programme_team)
    url = reverse("admin:networks_network_changelist")
    html = client.get(url, {"q": "sarcoma"}).content.decode()
    assert "Scottish Sarcoma Network" in html and "West of Scotland" not in html
    html = client.get(url, {"kind__exact": "regional"}).content.decode()
    assert "West of Scotland" in html and "Scottish Sarcoma Network" not in html


def test_a_change_made_in_the_admin_records_who_made_it(client, programme_team, woscan):
    client.force_login(programme_team)
    url = reverse("admin:networks_network_change", args=[woscan.pk])
    form = {
        "name": woscan.name,
        "short_name": woscan.short_name,
        "slug": woscan.slug,
        "kind": woscan.kind,
        "status": "established",
        "contact_email": "new@example.org",
        "major_change_approvals": 3,
        "minor_change_approvals": 1,
        "member_boards": [],
        "cancer_types": [],
        "roles-TOTAL_FORMS": 0,
        "roles-INITIAL_FORMS": 0,
        "appointments-TOTAL_FORMS": 0,
        "appointments-INITIAL_FORMS": 0,
        "steering_group-TOTAL_FORMS": 0,
        "steering_group-INITIAL_FORMS": 0,
    }
    response = client.post(url, form)
    assert response.status_code == 302, response.content.decode()[:2000]
    latest = woscan.history.latest()
    assert (latest.major_change_approvals, latest.history_user) == (3, programme_team)
    history_page = reverse("admin:networks_network_history", args=[woscan.pk])
    assert "programme" in client.get(history_page).content.decode()


def test_a_role_given_in_the_admin_records_who_gave_it(client, programme_team, woscan):
    person = make_user("new-reviewer")
    client.force_login(programme_team)
    response = client.post(
        reverse("admin:networks_networkrole_add"),
        {"user": person.pk, "network": woscan.pk, "role": NetworkRole.Role.REVIEWER},
    )
    assert response.status_code == 302
    role = NetworkRole.objects.get(user=person)
    assert role.history.get().history_user == programme_team


def test_the_admin_role_list_costs_the_same_queries_at_many_rows(
    client, programme_team, django_assert_max_num_queries
):
    client.force_login(programme_team)
    url = reverse("admin:networks_networkrole_changelist")
    network = make_network()
    for _ in range(3):
        NetworkRole.objects.create(user=make_user(), network=network, role="reviewer")
    with django_assert_max_num_queries(12) as few:
        client.get(url)
    for _ in range(40):
        NetworkRole.objects.create(user=make_user(), network=network, role="reviewer")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)


def test_network_list_shows_networks_at_work_unless_asked(client, programme_team, woscan):
    make_network("OLD", name="Disbanded Network", status=Network.Status.RETIRED)
    make_network("NEW", name="Coming Network", status=Network.Status.PROPOSED)
    client.force_login(programme_team)
    url = reverse("admin:networks_network_changelist")
    listed = client.get(url).content.decode()
    assert "West of Scotland" in listed
    assert "Disbanded Network" not in listed and "Coming Network" not in listed
    ended = client.get(url, {"life": "ended"}).content.decode()
    assert "Disbanded Network" in ended and "West of Scotland" not in ended
    assert "Coming Network" in client.get(url, {"life": "proposed"}).content.decode()
    every = client.get(url, {"life": "all"}).content.decode()
    assert all(
        name in every for name in ["West of Scotland", "Disbanded Network", "Coming Network"]
    )


def test_the_programme_team_keeps_governance_in_the_admin(client, programme_team, woscan):
    """Terms and the steering group are edited on the network's page, in its inlines."""
    client.force_login(programme_team)
    html = client.get(reverse("admin:networks_network_change", args=[woscan.pk])).content.decode()
    assert "appointments-TOTAL_FORMS" in html and "steering_group-TOTAL_FORMS" in html


def test_a_change_of_status_asks_for_its_date_and_a_merger_for_its_network(
    client, programme_team, woscan, other_network
):
    client.force_login(programme_team)
    url = reverse("admin:networks_network_change", args=[woscan.pk])
    form = {
        "name": woscan.name,
        "short_name": woscan.short_name,
        "slug": woscan.slug,
        "kind": woscan.kind,
        "contact_email": woscan.contact_email,
        "major_change_approvals": 2,
        "minor_change_approvals": 1,
        **{
            f"{inline}-{count}": 0
            for inline in ("roles", "appointments", "steering_group")
            for count in ("TOTAL_FORMS", "INITIAL_FORMS")
        },
    }
    response = client.post(url, {**form, "status": "merged"})
    assert response.status_code == 200  # the form again, not a 500
    html = response.content.decode()
    assert "Give the date this status took effect" in html
    assert "Name the network it merged into." in html
    woscan.refresh_from_db()
    assert woscan.status == "established"
    merged = {"status": "merged", "status_since": "2026-04-01", "merged_into": other_network.pk}
    assert client.post(url, {**form, **merged}).status_code == 302
    woscan.refresh_from_db()
    assert (woscan.status, woscan.merged_into) == ("merged", other_network)
    assert woscan.history.latest().history_user == programme_team


def _change_form(network, **changes):
    return {
        "name": network.name,
        "short_name": network.short_name,
        "slug": network.slug,
        "kind": network.kind,
        "status": network.status,
        "status_since": network.status_since.isoformat() if network.status_since else "",
        "contact_email": network.contact_email,
        "major_change_approvals": 2,
        "minor_change_approvals": 1,
        **{
            f"{inline}-{count}": 0
            for inline in ("roles", "appointments", "steering_group")
            for count in ("TOTAL_FORMS", "INITIAL_FORMS")
        },
        **changes,
    }


def test_a_new_status_is_not_saved_with_the_old_ones_date(client, programme_team, woscan):
    from datetime import date

    woscan.status_since = date(2002, 6, 1)
    woscan.save()
    client.force_login(programme_team)
    url = reverse("admin:networks_network_change", args=[woscan.pk])
    response = client.post(url, _change_form(woscan, status="retired"))
    assert "Give the date the new status took effect" in response.content.decode()
    woscan.refresh_from_db()
    assert woscan.status == "established"
    response = client.post(url, _change_form(woscan, status="retired", status_since="2026-03-31"))
    assert response.status_code == 302


def test_an_accepted_reports_due_date_is_not_offered_for_change(client, programme_team, woscan):
    from datetime import date

    from networks.models import AnnualReport

    report = AnnualReport.objects.create(
        network=woscan,
        year=2024,
        due_on=date(2025, 3, 31),
        status="accepted",
        submitted_at="2025-03-01T10:00Z",
        accepted_at="2025-03-20T10:00Z",
    )
    client.force_login(programme_team)
    url = reverse("admin:networks_annualreport_change", args=[report.pk])
    assert 'name="due_on"' not in client.get(url).content.decode()
    response = client.post(url, {"due_on": "2030-01-01"})
    assert response.status_code in (302, 403)  # never a 500
    report.refresh_from_db()
    assert report.due_on == date(2025, 3, 31)
