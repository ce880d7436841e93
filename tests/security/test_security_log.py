import json
import logging

import pytest
from django.urls import reverse

from pathways import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def security_lines(caplog):
    caplog.set_level(logging.INFO, logger="scn_portal.security")

    def lines():
        return [
            json.loads(record.getMessage())
            for record in caplog.records
            if record.name == "scn_portal.security"
        ]

    return lines


def test_sign_ins_and_failures_are_logged_with_actor_address_and_utc_time(
    client, author, security_lines
):
    client.post("/accounts/login/", {"username": author.username, "password": "wrong"})
    client.post(
        "/accounts/login/", {"username": author.username, "password": "a-long-test-password-1"}
    )
    failed, succeeded = security_lines()
    assert failed["event"] == "login_failed" and failed["username"] == "author"
    assert succeeded["event"] == "login" and succeeded["actor"] == f"author#{author.pk}"
    assert succeeded["time"].endswith("+00:00") and succeeded["address"] == "127.0.0.1"


def test_refused_actions_are_logged(client, reviewer, draft, security_lines):
    client.force_login(reviewer)
    client.get(reverse("workspace:edit", args=[draft.pk]))
    refused = [line for line in security_lines() if line["event"] == "refused"]
    assert refused and refused[0]["actor"].startswith("reviewer#")
    assert refused[0]["path"] == reverse("workspace:edit", args=[draft.pk])


def test_every_transition_is_logged_after_it_commits(
    author, draft, security_lines, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.submit(actor=author, version=draft, change_type="major")
    line = [line for line in security_lines() if line["event"] == "transition"][-1]
    assert (line["action"], line["from_status"], line["to_status"]) == (
        "submitted",
        "draft",
        "in_review",
    )
    assert line["object"].startswith(f"PathwayVersion:{draft.pk} ")


def test_line_breaks_in_logged_values_cannot_forge_a_log_line(client, security_lines, caplog):
    client.post("/accounts/login/", {"username": 'x\r\n{"event": "login"}', "password": "y"})
    messages = [
        record.getMessage() for record in caplog.records if record.name == "scn_portal.security"
    ]
    assert len(messages) == 1 and "\n" not in messages[0] and "\r" not in messages[0]
    assert json.loads(messages[0])["event"] == "login_failed"
