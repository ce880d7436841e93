from datetime import timedelta

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone

from networks.models import NetworkRole
from pathways import services
from pathways.models import Event, PathwayVersion, Review
from tests.factories import give_role, make_user
from tests.lifecycle import BODY, publish_change, write

pytestmark = pytest.mark.django_db

Status = PathwayVersion.Status


def actions(version):
    return list(version.events.values_list("action", flat=True))


def test_a_pathway_goes_from_draft_through_review_to_version_1_0(
    draft, author, reviewer, second_reviewer, lead
):
    version = services.submit(actor=author, version=draft, change_type="major")
    assert version.status == Status.IN_REVIEW
    version = services.approve(actor=reviewer, version=version)
    assert version.status == Status.IN_REVIEW  # a major change needs two approvals
    version = services.approve(actor=second_reviewer, version=version)
    assert version.status == Status.APPROVED
    version = services.publish(actor=lead, version=version)
    assert (version.status, version.number) == (Status.PUBLISHED, "1.0")
    assert version.pathway.current_version() == version
    assert version.pathway.first_published_at is not None
    assert actions(version) == [
        "created",
        "saved",
        "submitted",
        "approved",
        "approved",
        "published",
    ]


def test_major_and_minor_changes_take_the_next_major_and_minor_numbers(
    published, author, reviewer, second_reviewer, lead
):
    people = {"author": author, "reviewers": [reviewer, second_reviewer], "lead": lead}
    minor = publish_change(published, body=BODY + "\nTypo fixed.\n", change_type="minor", **people)
    assert minor.number == "1.1"
    major = publish_change(minor, body=BODY + "\nNew drug.\n", **people)
    assert major.number == "2.0"
    assert published.pathway.current_version() == major


def test_a_minor_change_needs_one_approval_and_a_major_change_two(published, author, reviewer):
    version = services.start_new_version(actor=author, pathway=published.pathway)
    version = write(author, version, body=BODY + "\nWording.\n")
    version = services.submit(actor=author, version=version, change_type="minor")
    assert services.approve(actor=reviewer, version=version).status == Status.APPROVED


def test_the_networks_own_approval_count_applies(draft, author, reviewer, second_reviewer, woscan):
    woscan.major_change_approvals = 3
    woscan.save()
    third = make_user("third-reviewer")
    give_role(third, woscan, NetworkRole.Role.REVIEWER)
    version = services.submit(actor=author, version=draft, change_type="major")
    for person in (reviewer, second_reviewer):
        version = services.approve(actor=person, version=version)
    assert version.status == Status.IN_REVIEW
    assert services.approve(actor=third, version=version).status == Status.APPROVED


def test_a_major_change_after_1_0_needs_a_change_note(published, author):
    version = services.start_new_version(actor=author, pathway=published.pathway)
    with pytest.raises(services.TransitionError, match="change note"):
        services.submit(actor=author, version=version, change_type="major", change_note=" ")
    assert PathwayVersion.objects.get(pk=version.pk).status == Status.DRAFT


def test_an_empty_pathway_cannot_be_submitted(author, woscan, cancer):
    version = services.create_pathway(
        actor=author, network=woscan, cancer_type=cancer, title="Empty"
    )
    with pytest.raises(services.TransitionError, match="body is empty"):
        services.submit(actor=author, version=version, change_type="major")


def test_the_reviewer_who_requests_changes_must_say_what(in_review, reviewer):
    with pytest.raises(services.TransitionError, match="comment is required"):
        services.request_changes(actor=reviewer, version=in_review, comment="  ")
    assert not Review.objects.exists()


