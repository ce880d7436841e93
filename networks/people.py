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


def privileges_not_held(editor, *, superuser=False, staff=False, groups=(), permissions=()):
    """What of these `editor` may not grant to anyone (themselves included), as readable
    phrases: a person can only give what they hold, so nobody raises their own rights by
    giving them to an account they control."""
    if editor.is_superuser:
        return []
    refused = []
    if superuser:
        refused.append("superuser status")
    if staff and not editor.is_staff:
        refused.append("staff status")
    held_groups = set(editor.groups.values_list("pk", flat=True))
    refused += [f'the group "{group}"' for group in groups if group.pk not in held_groups]
    refused += [
        f'the permission "{permission.name}"'
        for permission in permissions
        if not editor.has_perm(f"{permission.content_type.app_label}.{permission.codename}")
    ]
    return refused


def may_change_account(editor, account):
    """Only a superuser changes a superuser's account: otherwise its password could be reset
    and the account used to grant anything."""
    return editor.is_superuser or not account.is_superuser
