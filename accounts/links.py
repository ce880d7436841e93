"""Links that work outside the portal, in e-mails: every one starts with the configured public
address, `settings.PORTAL_BASE_URL`, never with whatever host a request happened to name."""

from django.conf import settings


def absolute_url(path):
    """`path` on the portal's public address."""
    return settings.PORTAL_BASE_URL.rstrip("/") + path