def test_requested_changes_go_back_to_the_author_and_an_edit_returns_the_version_to_draft(
    in_review, author, reviewer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        version = services.request_changes(
            actor=reviewer, version=in_review, comment="Cite SIGN 135."
        )
    assert version.status == Status.CHANGES_REQUESTED
    assert mail.outbox[-1].to == [author.email]
    assert "Cite SIGN 135." in mail.outbox[-1].body
    version = write(author, version, body=BODY + "\nSee SIGN 135.\n")
    assert version.status == Status.DRAFT
    assert Review.objects.get().voided_at is not None


def test_any_edit_voids_earlier_approvals(in_review, author, reviewer, second_reviewer):
    services.approve(actor=reviewer, version=in_review)
    version = services.recall(actor=author, version=in_review)
    version = write(author, version, body=BODY + "\nChanged after approval.\n")
    version = services.submit(actor=author, version=version, change_type="major")
    version = services.approve(actor=second_reviewer, version=version)
    assert version.status == Status.IN_REVIEW  # the first approval was for other text
    assert Review.objects.filter(voided_at__isnull=True).count() == 1


def test_recalling_and_resubmitting_unchanged_text_keeps_its_approvals(approved, author):
    version = services.recall(actor=author, version=approved)
    version = services.submit(actor=author, version=version, change_type="major")
    assert version.status == Status.APPROVED


def test_a_reviewer_decides_once_per_version(in_review, reviewer):
    services.approve(actor=reviewer, version=in_review)
    with pytest.raises(services.TransitionError, match="already decided"):
        services.approve(actor=reviewer, version=in_review)
    with pytest.raises(services.TransitionError, match="already decided"):
        services.request_changes(actor=reviewer, version=in_review, comment="Second thoughts")


def test_publishing_twice_is_refused_with_a_clear_message(published, lead):
    with pytest.raises(services.TransitionError, match="already published by"):
        services.publish(actor=lead, version=published)


def test_a_version_scheduled_for_a_future_date_is_not_current_until_then(
    published, author, reviewer, second_reviewer, lead
):
    version = services.start_new_version(actor=author, pathway=published.pathway)
    version = write(author, version, body=BODY + "\nFrom next month.\n")
    version = services.submit(
        actor=author, version=version, change_type="major", change_note="New staging."
    )
    services.approve(actor=reviewer, version=version)
    services.approve(actor=second_reviewer, version=version)
    next_week = timezone.localdate() + timedelta(days=7)
    scheduled = services.publish(actor=lead, version=version, effective_on=next_week)
    assert scheduled.is_scheduled and scheduled.number == "2.0"
    pathway = published.pathway
    assert pathway.current_version() == published
    assert (
        PathwayVersion.objects.filter(pathway=pathway)
        .in_effect(at=scheduled.effective_from + timedelta(seconds=1))
        .newest_first()
        .first()
        == scheduled
    )


def test_publication_cannot_take_effect_in_the_past(approved, lead):
    yesterday = timezone.localdate() - timedelta(days=1)
    with pytest.raises(services.TransitionError, match="past"):
        services.publish(actor=lead, version=approved, effective_on=yesterday)


def test_the_next_review_defaults_to_three_years_on(published):
    today = timezone.localdate()
    assert published.next_review_on.year == today.year + 3


def test_only_one_version_may_be_open_at_a_time(published, author):
    services.start_new_version(actor=author, pathway=published.pathway)
    with pytest.raises(services.TransitionError, match="already has a version in progress"):
        services.start_new_version(actor=author, pathway=published.pathway)


def test_a_new_version_starts_from_the_current_text(published, author):
    version = services.start_new_version(actor=author, pathway=published.pathway)
    assert (version.body, version.based_on) == (published.body, published)


def test_a_discarded_version_makes_room_for_a_new_one(published, author):
    version = services.start_new_version(actor=author, pathway=published.pathway)
    assert services.discard(actor=author, version=version).status == Status.DISCARDED
    assert services.start_new_version(actor=author, pathway=published.pathway).is_open


def test_withdrawal_needs_a_reason_and_keeps_the_history(published, lead):
    with pytest.raises(services.TransitionError, match="reason"):
        services.withdraw(actor=lead, pathway=published.pathway, reason=" ")
    pathway = services.withdraw(
        actor=lead, pathway=published.pathway, reason="Superseded by SIGN 999."
    )
    assert pathway.is_withdrawn and pathway.withdrawal_reason == "Superseded by SIGN 999."
    assert pathway.versions.published().count() == 1
    assert Event.objects.filter(action="withdrawn", version=published).exists()


def test_a_withdrawn_pathway_takes_no_new_version(published, lead, author):
    services.withdraw(actor=lead, pathway=published.pathway, reason="Replaced.")
    with pytest.raises(services.TransitionError, match="withdrawn"):
        services.start_new_version(actor=author, pathway=published.pathway)


def test_a_stale_save_is_refused_and_writes_nothing(draft, author, lead):
    opened_at = draft.edit_count
    write(lead, draft, body="Lead's text.")
    with pytest.raises(services.StaleEdit, match="saved by"):
        services.save_draft(
            actor=author,
            version=draft,
            title="T",
            summary="",
            body="Author's text",
            edit_count=opened_at,
        )
    assert PathwayVersion.objects.get(pk=draft.pk).body == "Lead's text."


def test_email_is_sent_only_after_the_transaction_commits(
    draft, author, reviewer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.submit(actor=author, version=draft, change_type="major")
    assert mail.outbox == [] and callbacks
    for callback in callbacks:
        callback()
    assert mail.outbox[0].to == [reviewer.email]
    assert "Review requested: Ovarian cancer" in mail.outbox[0].subject


def test_a_failed_transition_leaves_no_event_and_no_change(in_review, author):
    before = Event.objects.count()
    with pytest.raises(services.TransitionError):
        services.submit(actor=author, version=in_review, change_type="major")
    assert Event.objects.count() == before
    assert PathwayVersion.objects.get(pk=in_review.pk).status == Status.IN_REVIEW


def test_saved_markdown_is_rendered_once_with_its_contents_list(draft):
    assert '<h2 id="referral">Referral</h2>' in draft.body_html
    assert [item["text"] for item in draft.contents] == ["Referral", "Staging"]
    assert len(draft.content_hash) == 64


def test_a_first_version_is_submitted_as_a_major_change_with_an_optional_note(draft, woscan):
    woscan.major_change_approvals = 3
    woscan.save()
    terms = services.submission_terms(PathwayVersion.objects.get(pk=draft.pk))
    assert terms.first
    assert [(o.change_type, o.needs, o.note_required) for o in terms.options] == [
        ("major", "3 reviewer approvals", False)
    ]


def test_a_later_version_offers_each_change_type_with_the_networks_count_and_its_note_rule(
    published, author, woscan
):
    woscan.major_change_approvals, woscan.minor_change_approvals = 4, 2
    woscan.save()
    version = services.start_new_version(actor=author, pathway=published.pathway)
    terms = services.submission_terms(version)
    assert not terms.first
    assert [(o.change_type, o.needs, o.note_required) for o in terms.options] == [
        ("major", "4 reviewer approvals", True),
        ("minor", "2 reviewer approvals", False),
    ]


def test_a_first_version_is_submitted_without_a_change_note_whatever_type_is_asked_for(
    draft, author
):
    version = services.submit(actor=author, version=draft, change_type="minor", change_note="")
    assert (version.status, version.change_type) == (Status.IN_REVIEW, "major")


def test_a_second_publish_of_the_same_version_names_the_published_version(published, lead):
    with pytest.raises(services.AlreadyPublished) as refusal:
        services.publish(actor=lead, version=published)
    assert refusal.value.version == published and refusal.value.version.number == "1.0"


def test_a_service_refuses_to_run_inside_a_wider_transaction_and_changes_nothing(approved, lead):
    with pytest.raises(RuntimeError, match="durable"), transaction.atomic():
        services.publish(actor=lead, version=approved)
    approved.refresh_from_db()
    assert approved.status == Status.APPROVED
    assert not mail.outbox


def test_composed_services_commit_or_roll_back_together(in_review, reviewer, second_reviewer):
    class Abandoned(Exception):
        pass

    with pytest.raises(Abandoned), services.composed():
        services.approve(actor=reviewer, version=in_review)
        services.approve(actor=second_reviewer, version=in_review)
        raise Abandoned
    in_review.refresh_from_db()
    assert in_review.status == Status.IN_REVIEW
    assert not Review.objects.filter(version=in_review).exists()
