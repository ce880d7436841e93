"""Self-registration for NHS Scotland staff: an account only from an allowed domain, only once
the address is confirmed, and never a hint of which addresses already have one."""

import json
import logging
import os
import re
import subprocess
import sys
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import PendingRegistration, RegistrationAttempt
from networks.models import HealthBoard, Profile
from tests.factories import make_user

pytestmark = pytest.mark.django_db

User = get_user_model()

REGISTER = "/accounts/register/"
PASSWORD = "heron-quietly-crosses-17"
CONFIRM_LINK = re.compile(r"https?://\S+/accounts/register/confirm/([^/\s]+)/")


@pytest.fixture
def lothian(db):
    return HealthBoard.objects.get(slug="lothian")


@pytest.fixture
def register(client, lothian, django_capture_on_commit_callbacks):
    """Fill in the form as someone would; mail is sent once the request commits."""

    def register(email="jane.doe@nhs.scot", client=client, **changes):
        data = {
            "first_name": "Jane",
            "last_name": "Doe",
            "email": email,
            "job_title": "Consultant clinical oncologist",
            "board": lothian.pk,
            "password1": PASSWORD,
            "password2": PASSWORD,
            **changes,
        }
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(REGISTER, data)

    return register


@pytest.fixture
def confirm(client, django_capture_on_commit_callbacks):
    def confirm(token, client=client):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(f"/accounts/register/confirm/{token}/")

    return confirm


@pytest.fixture
def security_events(caplog):
    caplog.set_level(logging.INFO, logger="scn_portal.security")
    return lambda: [
        json.loads(record.getMessage())
        for record in caplog.records
        if record.name == "scn_portal.security"
    ]


def existing_account(username, email):
    user = make_user(username)
    User.objects.filter(pk=user.pk).update(email=email)
    return user


def token_in(message):
    return CONFIRM_LINK.search(message.body).group(1)


def normalised(response):
    """The page as anyone but the owner of the address could compare it."""
    html = response.content.decode()
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


# --- Registering from an allowed address --------------------------------------------------


def test_an_nhs_scotland_address_gets_a_link_and_no_account_until_it_is_followed(
    client, register, mailoutbox
):
    response = register()
    assert response.status_code == 302 and response["Location"] == "/accounts/register/sent/"
    page = client.get(response["Location"]).content.decode()
    assert "Check your email" in page and "jane.doe@nhs.scot" in page
    assert not User.objects.filter(email="jane.doe@nhs.scot").exists()
    [message] = mailoutbox
    assert message.to == ["jane.doe@nhs.scot"]
    assert message.subject == "[SCN Pathways] Confirm your email address"
    pending = PendingRegistration.objects.get()
    assert pending.email == "jane.doe@nhs.scot" and pending.job_title.startswith("Consultant")
    # Neither the password nor a usable link is stored.
    assert PASSWORD not in pending.password and pending.password.startswith("md5$")
    assert token_in(message) not in pending.token_hash


def test_the_link_starts_with_the_portals_public_address(register, mailoutbox, settings):
    settings.PORTAL_BASE_URL = "https://pathways.example.scot/"
    register()
    assert "https://pathways.example.scot/accounts/register/confirm/" in mailoutbox[0].body


def test_opening_the_link_shows_the_details_and_uses_nothing(client, register, mailoutbox):
    """Mail scanners open links in e-mail: only the button makes the account."""
    register()
    url = f"/accounts/register/confirm/{token_in(mailoutbox[0])}/"
    for _ in range(2):
        page = client.get(url)
        assert page.status_code == 200
        assert "Confirm and create account" in page.content.decode()
        assert "NHS Lothian" in page.content.decode()
    assert PendingRegistration.objects.exists() and not User.objects.exists()


def test_following_the_link_makes_an_account_with_a_profile_and_no_role(
    client, register, confirm, mailoutbox, lothian
):
    register()
    response = confirm(token_in(mailoutbox[0]))
    assert response.status_code == 302 and response["Location"] == "/accounts/register/welcome/"
    user = User.objects.get()
    assert user.username == user.email == "jane.doe@nhs.scot"
    assert (user.first_name, user.last_name) == ("Jane", "Doe")
    assert user.is_active and not user.is_staff and not user.is_superuser
    assert not user.groups.exists() and not user.user_permissions.exists()
    assert not user.network_roles.exists() and not user.constituencies.exists()
    assert user.check_password(PASSWORD)
    profile = Profile.objects.get(user=user)
    assert profile.job_title == "Consultant clinical oncologist" and profile.board == lothian
    assert not PendingRegistration.objects.exists()
    assert client.session["_auth_user_id"] == str(user.pk)


