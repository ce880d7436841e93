"""People: the programme team's account actions that reach beyond one model."""

from django.contrib.sessions.models import Session
from django.utils import timezone


def end_sessions(user):
    """Sign a person out everywhere, at once (when their account is deactivated)."""
    ended = 0
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if session.get_decoded().get("_auth_user_id") == str(user.pk):
            session.delete()
            ended += 1
    return ended
