"""Security events as structured lines: one JSON object per event, with actor, object and UTC
time. JSON encoding turns CR, LF and every other control character in a logged value into an
escape, so no value can forge a second log line."""

import json
import logging
from datetime import UTC, datetime

from django.core.exceptions import PermissionDenied

logger = logging.getLogger("scn_portal.security")


def record(event, *, actor=None, target=None, **details):
    line = {
        "time": datetime.now(UTC).isoformat(timespec="milliseconds"),
        "event": event,
        "actor": _name(actor),
        "object": None
        if target is None
        else f"{type(target).__name__}:{getattr(target, 'pk', '')} {target}",
        **details,
    }
    logger.info(json.dumps(line, default=str, ensure_ascii=True))


def _name(actor):
    if actor is None or not getattr(actor, "is_authenticated", False):
        return "anonymous"
    return f"{actor.get_username()}#{actor.pk}"


def client_address(request):
    return request.META.get("REMOTE_ADDR", "") if request is not None else ""


def logged_in(sender, request, user, **kwargs):
    record("login", actor=user, address=client_address(request))


def logged_out(sender, request, user, **kwargs):
    record("logout", actor=user, address=client_address(request))


def login_failed(sender, credentials, request=None, **kwargs):
    record(
        "login_failed",
        username=credentials.get("username", ""),
        address=client_address(request),
        throttled=bool(getattr(request, "login_throttled", False)),
    )


class RefusalLoggingMiddleware:
    """Logs every refused action (403), whoever refused it: view, service or admin."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, PermissionDenied):
            record(
                "refused",
                actor=getattr(request, "user", None),
                path=request.path,
                method=request.method,
                reason=str(exception),
                address=client_address(request),
            )
        return None
