"""Nobody grants a privilege they do not hold: not by the admin form, not by a forged POST.

The programme team (staff, not superusers) manage people; they must never make anyone, least
of all themselves, a superuser, or give a group or permission they do not have."""

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.urls import reverse
from django.utils import timezone

from networks import people
from networks.admin import PrivilegeCheckedUserChangeForm
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def change_url(account):
    return reverse("admin:auth_user_change", args=[account.pk])


def user_form(account, **fields):
    """The admin's user change form as a browser would post it, with `fields` changed."""
    joined = timezone.localtime(account.date_joined)
    data = {
        "username": account.username,
        "first_name": account.first_name,
        "last_name": account.last_name,
        "email": account.email,
        "is_active": "on",
        "date_joined_0": joined.strftime("%Y-%m-%d"),
        "date_joined_1": joined.strftime("%H:%M:%S"),
        "groups": [group.pk for group in account.groups.all()],
        "user_permissions": [permission.pk for permission in account.user_permissions.all()],
        "network_roles-TOTAL_FORMS": "0",
        "network_roles-INITIAL_FORMS": "0",
        "network_roles-MIN_NUM_FORMS": "0",
        "network_roles-MAX_NUM_FORMS": "1000",
    }
    if account.is_staff:
        data["is_staff"] = "on"
    if account.is_superuser:
        data["is_superuser"] = "on"
    data.update(fields)
    return data


def form_errors(response):
    assert response.status_code == 200, "the form was accepted"
    return response.context["adminform"].form.errors


def permission(codename):
    return Permission.objects.get(codename=codename)


@pytest.fixture
def reader(db):
    return make_user("reader")


@pytest.fixture
def admins_group(db):
    group = Group.objects.create(name="Administrators")
    group.permissions.add(permission("delete_user"), permission("change_group"))
    return group


def test_the_programme_team_can_still_change_an_ordinary_account(client, programme_team, reader):
    client.force_login(programme_team)
    response = client.post(change_url(reader), user_form(reader, email="new@example.org"))
    assert response.status_code == 302
    reader.refresh_from_db()
    assert reader.email == "new@example.org"


def test_superuser_status_is_not_offered_to_the_programme_team(client, programme_team, reader):
    client.force_login(programme_team)
    html = client.get(change_url(reader)).content.decode()
    assert 'name="is_superuser"' not in html


@pytest.mark.parametrize("whose", ["own", "someone else's"])
def test_a_forged_superuser_field_grants_nothing(client, programme_team, reader, whose):
    account = programme_team if whose == "own" else reader
    client.force_login(programme_team)
    response = client.post(change_url(account), user_form(account, is_superuser="on"))
    assert response.status_code in (200, 302)
    account.refresh_from_db()
    assert not account.is_superuser


@pytest.mark.parametrize("whose", ["own", "someone else's"])
def test_a_group_the_editor_is_not_in_cannot_be_granted(
    client, programme_team, reader, admins_group, whose
):
    account = programme_team if whose == "own" else reader
    client.force_login(programme_team)
    groups = [*account.groups.values_list("pk", flat=True), admins_group.pk]
    response = client.post(change_url(account), user_form(account, groups=groups))
    assert form_errors(response)["groups"] == [
        'You cannot grant the group "Administrators": you do not hold it yourself.'
    ]
    assert not account.groups.filter(pk=admins_group.pk).exists()


@pytest.mark.parametrize("whose", ["own", "someone else's"])
def test_a_permission_the_editor_lacks_cannot_be_granted(client, programme_team, reader, whose):
    account = programme_team if whose == "own" else reader
    client.force_login(programme_team)
    response = client.post(
        change_url(account),
        user_form(account, user_permissions=[permission("delete_user").pk]),
    )
    assert form_errors(response)["user_permissions"] == [
        'You cannot grant the permission "Can delete user": you do not hold it yourself.'
    ]
    assert not account.user_permissions.exists()


def test_staff_status_cannot_be_granted_by_someone_without_it(reader):
    """Only staff reach the admin, so this is the form itself given a forged POST."""
    editor = make_user("not-staff")
    form_class = type("Form", (PrivilegeCheckedUserChangeForm,), {"editor": editor})
    form = form_class(user_form(reader, is_staff="on"), instance=reader)
    assert not form.is_valid()
    assert form.errors["is_staff"] == [
        "You cannot grant staff status: you do not hold it yourself."
    ]
    assert people.privileges_not_held(editor, staff=True) == ["staff status"]


def test_what_the_editor_holds_can_be_granted(client, programme_team, reader):
    """Giving a colleague the programme team's own group and staff status is their job."""
    client.force_login(programme_team)
    team = Group.objects.get(name="Programme team")
    response = client.post(
        change_url(reader),
        user_form(
            reader,
            is_staff="on",
            groups=[team.pk],
            user_permissions=[permission("view_network").pk],
        ),
    )
    assert response.status_code == 302, response.content.decode()[-3000:]
    reader.refresh_from_db()
    assert reader.is_staff and reader.groups.filter(pk=team.pk).exists()


def test_a_superusers_account_and_password_are_out_of_the_programme_teams_reach(
    client, programme_team
):
    superuser = User.objects.create_superuser("root", "root@example.org", "a-long-test-password-1")
    client.force_login(programme_team)
    forged = user_form(superuser, email="mine@example.org", is_superuser="")
    assert client.post(change_url(superuser), forged).status_code == 403
    password_url = reverse("admin:auth_user_password_change", args=[superuser.pk])
    new_password = {"password1": "taken-over-account-1", "password2": "taken-over-account-1"}
    assert client.post(password_url, new_password).status_code == 403
    superuser.refresh_from_db()
    assert superuser.email == "root@example.org" and superuser.is_superuser
    assert superuser.check_password("a-long-test-password-1")


def test_a_superuser_may_grant_anything(client, reader, admins_group):
    superuser = User.objects.create_superuser("root", "root@example.org", "a-long-test-password-1")
    client.force_login(superuser)
    response = client.post(
        change_url(reader), user_form(reader, is_superuser="on", groups=[admins_group.pk])
    )
    assert response.status_code == 302
    reader.refresh_from_db()
    assert reader.is_superuser and reader.groups.filter(pk=admins_group.pk).exists()
