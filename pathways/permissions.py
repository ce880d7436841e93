"""Who may do what to a pathway, by their role in its owning network.

Authors and leads draft and submit; reviewers review; leads and the programme team (staff)
publish and withdraw. Everyone with a role in the network, and staff, may see its workspace.
"""

from django.core.exceptions import PermissionDenied

from networks.models import NetworkRole

Role = NetworkRole.Role


def roles_in(user, network):
    if not user.is_authenticated or not user.is_active:
        return set()
    return set(
        NetworkRole.objects.filter(user=user, network=network).values_list("role", flat=True)
    )


def can_view(user, network):
    return bool(roles_in(user, network)) or _is_programme_team(user)


def can_author(user, network):
    return bool(roles_in(user, network) & {Role.AUTHOR, Role.LEAD})


def can_review(user, network):
    return Role.REVIEWER in roles_in(user, network)


def can_publish(user, network):
    return Role.LEAD in roles_in(user, network) or _is_programme_team(user)


def can_discard(user, network):
    """Authors, leads and the programme team may abandon a version that is not yet published."""
    return allowed_actions(user, network)["discard"]


def allowed_actions(user, network):
    """Everything the workspace pages need to know, from one query."""
    roles = roles_in(user, network)
    staff = _is_programme_team(user)
    author = bool(roles & {Role.AUTHOR, Role.LEAD})
    publish = Role.LEAD in roles or staff
    return {
        "view": bool(roles) or staff,
        "author": author,
        "review": Role.REVIEWER in roles,
        "publish": publish,
        "discard": author or publish,
    }


def _is_programme_team(user):
    return user.is_authenticated and user.is_active and user.is_staff


def require_author(user, network):
    if not can_author(user, network):
        raise PermissionDenied(
            "Only authors and leads of the network write and submit its pathways."
        )


def require_reviewer(user, network):
    if not can_review(user, network):
        raise PermissionDenied("Only reviewers of the owning network review its pathways.")


def require_publisher(user, network):
    if not can_publish(user, network):
        raise PermissionDenied(
            "Only the network's leads and the programme team publish and withdraw."
        )


def require_discarder(user, network):
    if not can_discard(user, network):
        raise PermissionDenied("Only authors, leads and the programme team discard versions.")
