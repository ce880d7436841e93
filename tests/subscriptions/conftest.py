"""Subscribing as a reader does: through the pages and the e-mailed links."""

import pytest

from tests.subscriptions.helpers import BASE, NEW, confirm_path


@pytest.fixture(autouse=True)
def portal_address(settings):
    """One-click unsubscribe (RFC 8058) needs an https address, as production has."""
    settings.PORTAL_BASE_URL = BASE


@pytest.fixture
def subscribe(client, django_capture_on_commit_callbacks):
    """Fill in the subscribe form; its e-mail is sent once the request commits."""

    def subscribe(email, *, pathway=None, network=None, client=client):
        data = {
            "email": email,
            "pathway": pathway.slug if pathway else "",
            "network": network.slug if network else "",
        }
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(NEW, data)

    return subscribe


@pytest.fixture
def subscribed(subscribe, client, mailoutbox):
    """Subscribe and follow the confirmation link, leaving the outbox empty."""

    def subscribed(email, **scope):
        subscribe(email, **scope)
        response = client.post(confirm_path(mailoutbox[-1]))
        assert response.status_code == 200, response.content.decode()
        mailoutbox.clear()

    return subscribed
