"""One rule, one place: the permission policy and the review-date rules, asked by every page,
queue, e-mail and admin filter, agree with what the services allow."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from networks.models import NetworkRole
from pathways import consultations, policy, services
from pathways.models import ConsultationComment, PathwayVersion
from pathways.policy import Action, PathwayAction
from tests.factories import give_role, make_user
from tests.lifecycle import BODY, write
from workspace.views import _review_queue

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_who_reviews(woscan):
    """Someone who both writes and reviews for the network."""
    person = make_user("editor-reviewer")
    give_role(person, woscan, NetworkRole.Role.AUTHOR)
    give_role(person, woscan, NetworkRole.Role.REVIEWER)
    return person


class TestAReviewerWhoEditedTheDraft:
    @pytest.fixture
    def version(self, draft, author, editor_who_reviews, mailoutbox):
        edited = write(editor_who_reviews, draft, body=BODY + "\nAn edit.\n")
        return services.submit(actor=author, version=edited, change_type="major")

    def test_does_not_find_it_in_their_review_queue(self, version, editor_who_reviews, reviewer):
        assert version not in _review_queue(editor_who_reviews)
        assert version in _review_queue(reviewer)

    def test_is_shown_no_review_button(self, client, version, editor_who_reviews):
        client.force_login(editor_who_reviews)
        html = client.get(reverse("workspace:version", args=[version.pk])).content.decode()
        assert reverse("workspace:review", args=[version.pk]) not in html

    def test_is_refused_by_the_service(self, version, editor_who_reviews):
        with pytest.raises(PermissionDenied, match="wrote or edited"):
            services.approve(actor=editor_who_reviews, version=version)

    def test_is_not_asked_to_review_it(
        self, draft, author, editor_who_reviews, reviewer, mailoutbox,
        django_capture_on_commit_callbacks,
    ):  # fmt: skip
        edited = write(editor_who_reviews, draft, body=BODY + "\nAn edit.\n")
        with django_capture_on_commit_callbacks(execute=True):
            services.submit(actor=author, version=edited, change_type="major")
        asked = {address for message in mailoutbox for address in message.to}
        assert reviewer.email in asked and editor_who_reviews.email not in asked


class TestReviewDates:
    @pytest.fixture
    def replaced(self, published, author, reviewer, second_reviewer, lead):
        """1.0 superseded by 2.0, whose review falls due two years after 1.0's."""
        version = services.start_new_version(actor=author, pathway=published.pathway)
        version = write(author, version, body=BODY + "\nNew.\n")
        version = services.submit(
            actor=author, version=version, change_type="major", change_note="New."
        )
        services.approve(actor=reviewer, version=version)
        version = services.approve(actor=second_reviewer, version=version)
        later = published.next_review_on + timedelta(days=730)
        return services.publish(actor=lead, version=version, next_review_on=later)

    def test_a_superseded_versions_passed_review_date_is_overdue_nowhere(
        self, client, published, replaced, programme_team, monkeypatch
    ):
        after_1_0_was_due = published.next_review_on + timedelta(days=1)
        monkeypatch.setattr(timezone, "localdate", lambda *args: after_1_0_was_due)
        client.force_login(programme_team)
        for changelist in ["pathwayversion", "pathway"]:
            url = reverse(f"admin:pathways_{changelist}_changelist")
            response = client.get(url, {"review": "overdue"})
            assert response.context["cl"].result_count == 0, changelist
        oversight = client.get(reverse("workspace:oversight_export", args=["overdue"]))
        assert oversight.content.decode().strip().count("\n") == 0  # the header row only
        assert list(PathwayVersion.objects.overdue()) == []

    def test_the_current_versions_passed_review_date_is_overdue_everywhere(
        self, client, replaced, programme_team, monkeypatch
    ):
        monkeypatch.setattr(
            timezone, "localdate", lambda *args: replaced.next_review_on + timedelta(days=1)
        )
        client.force_login(programme_team)
        versions = client.get(
            reverse("admin:pathways_pathwayversion_changelist"), {"review": "overdue"}
        )
        assert list(versions.context["cl"].result_list) == [replaced]
        oversight = client.get(reverse("workspace:oversight_export", args=["overdue"]))
        assert "Ovarian cancer" in oversight.content.decode()
        assert list(PathwayVersion.objects.overdue()) == [replaced]

    def test_due_soon_is_one_window_for_the_admin_oversight_and_reminders(
        self, client, published, programme_team, settings, monkeypatch
    ):
        settings.REVIEW_DUE_SOON_DAYS = 30
        monkeypatch.setattr(
            timezone, "localdate", lambda *args: published.next_review_on - timedelta(days=29)
        )
        assert list(PathwayVersion.objects.due_within()) == [published]
        client.force_login(programme_team)
        admin = client.get(reverse("admin:pathways_pathway_changelist"), {"review": "soon"})
        assert admin.context["cl"].result_count == 1
        assert "Due within 30 days" in admin.content.decode()
        settings.REVIEW_DUE_SOON_DAYS = 28
        assert list(PathwayVersion.objects.due_within()) == []


# --- Every demo person x every version x every action ---------------------------------------


class Rollback(Exception):
    """Raised inside an attempt so that whatever the service did is undone."""


