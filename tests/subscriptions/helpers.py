"""Plain helpers for the subscription tests: the command as cron runs it, links read from the
e-mails as a reader's mail client reads them, and a clock that can be moved on."""

import re
from datetime import timedelta
from io import StringIO

from django.core.management import call_command
from django.utils import timezone

BASE = "https://pathways.example.scot"
NEW = "/subscriptions/new/"
CONFIRM_LINK = re.compile(re.escape(BASE) + r"(/subscriptions/confirm/\S+/)")
CSRF_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')


def send(**options):
    """One run of the command, as cron starts it; returns what it printed."""
    out = StringIO()
    call_command("send_pending_notifications", stdout=out, **options)
    return out.getvalue()


def confirm_path(message):
    return CONFIRM_LINK.search(message.body).group(1)


def unsubscribe_path(message):
    """The address in the List-Unsubscribe header, as a mail client reads it."""
    header = message.message()["List-Unsubscribe"]
    assert header.startswith(f"<{BASE}/") and header.endswith(">")
    return header[len(BASE) + 1 : -1]


def without_csrf_token(response):
    return CSRF_TOKEN.sub("", response.content.decode())


def later(monkeypatch, **delta):
    """Move the clock forward for the code under test (model defaults keep the real time)."""
    moment = timezone.now() + timedelta(**delta)
    monkeypatch.setattr(timezone, "now", lambda: moment)
