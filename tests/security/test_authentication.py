import re

import pytest
from django.contrib.auth.models import User
from django.test import Client, override_settings

from accounts.models import LoginFailure
from tests.factories import PASSWORD, make_user

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"


def sign_in(client, username, password, **extra):
    return client.post(LOGIN, {"username": username, "password": password}, **extra)


def test_no_such_user_and_wrong_password_read_the_same(client):
    make_user("zqknown")
    unknown = sign_in(client, "zqunknown", "whatever-it-is")
    wrong = sign_in(client, "zqknown", "not-the-password")
    assert "Please enter a correct username and password" in unknown.content.decode()
    assert unknown.status_code == wrong.status_code == 200

    def normalised(response, username):
        return re.sub(
            r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode()
        ).replace(username, "X")

    assert normalised(unknown, "zqunknown") == normalised(wrong, "zqknown")


def test_an_account_pauses_after_repeated_failures_even_with_the_right_password(client, author):
    for _ in range(5):
        sign_in(client, author.username, "wrong")
    response = sign_in(client, author.username, PASSWORD)
    assert "Too many failed attempts to sign in. Wait 15 minutes" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_pause_reads_the_same_for_an_account_that_does_not_exist(client):
    for _ in range(5):
        sign_in(client, "ghost", "wrong")
    assert "Too many failed attempts" in sign_in(client, "ghost", "wrong").content.decode()


@override_settings(LOGIN_FAILURES_PER_ADDRESS=8)
def test_an_address_pauses_after_failures_across_many_accounts(client, author):
    for number in range(8):
        sign_in(client, f"guess{number}", "wrong", REMOTE_ADDR="203.0.113.9")
    blocked = sign_in(client, author.username, PASSWORD, REMOTE_ADDR="203.0.113.9")
    assert "Too many failed attempts" in blocked.content.decode()
    elsewhere = sign_in(Client(), author.username, PASSWORD, REMOTE_ADDR="198.51.100.1")
    assert elsewhere.status_code == 302


def test_the_admin_sign_in_is_throttled_too(client, programme_team):
    for _ in range(5):
        client.post("/admin/login/", {"username": programme_team.username, "password": "wrong"})
    response = client.post(
        "/admin/login/", {"username": programme_team.username, "password": PASSWORD}
    )
    assert "Too many failed attempts" in response.content.decode()


def test_a_successful_sign_in_clears_the_accounts_failures_and_rotates_the_session(client, author):
    sign_in(client, author.username, "wrong")
    client.get("/accounts/login/")
    before = client.cookies.get("sessionid")
    assert sign_in(client, author.username, PASSWORD).status_code == 302
    assert not LoginFailure.objects.filter(username=author.username).exists()
    assert client.cookies["sessionid"].value != (before.value if before else None)


def test_signing_out_ends_the_session(client, author):
    sign_in(client, author.username, PASSWORD)
    client.post("/accounts/logout/")
    assert client.get("/workspace/").status_code == 302


def test_a_deactivated_account_is_signed_out_at_its_next_request(client, author):
    sign_in(client, author.username, PASSWORD)
    User.objects.filter(pk=author.pk).update(is_active=False)
    assert client.get("/workspace/").status_code == 302


@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example/", "/\\evil.example", "javascript:alert(1)"]
)
def test_next_never_leads_off_site(client, author, target):
    response = client.post(
        f"{LOGIN}?next={target}",
        {"username": author.username, "password": PASSWORD, "next": target},
    )
    assert response.status_code == 302
    assert response["Location"] == "/workspace/"


def test_passwords_must_be_strong(client, author):
    client.force_login(author)
    response = client.post(
        "/accounts/password_change/",
        {"old_password": PASSWORD, "new_password1": "password1", "new_password2": "password1"},
    )
    html = response.content.decode()
    assert "too short" in html or "too common" in html