def test_the_new_account_is_told_what_it_may_and_may_not_do(client, register, confirm, mailoutbox):
    register()
    confirm(token_in(mailoutbox[0]))
    page = client.get("/accounts/register/welcome/").content.decode()
    assert "Your account has been created" in page
    assert "Comment on draft national pathways" in page
    assert "no role in a network" in page and "asks the programme team" in page


def test_the_welcome_page_is_only_for_a_new_account(client, author):
    client.force_login(author)
    assert client.get("/accounts/register/welcome/")["Location"] == "/workspace/"


def test_the_new_account_signs_in_with_its_email_address(register, confirm, mailoutbox):
    register(email="Jane.Doe@NHS.scot")
    confirm(token_in(mailoutbox[0]), client=Client())
    response = Client().post(
        "/accounts/login/", {"username": "jane.doe@nhs.scot", "password": PASSWORD}
    )
    assert response.status_code == 302 and response["Location"] == "/workspace/"


# --- Addresses that may not register --------------------------------------------------------


@pytest.mark.parametrize("email", ["jane@gmail.com", "jane@nhs.net", "jane@scot.nhs.uk"])
def test_another_domain_is_refused_with_a_clear_message_and_nothing_stored_or_sent(
    register, mailoutbox, email
):
    response = register(email=email)
    assert response.status_code == 200
    assert "Only NHS Scotland staff can create an account" in response.content.decode()
    assert "@nhs.scot" in response.content.decode()
    assert not mailoutbox
    assert not PendingRegistration.objects.exists() and not RegistrationAttempt.objects.exists()


@pytest.mark.parametrize(
    "email",
    [
        "jane@evil-nhs.scot",
        "jane@nhs.scot.evil.com",
        "jane@nhsscot.com",
        "jane@mail.nhs.scot",  # exact domains only: NHS Scotland uses plain nhs.scot
        '"jane@nhs.scot"@evil.com',
        "jane@nhs.scot@evil.com",
        "jane@nhs.scot\n@evil.com",
    ],
)
def test_look_alike_domains_are_refused(register, mailoutbox, email):
    response = register(email=email)
    assert response.status_code == 200 and "There is a problem" in response.content.decode()
    assert not mailoutbox and not PendingRegistration.objects.exists()


def test_the_domain_is_compared_without_regard_to_case(register, mailoutbox):
    register(email="Jane.Doe@NHS.SCOT")
    assert mailoutbox[0].to == ["jane.doe@nhs.scot"]
    assert PendingRegistration.objects.get().email == "jane.doe@nhs.scot"


def test_the_allowed_domains_are_a_setting(register, mailoutbox, settings):
    settings.REGISTRATION_EMAIL_DOMAINS = ["example.scot"]
    assert "@example.scot" in register(email="jane@nhs.scot").content.decode()
    register(email="jane@example.scot")
    assert mailoutbox[0].to == ["jane@example.scot"]


def test_with_no_allowed_domains_nobody_registers(register, mailoutbox, settings):
    settings.REGISTRATION_EMAIL_DOMAINS = []
    assert "cannot be created here" in register().content.decode()
    assert not mailoutbox