ATTEMPTS = {
    Action.EDIT: lambda user, v: services.save_draft(
        actor=user, version=v, title=v.title, summary=v.summary, body=v.body + "\nEdit.\n",
        edit_count=v.edit_count,
    ),
    Action.SUBMIT: lambda user, v: services.submit(
        actor=user, version=v, change_type="major", change_note="A change."
    ),
    Action.RECALL: lambda user, v: services.recall(actor=user, version=v),
    Action.APPROVE: lambda user, v: services.approve(actor=user, version=v),
    Action.REQUEST_CHANGES: lambda user, v: services.request_changes(
        actor=user, version=v, comment="Please cite the evidence."
    ),
    Action.PUBLISH: lambda user, v: services.publish(actor=user, version=v),
    Action.DISCARD: lambda user, v: services.discard(actor=user, version=v),
    Action.RECLASSIFY: lambda user, v: services.reclassify(
        actor=user, version=v, reason="It changes which patients are offered surgery."
    ),
    Action.ANSWER: lambda user, v: services.answer_request(
        actor=user, review=_a_request_on(v), answer="Kept as written: SIGN advice."
    ),
    Action.OPEN_CONSULTATION: lambda user, v: consultations.open_consultation(
        actor=user, version=v, opens_on=timezone.localdate(), closes_on=timezone.localdate() + timedelta(days=28)
    ),
    Action.RESPOND_TO_COMMENTS: lambda user, v: consultations.respond(
        actor=user, comment=_a_comment_on(v), response="noted"
    ),
}  # fmt: skip


def _a_request_on(version):
    """The request for changes an answer would answer (refused by the service if none waits)."""
    request = version.reviews.filter(decision="request_changes").last()
    if request is None:
        raise services.TransitionError("No request for changes.")
    return request


def _a_comment_on(version):
    comment = ConsultationComment.objects.filter(consultation__version=version, response="").first()
    if comment is None:
        raise services.TransitionError("No comment waits for a response.")
    return comment


def service_allows(user, action, version):
    try:
        with services.composed():
            ATTEMPTS[action](user, version)
            raise Rollback
    except Rollback:
        return True
    except (PermissionDenied, services.TransitionError):
        return False


def buttons_shown(client, version):
    """The actions the workspace offers on the version's page (and its review page)."""
    page = client.get(reverse("workspace:version", args=[version.pk]))
    if page.status_code == 404:
        return set()
    html = page.content.decode()
    url = lambda name: reverse(f"workspace:{name}", args=[version.pk])  # noqa: E731
    shown = {
        Action.EDIT: f'href="{url("edit")}"' in html,
        Action.SUBMIT: f'href="{url("submit")}"' in html,
        Action.REQUEST_CHANGES: f'href="{url("review")}"' in html,
        Action.PUBLISH: f'href="{url("publish")}"' in html,
        Action.RECALL: f'action="{url("recall")}"' in html,
        Action.DISCARD: f'href="{url("discard")}"' in html,
        Action.RECLASSIFY: f'action="{url("reclassify")}"' in html,
        Action.ANSWER: f'href="{url("answer")}"' in html,
        Action.OPEN_CONSULTATION: f'href="{url("open_consultation")}"' in html,
        Action.RESPOND_TO_COMMENTS: f'href="{url("consultation_responses")}"' in html,
    }
    review = client.get(url("review"))
    shown[Action.APPROVE] = (
        review.status_code == 200 and 'value="approve"' in review.content.decode()
    )
    return {action for action, present in shown.items() if present}


@pytest.fixture
def demo(settings):
    settings.DEBUG = True  # load_demo refuses otherwise
    call_command("load_demo", stdout=open("/dev/null", "w"))
    settings.DEBUG = False


def test_on_the_demo_each_button_is_shown_exactly_when_the_service_allows_it(demo, client):
    from django.contrib.auth.models import User

    versions = list(PathwayVersion.objects.exclude(status="discarded").select_related("pathway"))
    people = list(User.objects.filter(is_active=True))
    disagreements = []
    checked = 0
    for person in people:
        client.force_login(person)
        queue = set(_review_queue(person))
        for version in versions:
            shown = buttons_shown(client, version)
            for action in Action:
                allowed = service_allows(person, action, version)
                checked += 1
                if (action in shown) != allowed:
                    disagreements.append((person.username, str(version), action.value, allowed))
                if action == Action.APPROVE and (version in queue) != allowed:
                    disagreements.append((person.username, str(version), "queue", allowed))
                if allowed != policy.permits(person, action, version):
                    disagreements.append((person.username, str(version), "policy", allowed))
    assert checked > 500 and any(
        service_allows(p, Action.APPROVE, v) for p in people for v in versions
    )
    assert disagreements == []


PATHWAY_ATTEMPTS = {
    PathwayAction.NEW_VERSION: lambda user, p: services.start_new_version(actor=user, pathway=p),
    PathwayAction.WITHDRAW: lambda user, p: services.withdraw(
        actor=user, pathway=p, reason="Gone."
    ),
}


def pathway_service_allows(user, action, pathway):
    try:
        with services.composed():
            PATHWAY_ATTEMPTS[action](user, pathway)
            raise Rollback
    except Rollback:
        return True
    except (PermissionDenied, services.TransitionError):
        return False


def test_on_the_demo_new_version_and_withdraw_are_offered_exactly_when_allowed(demo, client):
    from django.contrib.auth.models import User

    from pathways.models import Pathway

    disagreements = []
    for person in User.objects.filter(is_active=True):
        client.force_login(person)
        for pathway in Pathway.objects.select_related("network"):
            page = client.get(reverse("workspace:pathway", args=[pathway.slug]))
            html = page.content.decode() if page.status_code == 200 else ""
            shown = {
                PathwayAction.NEW_VERSION: (
                    f'action="{reverse("workspace:new_version", args=[pathway.slug])}"' in html
                ),
                PathwayAction.WITHDRAW: (
                    f'href="{reverse("workspace:withdraw", args=[pathway.slug])}"' in html
                ),
            }
            for action, offered in shown.items():
                if offered != pathway_service_allows(person, action, pathway):
                    disagreements.append((person.username, pathway.slug, action.value))
    assert disagreements == []
