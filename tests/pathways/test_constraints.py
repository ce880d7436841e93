"""Each invariant is held by PostgreSQL itself: these go around the services to try to break it."""

from contextlib import contextmanager

import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from pathways.models import (
    Consultation,
    ConsultationComment,
    Event,
    Pathway,
    PathwayVersion,
    PublishedVersionIsImmutable,
    Review,
    content_hash,
)

pytestmark = pytest.mark.django_db


@contextmanager
def refused(by):
    """Expect PostgreSQL to refuse the statement, and for the reason named: a constraint's name,
    or the words of the trigger that refuses. Any other integrity error fails the test."""
    with pytest.raises(IntegrityError) as caught:
        yield
    error = caught.value.__cause__
    reason = error.diag.constraint_name or error.diag.message_primary
    assert by in reason, f"refused by {reason!r}, not {by!r}"


def test_version_numbers_are_unique_per_pathway(published):
    second = PathwayVersion(pathway=published.pathway, author=published.author, title="Copy")
    second.set_content(title="Copy", summary="", body="x")
    second.save()
    with refused("version_number_unique_per_pathway"), transaction.atomic():
        PathwayVersion.objects.filter(pk=second.pk).update(major=1, minor=0)


def test_a_pathway_has_at_most_one_open_version(draft):
    with refused("one_open_version_per_pathway"), transaction.atomic():
        PathwayVersion.objects.create(
            pathway=draft.pathway, author=draft.author, title="Second draft"
        )


def test_a_reviewer_is_never_the_versions_author(in_review, author):
    with refused("cannot review their own pathway version"), transaction.atomic():
        Review.objects.create(
            version=in_review,
            reviewer=author,
            decision="approve",
            content_hash=in_review.content_hash,
        )


def test_a_reviewer_never_reviews_a_version_they_edited(in_review, reviewer):
    Event.objects.create(
        pathway=in_review.pathway, version=in_review, actor=reviewer, action=Event.Action.SAVED
    )
    with refused("cannot review their own pathway version"), transaction.atomic():
        Review.objects.create(
            version=in_review,
            reviewer=reviewer,
            decision="approve",
            content_hash=in_review.content_hash,
        )


def test_a_version_cannot_be_handed_to_another_author_to_dodge_that_rule(in_review, reviewer):
    with refused("cannot change"), transaction.atomic():
        PathwayVersion.objects.filter(pk=in_review.pk).update(author=reviewer)


def test_one_decision_per_reviewer_per_version(in_review, reviewer):
    Review.objects.create(
        version=in_review,
        reviewer=reviewer,
        decision="approve",
        content_hash=in_review.content_hash,
    )
    with refused("one_decision_per_reviewer_per_version"), transaction.atomic():
        Review.objects.create(
            version=in_review,
            reviewer=reviewer,
            decision="approve",
            content_hash=in_review.content_hash,
        )


def test_requesting_changes_needs_a_comment(in_review, reviewer):
    with refused("request_changes_has_comment"), transaction.atomic():
        Review.objects.create(
            version=in_review,
            reviewer=reviewer,
            decision="request_changes",
            comment="   ",
            content_hash=in_review.content_hash,
        )


def test_a_withdrawal_has_a_reason(published):
    with refused("pathway_withdrawal_has_reason"), transaction.atomic():
        Pathway.objects.filter(pk=published.pathway_id).update(
            withdrawn_at=timezone.now(), withdrawal_reason=" \n"
        )


def test_a_published_version_is_numbered_and_dated(approved):
    with refused("published_version_is_numbered_and_dated"), transaction.atomic():
        PathwayVersion.objects.filter(pk=approved.pk).update(status="published")


def test_a_major_change_after_1_0_is_not_published_without_a_note(published, author):
    version = PathwayVersion.objects.create(
        pathway=published.pathway, author=author, title="t", change_type="major", change_note=""
    )
    with refused("major_change_after_first_has_note"), transaction.atomic():
        PathwayVersion.objects.filter(pk=version.pk).update(
            status="published",
            major=2,
            minor=0,
            published_at=timezone.now(),
            effective_from=timezone.now(),
            next_review_on=published.next_review_on,
        )


class TestAPublishedVersionNeverChanges:
    def test_save_on_the_model_refuses(self, published):
        published.body = "Quietly changed."
        with pytest.raises(PublishedVersionIsImmutable):
            published.save()

    def test_a_queryset_update_is_refused_by_the_database(self, published):
        with refused("is immutable"), transaction.atomic():
            PathwayVersion.objects.filter(pk=published.pk).update(body="Quietly changed.")

    def test_raw_sql_is_refused_by_the_database(self, published):
        with refused("is immutable"), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                "UPDATE pathways_pathwayversion SET title = 'x' WHERE id = %s", [published.pk]
            )

    def test_deletion_is_refused_by_the_database(self, published):
        with refused("is immutable"), transaction.atomic():
            PathwayVersion.objects.filter(pk=published.pk)._raw_delete(connection.alias)

    def test_the_text_is_as_published_after_every_attempt_to_change_it(self, published):
        attempts = [
            lambda: PathwayVersion.objects.filter(pk=published.pk).update(body="Changed."),
            lambda: PathwayVersion.objects.filter(pk=published.pk).update(
                title="Changed", summary="Changed.", content_hash="0" * 64
            ),
            lambda: PathwayVersion.objects.filter(pk=published.pk).update(status="draft"),
        ]
        for attempt in attempts:
            with refused("is immutable"), transaction.atomic():
                attempt()
        stored = PathwayVersion.objects.get(pk=published.pk)
        assert (stored.title, stored.summary, stored.body, stored.status) == (
            published.title,
            published.summary,
            published.body,
            "published",
        )
        assert stored.content_hash == content_hash(stored.title, stored.summary, stored.body)


def test_events_are_append_only(published):
    event = Event.objects.filter(version=published).first()
    with refused("append-only"), transaction.atomic():
        Event.objects.filter(pk=event.pk).update(note="rewritten")
    with refused("append-only"), transaction.atomic():
        Event.objects.filter(pk=event.pk)._raw_delete(connection.alias)


class TestTheRecordOfHowAPublishedVersionWasAgreedNeverChanges:
    """Its decisions and consultation comments are refused any change by PostgreSQL itself."""

    def test_a_decision_is_neither_changed_added_nor_deleted(self, published, lead):
        review = published.reviews.first()
        with refused("is immutable"), transaction.atomic():
            Review.objects.filter(pk=review.pk).update(comment="Rewritten after the fact.")
        with refused("is immutable"), transaction.atomic():
            Review.objects.filter(pk=review.pk)._raw_delete(connection.alias)
        with refused("is immutable"), transaction.atomic():
            Review.objects.create(
                version=published,
                reviewer=lead,
                decision="approve",
                content_hash=published.content_hash,
            )
        assert Review.objects.get(pk=review.pk).comment == review.comment

    def test_a_consultation_comment_is_neither_changed_nor_deleted(self, published, lead):
        consultation = Consultation.objects.create(
            version=published,
            opens_on=published.published_at.date(),
            closes_on=published.published_at.date(),
            opened_by=lead,
        )  # the version is published: the database refuses even this comment
        with refused("is immutable"), transaction.atomic():
            ConsultationComment.objects.create(
                consultation=consultation, section="s", section_heading="S", text="T",
                commenter=lead, name="Lesley Lead",
            )  # fmt: skip