@pytest.mark.parametrize("value", ["@nhs.scot", "nhs scot", "nhs.scot,https://x.example"])
def test_a_misspelt_domain_setting_stops_the_portal_at_start_up(value):
    result = subprocess.run(
        [sys.executable, "-c", "import scn_portal.settings"],
        env={**os.environ, "REGISTRATION_EMAIL_DOMAINS": value},
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0 and "REGISTRATION_EMAIL_DOMAINS" in result.stderr


# --- No enumeration ---------------------------------------------------------------------------


def test_an_address_with_an_account_reads_the_same_and_is_told_by_email(register, mailoutbox):
    existing_account("jdoe", "Jane.Doe@nhs.scot")
    new, existing = Client(), Client()
    for_new = register(email="someone.new@nhs.scot", client=new)
    for_existing = register(email="jane.doe@nhs.scot", client=existing)
    assert for_new.status_code == for_existing.status_code == 302
    assert for_new["Location"] == for_existing["Location"]
    page_new = new.get(for_new["Location"])
    page_existing = existing.get(for_existing["Location"])
    assert page_new.status_code == page_existing.status_code == 200
    assert normalised(page_new).replace("someone.new", "X") == normalised(page_existing).replace(
        "jane.doe", "X"
    )

    to_new, to_existing = mailoutbox
    assert to_existing.to == ["jane.doe@nhs.scot"]
    assert to_existing.subject == "[SCN Pathways] You already have an account"
    assert "jdoe" in to_existing.body
    assert (
        "/accounts/login/" in to_existing.body and "/accounts/password_reset/" in to_existing.body
    )
    assert not CONFIRM_LINK.search(to_existing.body) and CONFIRM_LINK.search(to_new.body)
    assert User.objects.filter(email__iexact="jane.doe@nhs.scot").count() == 1
    assert list(PendingRegistration.objects.values_list("email", flat=True)) == [
        "someone.new@nhs.scot"
    ]


def test_an_address_used_as_a_username_counts_as_an_account(register, mailoutbox):
    existing_account("jane.doe@nhs.scot", "")
    register()
    assert mailoutbox[0].subject == "[SCN Pathways] You already have an account"


def test_an_account_made_after_the_link_was_sent_is_not_duplicated(register, confirm, mailoutbox):
    register()
    existing_account("jdoe", "jane.doe@nhs.scot")  # the programme team, meanwhile
    response = confirm(token_in(mailoutbox[0]))
    assert response.status_code == 409
    assert "You already have an account" in response.content.decode()
    assert User.objects.filter(email="jane.doe@nhs.scot").count() == 1
    assert not PendingRegistration.objects.exists()
    assert "_auth_user_id" not in response.client.session


# --- Links that no longer work ------------------------------------------------------------


def test_a_new_request_replaces_the_earlier_link(register, confirm, mailoutbox):
    register()
    register(job_title="Clinical nurse specialist")
    first, second = (token_in(message) for message in mailoutbox)
    assert PendingRegistration.objects.count() == 1
    assert confirm(first).status_code == 404
    assert confirm(second).status_code == 302
    assert User.objects.get().profile.job_title == "Clinical nurse specialist"


def test_an_expired_link_is_refused(client, register, confirm, mailoutbox):
    register()
    PendingRegistration.objects.update(created_at=timezone.now() - timedelta(days=3, minutes=1))
    token = token_in(mailoutbox[0])
    assert client.get(f"/accounts/register/confirm/{token}/").status_code == 404
    response = confirm(token)
    assert response.status_code == 404
    assert "This link has expired or has been used" in response.content.decode()
    assert "Register again" in response.content.decode()
    assert not User.objects.exists()


def test_a_used_link_is_refused(register, confirm, mailoutbox):
    register()
    token = token_in(mailoutbox[0])
    assert confirm(token).status_code == 302
    response = confirm(token, client=Client())
    assert response.status_code == 404
    assert "This link has expired or has been used" in response.content.decode()
    assert User.objects.count() == 1


@pytest.mark.parametrize(
    "token", ["x", "A" * 2000, "%00", "%E2%80%AE", "' OR 1=1 --", "..%5C..%5Cadmin"]
)
def test_a_forged_link_is_a_clear_404_not_an_error(client, token):
    for response in (
        client.get(f"/accounts/register/confirm/{token}/"),
        client.post(f"/accounts/register/confirm/{token}/"),
    ):
        assert response.status_code == 404
        assert "This link has expired or has been used" in response.content.decode()


# --- Passwords --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "password, message",
    [
        ("short-1", "too short"),
        ("password1234", "too common"),
        ("483920175639", "entirely numeric"),
        ("jane.doe@nhs.scot", "too similar"),
    ],
)
def test_passwords_are_checked_by_djangos_validators(register, mailoutbox, password, message):
    response = register(password1=password, password2=password)
    assert message in response.content.decode()
    assert not mailoutbox and not PendingRegistration.objects.exists()


