"""Sign-in throttling: after repeated failures for one account, or from one address, sign-in
pauses for a while, with the same clear message whether or not the account exists."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from accounts.models import LoginFailure
from accounts.security_log import client_address

THROTTLED_MESSAGE = (
    "Too many failed attempts to sign in. Wait {minutes} minutes, then try again. "
    "If you have forgotten your password, ask the programme team."
)


def throttled_message():
    return THROTTLED_MESSAGE.format(minutes=settings.LOGIN_FAILURE_WINDOW_MINUTES)


def is_throttled(username, address):
    since = timezone.now() - timedelta(minutes=settings.LOGIN_FAILURE_WINDOW_MINUTES)
    recent = LoginFailure.objects.filter(at__gte=since)
    return recent.filter(
        username=username.lower()
    ).count() >= settings.LOGIN_FAILURES_PER_ACCOUNT or (
        address and recent.filter(address=address).count() >= settings.LOGIN_FAILURES_PER_ADDRESS
    )


class ThrottledModelBackend(ModelBackend):
    """Django's own backend (constant-time for unknown users), with failures counted."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        username = username or kwargs.get("username") or ""
        address = client_address(request) or None
        if is_throttled(username, address):
            if request is not None:
                request.login_throttled = True
            raise PermissionDenied  # stops authentication without checking the password
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is None:
            LoginFailure.objects.create(username=username.lower()[:150], address=address)
            # Nothing older than a day matters for throttling: keep the table small.
            LoginFailure.objects.filter(at__lt=timezone.now() - timedelta(days=1)).delete()
        else:
            LoginFailure.objects.filter(username=username.lower()).delete()
        return user
