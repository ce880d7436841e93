"""Every transition against every persona: allowed where the spec allows, refused elsewhere,
and a refusal changes nothing."""

import pytest
from django.core.exceptions import PermissionDenied

from pathways import services
from pathways.models import Event, PathwayVersion
from tests.factories import make_user

pytestmark = pytest.mark.django_db

PERSONAS = ["author", "lead", "reviewer", "outsider", "programme_team", "nobody"]


@pytest.fixture
def nobody(db):
    return make_user("nobody")


def person(request, name):
    return request.getfixturevalue(name)


TRANSITIONS = {
    # name: (stage fixture, call, personas allowed)
    "create": (
        "woscan",
        lambda actor, obj, request: services.create_pathway(
            actor=actor,
            network=obj,
            cancer_type=request.getfixturevalue("cancer"),
            title="New pathway",
        ),
        {"author", "lead"},
    ),
    "save_draft": (
        "draft",
        lambda actor, obj, request: services.save_draft(
            actor=actor,
            version=obj,
            title="T",
            summary="",
            body="Changed",
            edit_count=obj.edit_count,
        ),
        {"author", "lead"},
    ),
    "submit": (
        "draft",
        lambda actor, obj, request: services.submit(actor=actor, version=obj, change_type="major"),
        {"author", "lead"},
    ),
    "recall": (
        "in_review",
        lambda actor, obj, request: services.recall(actor=actor, version=obj),
        {"author", "lead"},
    ),
    "approve": (
        "in_review",
        lambda actor, obj, request: services.approve(actor=actor, version=obj),
        {"reviewer"},
    ),
    "request_changes": (
        "in_review",
        lambda actor, obj, request: services.request_changes(
            actor=actor, version=obj, comment="Please add the SACT regimen."
        ),
        {"reviewer"},
    ),
    "publish": (
        "approved",
        lambda actor, obj, request: services.publish(actor=actor, version=obj),
        {"lead", "programme_team"},
    ),
    "withdraw": (
        "published",
        lambda actor, obj, request: services.withdraw(
            actor=actor, pathway=obj.pathway, reason="Replaced."
        ),
        {"lead", "programme_team"},
    ),
    "discard": (
        "draft",
        lambda actor, obj, request: services.discard(actor=actor, version=obj),
        {"author", "lead", "programme_team"},
    ),
    "new_version": (
        "published",
        lambda actor, obj, request: services.start_new_version(actor=actor, pathway=obj.pathway),
        {"author", "lead"},
    ),
}


def _snapshot():
    return (
        list(PathwayVersion.objects.order_by("pk").values_list("status", "body", "major")),
        Event.objects.count(),
    )


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("transition", list(TRANSITIONS))
def test_each_transition_is_allowed_only_to_the_roles_the_spec_names(request, transition, persona):
    stage, call, allowed = TRANSITIONS[transition]
    obj = request.getfixturevalue(stage)
    actor = person(request, persona)
    if persona in allowed:
        call(actor, obj, request)
        return
    before = _snapshot()
    with pytest.raises(PermissionDenied):
        call(actor, obj, request)
    assert _snapshot() == before


def test_the_author_cannot_approve_their_own_version_even_as_a_reviewer(in_review, author, woscan):
    from networks.models import NetworkRole
    from tests.factories import give_role

    give_role(author, woscan, NetworkRole.Role.REVIEWER)
    with pytest.raises(PermissionDenied, match="someone else must review"):
        services.approve(actor=author, version=in_review)


def test_a_reviewer_who_edited_the_draft_cannot_approve_it(draft, reviewer, woscan):
    from networks.models import NetworkRole
    from tests.factories import give_role
    from tests.lifecycle import write

    give_role(reviewer, woscan, NetworkRole.Role.AUTHOR)
    version = write(reviewer, draft, body="Reviewer's own wording.")
    version = services.submit(actor=reviewer, version=version, change_type="major")
    with pytest.raises(PermissionDenied):
        services.approve(actor=reviewer, version=version)


def test_a_deactivated_account_can_do_nothing(in_review, reviewer):
    reviewer.is_active = False
    reviewer.save()
    with pytest.raises(PermissionDenied):
        services.approve(actor=reviewer, version=in_review)