def test_the_two_passwords_must_match(register, mailoutbox):
    response = register(password2=PASSWORD + "x")
    assert "The two passwords do not match" in response.content.decode()
    assert not mailoutbox


def test_an_empty_form_says_what_is_missing(client):
    response = client.post(REGISTER)
    assert response.status_code == 200 and "There is a problem" in response.content.decode()


def test_the_email_repeats_nothing_typed_into_the_form(register, mailoutbox):
    """Anyone may type anyone's address: the e-mail must not carry their words to its owner."""
    register(first_name="URGENT call 0800 000 000", last_name="Visit evil.example")
    assert "URGENT" not in mailoutbox[0].body and "evil.example" not in mailoutbox[0].body


def test_a_missing_field_is_named_not_an_error(register, mailoutbox):
    response = register(job_title="", board="999999")
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html and html.count("nhsuk-error-message") == 2
    assert not mailoutbox


# --- Throttling ---------------------------------------------------------------------------


def test_one_inbox_gets_at_most_three_emails_an_hour(register, mailoutbox):
    for _ in range(3):
        assert register().status_code == 302
    response = register()
    assert response.status_code == 200
    assert "Too many requests to register this email address" in response.content.decode()
    assert len(mailoutbox) == 3


def test_the_limit_reads_the_same_for_an_address_with_an_account(register, mailoutbox):
    existing_account("jdoe", "jane.doe@nhs.scot")
    for _ in range(3):
        register()
    assert "Too many requests" in register().content.decode()
    assert len(mailoutbox) == 3


def test_the_limit_lifts_after_an_hour(register, mailoutbox):
    for _ in range(3):
        register()
    RegistrationAttempt.objects.update(at=timezone.now() - timedelta(hours=1, minutes=1))
    assert register().status_code == 302
    assert len(mailoutbox) == 4


def test_one_client_may_not_register_many_addresses(register, mailoutbox):
    crowded = Client(REMOTE_ADDR="203.0.113.7")
    for number in range(20):
        assert register(email=f"person{number}@nhs.scot", client=crowded).status_code == 302
    blocked = register(email="late@nhs.scot", client=crowded)
    assert "Too many requests" in blocked.content.decode()
    elsewhere = Client(REMOTE_ADDR="198.51.100.1")
    assert register(email="late@nhs.scot", client=elsewhere).status_code == 302
    assert len(mailoutbox) == 21


# --- Records and pages ----------------------------------------------------------------------


def test_requests_and_confirmations_are_security_events(
    register, confirm, mailoutbox, security_events
):
    register()
    confirm(token_in(mailoutbox[0]))
    requested, confirmed = (
        line for line in security_events() if line["event"].startswith("registration")
    )
    assert requested["event"] == "registration_requested"
    assert requested["email"] == "jane.doe@nhs.scot" and requested["address"] == "127.0.0.1"
    assert requested["existing_account"] is False
    user = User.objects.get()
    assert confirmed["event"] == "registration_confirmed"
    assert confirmed["actor"] == f"jane.doe@nhs.scot#{user.pk}"


def test_the_sign_in_page_offers_nhs_scotland_staff_an_account(client):
    html = client.get("/accounts/login/").content.decode()
    assert f'href="{REGISTER}">Create an account</a>' in html
    assert 'href="/accounts/password_reset/"' in html


def test_the_password_reset_the_email_offers_is_in_the_portals_layout(client):
    html = client.get(reverse("password_reset")).content.decode()
    assert "Reset your password" in html and "nhsuk-header" in html


def test_the_programme_team_sees_pending_registrations_read_only(client, register, programme_team):
    register()
    client.force_login(programme_team)
    changelist = client.get(reverse("admin:accounts_pendingregistration_changelist"))
    assert changelist.status_code == 200 and "jane.doe@nhs.scot" in changelist.content.decode()
    pending = PendingRegistration.objects.get()
    page = client.get(reverse("admin:accounts_pendingregistration_change", args=[pending.pk]))
    assert page.status_code == 200 and pending.password not in page.content.decode()
    assert client.get(reverse("admin:accounts_pendingregistration_add")).status_code == 403
