"""National consensus: the rule (every constituency a pathway names approves its current text,
and no request for changes is open), reservations and declarations of interest, the lead's
answer, reclassification, who may review and publish, and the pages that show where a version
stands: the review page, the version page, My pathways and the public record of how a version
was agreed."""

import itertools
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from networks.models import CancerType, Constituency, HealthBoard, Network, NetworkRole, Profile
from pathways import consensus, consultations, policy, services
from pathways.models import Event, PathwayVersion, Review
from pathways.policy import Action
from tests.factories import give_role, make_user
from tests.inert import assert_inert
from tests.lifecycle import BODY, write

pytestmark = pytest.mark.django_db

Status = PathwayVersion.Status
Role = NetworkRole.Role

NCA = "north-cancer-alliance"
SCAN = "south-east-scotland-cancer-network"
WOSCAN = "west-of-scotland-cancer-network"
PHARMACY = "pharmacy"
RADIOLOGY = "radiology"
SEATS = ["nca", "scan", "woscan", "pharmacy"]  # the constituencies the lung pathway names
INTERESTS = "Advisory board fees from Acme Pharma, 2025."
RESERVATION = "The evidence for second-line immunotherapy is thin."


def constituency(slug):
    return Constituency.objects.get(slug=slug)


def person(username, *constituencies, first_name="", last_name="", job_title="", board=None):
    """Someone at a national table: a member of `constituencies`, with a profile."""
    user = make_user(username, first_name=first_name, last_name=last_name)
    for slug in constituencies:
        constituency(slug).members.add(user)
    if job_title or board:
        Profile.objects.create(
            user=user,
            job_title=job_title,
            board=HealthBoard.objects.get(slug=board) if board else None,
        )
    return user


@pytest.fixture
def group(db):
    return Network.objects.create(
        name="National Lung Cancer Pathway Group",
        short_name="NLCPG",
        slug="lung-group",
        kind=Network.Kind.NATIONAL_GROUP,
    )


@pytest.fixture
def group_author(group):
    user = make_user("group-author", first_name="Ailsa", last_name="Author")
    give_role(user, group, Role.AUTHOR)
    return user


@pytest.fixture
def group_lead(group):
    user = make_user("group-lead", first_name="Lorna", last_name="Lead")
    give_role(user, group, Role.LEAD)
    return user


@pytest.fixture
def seat_holders(db):
    """One member of each constituency the lung pathway needs (none with a role in the group)."""
    return {
        "nca": person(
            "nca-reviewer", NCA, first_name="Niamh", last_name="North",
            job_title="Consultant thoracic surgeon", board="grampian",
        ),
        "scan": person("scan-reviewer", SCAN, first_name="Sorcha", last_name="South"),
        "woscan": person("woscan-reviewer", WOSCAN, first_name="Wallace", last_name="West"),
        "pharmacy": person(
            "pharmacist", PHARMACY, first_name="Priya", last_name="Pharmacist",
            job_title="Lead cancer pharmacist", board="lothian",
        ),
    }  # fmt: skip


@pytest.fixture
def group_reviewer(group):
    """A reviewer of the group itself, a radiologist: at the table, but in no seat it needs."""
    user = person("group-reviewer", RADIOLOGY, first_name="Rory", last_name="Radiologist")
    give_role(user, group, Role.REVIEWER)
    return user


@pytest.fixture
def national_draft(group, group_author):
    """The national lung pathway: a major change needs NCA, SCAN, WoSCAN and Pharmacy."""
    version = services.create_pathway(
        actor=group_author,
        network=group,
        cancer_type=CancerType.objects.get(slug="lung"),
        title="Lung cancer",
        disciplines=[constituency(PHARMACY)],
    )
    return write(group_author, version, body=BODY)


@pytest.fixture
def national_in_review(national_draft, group_author):
    return services.submit(actor=group_author, version=national_draft, change_type="major")


def approve_by(version, *people, **decision):
    for each in people:
        version = services.approve(actor=each, version=version, **decision)
    return version


@pytest.fixture
def national_published(national_in_review, seat_holders, programme_team):
    version = approve_by(national_in_review, *seat_holders.values())
    return services.publish(actor=programme_team, version=version)


def status_of(version):
    return PathwayVersion.objects.get(pk=version.pk).status


def new_minor_change(published, author):
    version = services.start_new_version(actor=author, pathway=published.pathway)
    version = write(author, version, body=BODY + "\nA typing error corrected.\n")
    return services.submit(actor=author, version=version, change_type="minor")


class Rollback(Exception):
    """Raised to undo what an attempt did, carrying what it found."""


def agreed_with(version, approvers):
    """Whether `version` is agreed once `approvers` approve it; everything is then undone."""
    try:
        with services.composed():
            version = approve_by(version, *approvers)
            raise Rollback(consensus.consensus_of(version).reached, status_of(version))
    except Rollback as outcome:
        return outcome.args


# --- The rule ------------------------------------------------------------------------------


class TestTheRule:
    def test_the_pathway_names_the_three_regions_and_its_disciplines(self, national_in_review):
        needed = consensus.consensus_of(national_in_review).requirement
        assert [c.slug for c in needed.constituencies] == [NCA, SCAN, WOSCAN, PHARMACY]

    def test_every_combination_of_constituencies_agrees_it_only_when_all_four_approve(
        self, national_in_review, seat_holders
    ):
        outcomes = {
            seats: agreed_with(national_in_review, [seat_holders[s] for s in seats])
            for size in range(len(SEATS) + 1)
            for seats in itertools.combinations(SEATS, size)
        }
        assert len(outcomes) == 16
        for seats, (reached, status) in outcomes.items():
            complete = seats == tuple(SEATS)
            assert reached is complete, seats
            assert status == (Status.APPROVED if complete else Status.IN_REVIEW), seats

    @pytest.mark.parametrize("absent", SEATS)
    def test_without_any_one_constituency_it_is_not_agreed(
        self, national_in_review, seat_holders, programme_team, absent
    ):
        others = [seat_holders[seat] for seat in SEATS if seat != absent]
        version = approve_by(national_in_review, *others)
        standing = consensus.consensus_of(version)
        assert not standing.reached and version.status == Status.IN_REVIEW
        assert standing.missing == [seat_holders[absent].constituencies.get()]
        assert standing.progress() == "3 of 4 constituencies"
        with pytest.raises(services.TransitionError, match="only an approved version"):
            services.publish(actor=programme_team, version=version)

    def test_a_member_of_two_constituencies_approving_counts_for_both(
        self, national_in_review, seat_holders
    ):
        constituency(PHARMACY).members.add(seat_holders["scan"])  # a SCAN pharmacist
        version = approve_by(national_in_review, seat_holders["nca"], seat_holders["scan"])
        assert consensus.consensus_of(version).progress() == "3 of 4 constituencies"
        version = approve_by(version, seat_holders["woscan"])
        assert version.status == Status.APPROVED

    def test_an_approval_from_outside_the_named_constituencies_fills_no_seat(
        self, national_in_review, group_reviewer
    ):
        version = approve_by(national_in_review, group_reviewer)
        standing = consensus.consensus_of(version)
        assert [review.reviewer for review in standing.approvals] == [group_reviewer]
        assert all(seat.state == "Waiting" for seat in standing.seats)
        assert standing.progress() == "0 of 4 constituencies" and not standing.reached

    def test_an_open_request_for_changes_blocks_even_when_every_seat_has_approved(
        self, national_in_review, seat_holders, group_reviewer, programme_team
    ):
        version = approve_by(national_in_review, *seat_holders.values())
        assert version.status == Status.APPROVED
        version = services.request_changes(
            actor=group_reviewer, version=version, comment="Cite the staging evidence."
        )
        standing = consensus.consensus_of(version)
        assert all(seat.approved for seat in standing.seats)
        assert not standing.reached and standing.state() == "Changes requested"
        assert version.status == Status.CHANGES_REQUESTED
        with pytest.raises(services.TransitionError):
            services.publish(actor=programme_team, version=version)

    def test_a_request_answered_by_the_lead_stops_blocking(
        self, national_in_review, seat_holders, group_reviewer, group_lead, programme_team
    ):
        version = approve_by(national_in_review, *seat_holders.values())
        version = services.request_changes(
            actor=group_reviewer, version=version, comment="Cite the staging evidence.",
            interests=INTERESTS,
        )  # fmt: skip
        request = version.reviews.get(decision=Review.Decision.REQUEST_CHANGES)
        version = services.answer_request(
            actor=group_lead, review=request, answer="The staging section cites SIGN 137."
        )
        assert version.status == Status.APPROVED  # its text already had every seat
        standing = consensus.consensus_of(version)
        assert standing.reached and standing.open_requests == ()
        assert [r.answer for r in standing.answered] == ["The staging section cites SIGN 137."]
        assert services.publish(actor=programme_team, version=version).number == "1.0"

    def test_an_edit_voids_every_approval_and_request(
        self, national_in_review, seat_holders, group_reviewer, group_author
    ):
        version = approve_by(national_in_review, seat_holders["nca"], seat_holders["scan"])
        version = services.request_changes(
            actor=group_reviewer, version=version, comment="Cite the staging evidence."
        )
        version = write(group_author, version, body=BODY + "\nEvidence: SIGN 137.\n")
        standing = consensus.consensus_of(version)
        assert standing.approvals == () and standing.open_requests == ()
        assert standing.progress() == "0 of 4 constituencies"
        assert not version.reviews.filter(voided_at__isnull=True).exists()
        version = services.submit(actor=group_author, version=version, change_type="major")
        assert version.status == Status.IN_REVIEW

    def test_a_reservation_counts_as_an_approval_and_is_recorded_with_the_declaration(
        self, national_in_review, seat_holders
    ):
        nca, scan, woscan, pharmacist = seat_holders.values()
        version = approve_by(national_in_review, nca, scan, woscan)
        version = services.approve(
            actor=pharmacist, version=version, reservation=RESERVATION, interests=INTERESTS
        )
        assert version.status == Status.APPROVED
        standing = consensus.consensus_of(version)
        [reservation] = standing.reservations
        assert (reservation.reviewer, reservation.comment) == (pharmacist, RESERVATION)
        assert reservation.interests == INTERESTS and reservation.is_reservation
        assert version.events.last().note == f"With a reservation: {RESERVATION}"

    def test_a_pathway_naming_no_constituency_needs_its_networks_count_of_approvals(
        self, in_review, reviewer, second_reviewer
    ):
        standing = consensus.consensus_of(in_review)
        assert standing.seats == () and standing.progress() == "0 of 2 approvals"
        version = approve_by(in_review, reviewer)
        assert consensus.consensus_of(version).progress() == "1 of 2 approvals"
        assert version.status == Status.IN_REVIEW
        assert approve_by(version, second_reviewer).status == Status.APPROVED

    def test_a_minor_change_needs_any_one_reviewer_at_the_table_by_default(
        self, national_published, group_author, seat_holders
    ):
        version = new_minor_change(national_published, group_author)
        standing = consensus.consensus_of(version)
        assert standing.seats == () and standing.requirement.count == 1
        assert approve_by(version, seat_holders["woscan"]).status == Status.APPROVED

    def test_many_versions_at_once_stand_as_each_does_alone(
        self, national_in_review, in_review, seat_holders, reviewer, django_assert_num_queries
    ):
        approve_by(national_in_review, seat_holders["nca"])
        approve_by(in_review, reviewer)
        versions = list(PathwayVersion.objects.filter(status=Status.IN_REVIEW))
        with django_assert_num_queries(6):  # pathways, networks, two rules, decisions, seats
            each = consensus.consensus_of_each(versions)
        for version in versions:
            alone = consensus.consensus_of(version)
            assert each[version.pk].progress() == alone.progress()
            assert each[version.pk].approvals == alone.approvals


# --- Reclassification ------------------------------------------------------------------------


class TestReclassification:
    @pytest.fixture
    def minor_approved(self, national_published, group_author, seat_holders):
        version = new_minor_change(national_published, group_author)
        return approve_by(version, seat_holders["nca"])

    def test_a_minor_change_reclassified_as_major_returns_to_review_under_the_major_rule(
        self, minor_approved, seat_holders
    ):
        assert minor_approved.status == Status.APPROVED
        version = services.reclassify(
            actor=seat_holders["scan"], version=minor_approved, reason="It changes dosing."
        )
        assert (version.status, version.change_type) == (Status.IN_REVIEW, "major")
        assert (version.reclassified_by, version.reclassification_reason) == (
            seat_holders["scan"],
            "It changes dosing.",
        )
        standing = consensus.consensus_of(version)
        assert standing.progress() == "1 of 4 constituencies"  # NCA's approval still counts
        version = approve_by(version, seat_holders["scan"], seat_holders["woscan"])
        assert version.status == Status.IN_REVIEW
        assert approve_by(version, seat_holders["pharmacy"]).status == Status.APPROVED
        assert version.events.filter(action=Event.Action.RECLASSIFIED).count() == 1

    def test_a_major_change_cannot_be_reclassified(self, national_in_review, seat_holders):
        with pytest.raises(services.TransitionError, match="only a minor change"):
            services.reclassify(
                actor=seat_holders["nca"], version=national_in_review, reason="It is major."
            )

    def test_the_reason_is_required(self, minor_approved, seat_holders):
        with pytest.raises(services.TransitionError, match="reason is required"):
            services.reclassify(actor=seat_holders["scan"], version=minor_approved, reason=" ")

    def test_a_reclassified_version_cannot_be_resubmitted_as_minor(
        self, minor_approved, seat_holders, group_author
    ):
        services.reclassify(actor=seat_holders["scan"], version=minor_approved, reason="Dosing.")
        version = services.recall(actor=group_author, version=minor_approved)
        terms = services.submission_terms(version)
        assert [option.change_type for option in terms.options] == ["major"]
        with pytest.raises(services.TransitionError):
            services.submit(actor=group_author, version=version, change_type="minor")
        assert status_of(version) == Status.DRAFT

    def test_publishing_it_without_a_change_note_is_refused_with_a_message(
        self, client, minor_approved, seat_holders, programme_team
    ):
        version = services.reclassify(
            actor=seat_holders["scan"], version=minor_approved, reason="Dosing."
        )
        approve_by(version, seat_holders["scan"], seat_holders["woscan"], seat_holders["pharmacy"])
        client.force_login(programme_team)
        response = client.post(
            reverse("workspace:publish", args=[version.pk]), {"next_review_on": "2031-01-01"}
        )
        assert response.status_code == 200
        assert "reclassified as a major change, which needs a change note" in (
            response.content.decode()
        )
        assert status_of(version) == Status.APPROVED

    def test_the_page_reclassifies_and_says_what_it_now_needs(
        self, client, minor_approved, seat_holders
    ):
        client.force_login(seat_holders["scan"])
        page = reverse("workspace:version", args=[minor_approved.pk])
        action = reverse("workspace:reclassify", args=[minor_approved.pk])
        assert f'action="{action}"' in client.get(page).content.decode()
        refused = client.post(action, {"reason": ""}, follow=True)
        assert "the reason is required" in refused.content.decode()
        assert status_of(minor_approved) == Status.APPROVED
        done = client.post(action, {"reason": "It changes dosing."}, follow=True)
        html = done.content.decode()
        assert "Reclassified as a major change: it now needs approval from" in html
        assert "It changes dosing." in html and f'action="{action}"' not in html
        assert status_of(minor_approved) == Status.IN_REVIEW


# --- No one reviews their own work; the programme team publishes national pathways -----------


class TestWhoMayReviewAndPublish:
    def test_the_author_may_not_review_even_as_a_constituency_member(
        self, national_in_review, group_author
    ):
        constituency(WOSCAN).members.add(group_author)  # now at the table
        for attempt in (
            lambda: services.approve(actor=group_author, version=national_in_review),
            lambda: services.request_changes(
                actor=group_author, version=national_in_review, comment="Mine."
            ),
        ):
            with pytest.raises(PermissionDenied, match="wrote or edited"):
                attempt()

    def test_an_editor_may_not_review(self, in_review, author, woscan):
        editor = make_user("editor")
        give_role(editor, woscan, Role.AUTHOR)
        give_role(editor, woscan, Role.REVIEWER)
        services.recall(actor=author, version=in_review)
        version = write(editor, in_review, body=BODY + "\nAn edit.\n")
        version = services.submit(actor=author, version=version, change_type="major")
        with pytest.raises(PermissionDenied, match="wrote or edited"):
            services.approve(actor=editor, version=version)

    def test_a_constituency_member_who_edited_may_not_review_or_reclassify(
        self, client, group, national_draft, group_author, seat_holders
    ):
        scan = seat_holders["scan"]
        give_role(scan, group, Role.AUTHOR)  # writes for the group too
        version = write(scan, national_draft, body=BODY + "\nAn edit by SCAN.\n")
        version = services.submit(actor=group_author, version=version, change_type="minor")
        for action in (Action.APPROVE, Action.REQUEST_CHANGES, Action.RECLASSIFY):
            assert not policy.permits(scan, action, version)
        with pytest.raises(PermissionDenied, match="wrote or edited"):
            services.approve(actor=scan, version=version)
        with pytest.raises(PermissionDenied, match="wrote or edited"):
            services.reclassify(actor=scan, version=version, reason="Major.")
        client.force_login(scan)
        html = client.get(reverse("workspace:review", args=[version.pk])).content.decode()
        assert 'value="approve"' not in html and "Your decision" not in html

    def test_a_national_groups_lead_may_not_publish_its_pathway(
        self, client, national_in_review, seat_holders, group_lead
    ):
        version = approve_by(national_in_review, *seat_holders.values())
        with pytest.raises(PermissionDenied, match="programme team"):
            services.publish(actor=group_lead, version=version)
        client.force_login(group_lead)
        page = client.get(reverse("workspace:version", args=[version.pk])).content.decode()
        assert reverse("workspace:publish", args=[version.pk]) not in page

    def test_the_programme_team_publishes_it(self, national_published, programme_team):
        assert (national_published.number, national_published.published_by) == (
            "1.0",
            programme_team,
        )


# --- The review page -------------------------------------------------------------------------


def review_page(version):
    return reverse("workspace:review", args=[version.pk])


class TestTheReviewPage:
    def test_a_constituency_member_with_no_role_in_the_group_reviews_from_the_pages(
        self, client, national_in_review, seat_holders
    ):
        client.force_login(seat_holders["nca"])
        version_page = client.get(reverse("workspace:version", args=[national_in_review.pk]))
        assert f'href="{review_page(national_in_review)}"' in version_page.content.decode()
        html = client.get(review_page(national_in_review)).content.decode()
        for offered in ('value="approve"', 'value="reservation"', 'value="request_changes"'):
            assert offered in html
        assert "I have no interests to declare" in html and "I declare:" in html
        response = client.post(
            review_page(national_in_review),
            {"decision": "approve", "interests_declared": "none"},
            follow=True,
        )
        assert "Approved." in response.content.decode()
        [review] = national_in_review.reviews.all()
        assert (review.reviewer, review.interests) == (seat_holders["nca"], "")

    def test_an_approval_with_a_reservation_and_declared_interests_is_recorded(
        self, client, national_in_review, seat_holders
    ):
        client.force_login(seat_holders["pharmacy"])
        response = client.post(
            review_page(national_in_review),
            {
                "decision": "reservation",
                "reservation": RESERVATION,
                "interests_declared": "declared",
                "interests": INTERESTS,
            },
        )
        assert response.status_code == 302
        review = national_in_review.reviews.get()
        assert (review.decision, review.comment, review.interests) == (
            Review.Decision.APPROVE_WITH_RESERVATION,
            RESERVATION,
            INTERESTS,
        )

    @pytest.mark.parametrize(
        "data, error",
        [
            ({"interests_declared": "none"}, "Choose Approve, Approve with a reservation"),
            ({"decision": "approve"}, "Declare your interests, or that you have none."),
            (
                {"decision": "reservation", "interests_declared": "none"},
                "Say what your reservation is",
            ),
            (
                {"decision": "request_changes", "comment": " ", "interests_declared": "none"},
                "the comment is required",
            ),
            (
                {"decision": "approve", "interests_declared": "declared", "interests": ""},
                "Say what your interests are",
            ),
        ],
    )
    def test_an_incomplete_decision_is_shown_again_with_what_is_missing(
        self, client, national_in_review, seat_holders, data, error
    ):
        client.force_login(seat_holders["nca"])
        response = client.post(review_page(national_in_review), data)
        assert response.status_code == 200
        assert error in response.content.decode()
        assert not national_in_review.reviews.exists()

    def test_declaring_none_records_none_whatever_the_box_holds(
        self, client, national_in_review, seat_holders
    ):
        client.force_login(seat_holders["nca"])
        client.post(
            review_page(national_in_review),
            {"decision": "approve", "interests_declared": "none", "interests": "Typed, then not"},
        )
        assert national_in_review.reviews.get().interests == ""

    def test_the_page_shows_each_constituency_and_what_is_still_needed(
        self, client, national_in_review, seat_holders
    ):
        services.approve(actor=seat_holders["nca"], version=national_in_review, interests=INTERESTS)
        client.force_login(seat_holders["scan"])
        for page in (
            review_page(national_in_review),
            f"/workspace/versions/{national_in_review.pk}/",
        ):
            html = client.get(page).content.decode()
            row = html.split("North Cancer Alliance (NCA)</th>")[1].split("</tr>")[0]
            assert ">Approved</strong>" in row and "Approved by Niamh North" in row
            assert "1 of 4 constituencies" in html
            assert (
                "Still to approve: South East Scotland Cancer Network (SCAN), "
                "West of Scotland Cancer Network (WoSCAN), Pharmacy"
            ) in html
            assert f"Interests declared: {INTERESTS}" in html
            assert "Consultant thoracic surgeon, NHS Grampian" in html

    def test_the_review_queue_says_how_far_each_version_has_come(
        self, client, national_in_review, seat_holders
    ):
        approve_by(national_in_review, seat_holders["nca"])
        client.force_login(seat_holders["pharmacy"])
        html = client.get(reverse("workspace:review_queue")).content.decode()
        assert (
            "1 of 4 constituencies; still to approve: South East Scotland Cancer Network (SCAN), "
            "West of Scotland Cancer Network (WoSCAN), Pharmacy"
        ) in html

    def test_a_minor_change_can_be_reclassified_from_the_review_page(
        self, client, national_published, group_author, seat_holders
    ):
        version = new_minor_change(national_published, group_author)
        client.force_login(seat_holders["nca"])
        html = client.get(review_page(version)).content.decode()
        assert f'action="{reverse("workspace:reclassify", args=[version.pk])}"' in html


# --- The lead's answer -----------------------------------------------------------------------


class TestTheAnswer:
    @pytest.fixture
    def requested(self, national_in_review, seat_holders):
        return services.request_changes(
            actor=seat_holders["woscan"], version=national_in_review,
            comment="Add the WoSCAN referral route.", interests=INTERESTS,
        )  # fmt: skip

    def answer_page(self, version):
        return reverse("workspace:answer", args=[version.pk])

    def test_the_lead_sees_each_open_request_and_answers_it(self, client, requested, group_lead):
        client.force_login(group_lead)
        version_page = client.get(reverse("workspace:version", args=[requested.pk]))
        assert f'href="{self.answer_page(requested)}"' in version_page.content.decode()
        html = client.get(self.answer_page(requested)).content.decode()
        assert "Changes requested by Wallace West" in html
        assert "Add the WoSCAN referral route." in html and INTERESTS in html
        request = requested.reviews.get()
        response = client.post(
            self.answer_page(requested),
            {"review": request.pk, "answer": "Referral routes are regional, not national."},
            follow=True,
        )
        html = response.content.decode()
        assert "Answered: the request no longer holds the version back." in html
        assert "It is back in review." in html
        assert "Referral routes are regional, not national." in html  # in the consensus panel
        assert status_of(requested) == Status.IN_REVIEW
        assert requested.events.last().action == Event.Action.ANSWERED

    def test_an_empty_answer_is_refused_with_a_message(self, client, requested, group_lead):
        client.force_login(group_lead)
        request = requested.reviews.get()
        response = client.post(self.answer_page(requested), {"review": request.pk, "answer": ""})
        assert response.status_code == 200
        assert "the answer is required" in response.content.decode()
        assert status_of(requested) == Status.CHANGES_REQUESTED

    def test_only_a_lead_answers(self, client, requested, group_author, seat_holders):
        request = requested.reviews.get()
        for someone in (group_author, seat_holders["nca"]):
            client.force_login(someone)
            assert client.get(self.answer_page(requested)).status_code == 403
            data = {"review": request.pk, "answer": "No."}
            assert client.post(self.answer_page(requested), data).status_code == 403
        assert status_of(requested) == Status.CHANGES_REQUESTED

    def test_a_request_on_another_version_is_not_found_through_this_one(
        self, client, requested, group_lead, in_review, reviewer
    ):
        other = services.request_changes(actor=reviewer, version=in_review, comment="Other.")
        client.force_login(group_lead)
        data = {"review": other.reviews.get().pk, "answer": "Answered elsewhere."}
        assert client.post(self.answer_page(requested), data).status_code == 404
        assert status_of(other) == Status.CHANGES_REQUESTED


# --- My pathways -----------------------------------------------------------------------------


def consensus_column(html, title):
    row = html.split(f">{title}</a>")[1].split("</tr>")[0]
    return row.split('aria-hidden="true">Consensus </span>')[1].split("</td>")[0].strip()


class TestMyPathways:
    def test_the_lead_sees_each_pathways_consensus(
        self, client, national_in_review, seat_holders, group_lead
    ):
        client.force_login(group_lead)
        dashboard = reverse("workspace:dashboard")
        html = client.get(dashboard).content.decode()
        assert ">Consensus</th>" in html
        assert consensus_column(html, "Lung cancer") == "0 of 4 constituencies"
        version = approve_by(national_in_review, seat_holders["nca"])
        assert consensus_column(client.get(dashboard).content.decode(), "Lung cancer") == (
            "1 of 4 constituencies"
        )
        version = approve_by(version, seat_holders["scan"], seat_holders["woscan"])
        services.approve(actor=seat_holders["pharmacy"], version=version)
        assert consensus_column(client.get(dashboard).content.decode(), "Lung cancer") == "Agreed"

    def test_changes_requested_is_said_as_such(
        self, client, national_in_review, group_reviewer, group_lead
    ):
        services.request_changes(actor=group_reviewer, version=national_in_review, comment="X.")
        client.force_login(group_lead)
        html = client.get(reverse("workspace:dashboard")).content.decode()
        assert consensus_column(html, "Lung cancer") == "Changes requested"

    def test_the_programme_team_sees_every_pathways_consensus(
        self, client, national_in_review, in_review, reviewer, programme_team
    ):
        approve_by(in_review, reviewer)
        client.force_login(programme_team)
        html = client.get(reverse("workspace:dashboard")).content.decode()
        assert consensus_column(html, "Lung cancer") == "0 of 4 constituencies"
        assert consensus_column(html, "Ovarian cancer") == "1 of 2 approvals"

    def test_it_costs_the_same_queries_however_many_pathways_are_in_review(
        self, client, group, group_author, group_lead, seat_holders, django_assert_num_queries
    ):
        def pathway_in_review(number):
            version = services.create_pathway(
                actor=group_author, network=group, title=f"Pathway {number}",
                cancer_type=CancerType.objects.get(slug="lung"),
                disciplines=[constituency(PHARMACY)],
            )  # fmt: skip
            version = write(group_author, version, body=BODY)
            version = services.submit(actor=group_author, version=version, change_type="major")
            approve_by(version, seat_holders["nca"], seat_holders["pharmacy"])

        client.force_login(group_lead)
        dashboard = reverse("workspace:dashboard")
        pathway_in_review(0)
        with CaptureQueriesContext(connection) as one:
            assert "2 of 4 constituencies" in client.get(dashboard).content.decode()
        for number in range(1, 6):
            pathway_in_review(number)
        with django_assert_num_queries(len(one)):
            html = client.get(dashboard).content.decode()
        assert html.count("2 of 4 constituencies") == 6


# --- The public record -----------------------------------------------------------------------


def record_url(version):
    return reverse(
        "pathways:consensus", kwargs={"slug": version.pathway.slug, "number": version.number}
    )


class TestThePublicRecord:
    @pytest.fixture
    def agreed(self, national_in_review, seat_holders, group_reviewer, group_lead, programme_team):
        """Lung cancer 1.0: a reservation, declared interests, a request answered by the lead."""
        version = services.request_changes(
            actor=group_reviewer, version=national_in_review,
            comment="Add a smoking cessation referral.", interests="None that I know of? No: none.",
        )  # fmt: skip
        services.answer_request(
            actor=group_lead,
            review=version.reviews.get(),
            answer="Cessation is in the national prevention pathway.",
        )
        nca, scan, woscan, pharmacist = seat_holders.values()
        version = approve_by(national_in_review, nca, scan, woscan)
        version = services.approve(
            actor=pharmacist, version=version, reservation=RESERVATION, interests=INTERESTS
        )
        return services.publish(actor=programme_team, version=version)

    def test_says_who_developed_agreed_and_published_it(self, client, agreed, programme_team):
        programme_team.first_name, programme_team.last_name = "Pat", "Programme"
        programme_team.save()
        response = client.get(record_url(agreed))
        assert response.status_code == 200
        html = response.content.decode()
        assert "<h1>How this version was agreed</h1>" in html
        assert "National Lung Cancer Pathway Group</a> (national pathway group)" in html
        assert "Lorna Lead" in html
        day = timezone.localtime(agreed.published_at)
        for seat, name in [
            ("North Cancer Alliance (NCA)", "Niamh North"),
            ("South East Scotland Cancer Network (SCAN)", "Sorcha South"),
            ("West of Scotland Cancer Network (WoSCAN)", "Wallace West"),
            ("Pharmacy", "Priya Pharmacist"),
        ]:
            row = html.split(f"{seat}</th>")[1].split("</tr>")[0]
            assert f"by {name}, <time" in row and f"{day.day} {day:%B %Y}</time>" in row
        assert "Approved with a reservation</strong> by Priya Pharmacist" in html
        assert RESERVATION in html and f"Interests declared: {INTERESTS}" in html
        assert "Interests declared: none" in html
        assert "Answered by Lorna Lead, a lead" in html
        assert "Cessation is in the national prevention pathway." in html
        assert "Major change (clinical content)" in html
        assert f"{day.day} {day:%B %Y} by Pat Programme" in html
        assert "The programme team, once the version is agreed" in html

    def test_shows_a_reclassification_with_who_when_and_why(
        self, client, national_published, group_author, seat_holders, programme_team
    ):
        version = new_minor_change(national_published, group_author)
        version = services.reclassify(
            actor=seat_holders["scan"], version=version, reason="It changes who is offered surgery."
        )
        services.recall(actor=group_author, version=version)
        version = services.submit(
            actor=group_author, version=version, change_type="major", change_note="Surgery."
        )
        version = approve_by(version, *seat_holders.values())
        version = services.publish(actor=programme_team, version=version)
        html = client.get(record_url(version)).content.decode()
        assert "reclassified as major by Sorcha South" in html
        assert "It changes who is offered surgery." in html

    def test_summarises_the_national_consultation(
        self, client, national_draft, group_lead, group_author, seat_holders, programme_team,
        monkeypatch,
    ):  # fmt: skip
        today = timezone.localdate()
        consultation = consultations.open_consultation(
            actor=group_lead, version=national_draft, opens_on=today,
            closes_on=today + timedelta(days=14),
        )  # fmt: skip
        said = [
            ("grampian", "accepted"),
            ("grampian", "noted"),
            ("lothian", "not_accepted"),
            (None, "accepted"),
        ]
        comments = []
        for number, (board, _) in enumerate(said):
            commenter = person(f"commenter{number}", first_name="C", last_name=str(number))
            comments.append(
                consultations.comment(
                    consultation=consultation,
                    section="staging",
                    text="A comment.",
                    commenter=commenter,
                    organisation="" if board else "Lung Cancer Charity",
                    board=HealthBoard.objects.get(slug=board) if board else None,
                )  # fmt: skip
            )
        later = today + timedelta(days=15)
        monkeypatch.setattr(timezone, "localdate", lambda *args: later)
        for comment, (_, response) in zip(comments, said, strict=True):
            consultations.respond(
                actor=group_author, comment=comment, response=response, reason="Not so."
            )
        version = services.submit(actor=group_author, version=national_draft, change_type="major")
        version = approve_by(version, *seat_holders.values())
        version = services.publish(actor=programme_team, version=version)
        html = client.get(record_url(version)).content.decode()
        assert "<h2>National consultation</h2>" in html
        assert f"{today.day} {today:%B %Y} to" in html
        assert "2 NHS boards: NHS Grampian, NHS Lothian" in html
        assert "1 comment from other organisations" in html
        assert "2 accepted, 1 not accepted (each with a reason), 1 noted" in html

    def test_a_pathway_naming_no_constituency_shows_its_count(self, client, published):
        html = client.get(record_url(published)).content.decode()
        assert "2 of 2 approvals" in html and "2 reviewer approvals" in html
        assert ">Agreed</strong>" in html
        assert "West of Scotland Cancer Network</a> (regional cancer network)" in html

    def test_exists_only_for_versions_in_effect(self, client, published, team, national_in_review):
        assert client.get(record_url(published)).status_code == 200
        for number in ["1.1", "9.0"]:
            url = reverse("pathways:consensus", args=["ovarian-cancer", number])
            assert client.get(url).status_code == 404
        assert client.get("/pathways/lung-cancer/versions/1.0/consensus/").status_code == 404

    def test_a_scheduled_version_has_no_record_until_it_takes_effect(self, client, published, team):
        from tests.lifecycle import publish_change

        later = timezone.localdate() + timedelta(days=3)
        scheduled = publish_change(published, body=BODY + "\nLater.\n", effective_on=later, **team)
        assert client.get(record_url(scheduled)).status_code == 404

    def test_a_superseded_versions_record_says_so(self, client, published, team):
        from tests.lifecycle import publish_change

        publish_change(published, body=BODY + "\nNew.\n", **team)
        html = client.get(record_url(published)).content.decode()
        assert "Version 1.0 has been superseded" in html
        assert "Read the current version (2.0)" in html

    def test_is_linked_from_every_version_page_the_feeds_and_the_timeline(
        self, client, published, lead
    ):
        link = f'href="{record_url(published)}">How this version was agreed</a>'
        for page in ["/pathways/ovarian-cancer/", "/pathways/ovarian-cancer/versions/1.0/"]:
            assert link in client.get(page).content.decode(), page
        for feed in ["/feeds/", "/pathways/ovarian-cancer/feed/"]:
            xml = client.get(feed).content.decode()
            assert f"How this version was agreed: http://testserver{record_url(published)}" in xml
        client.force_login(lead)
        html = client.get(reverse("workspace:version", args=[published.pk])).content.decode()
        timeline = html.split('id="timeline"')[1]
        assert link in timeline

    def test_never_shows_a_username_where_no_name_is_recorded(self, client, published):
        html = client.get(record_url(published)).content.decode()
        assert "by name not recorded" in html
        for username in ("reviewer", "second-reviewer", "lead"):  # none has a name
            assert f"by {username}" not in html

    def test_its_non_printing_parts_are_marked(self, client, published):
        html = client.get(record_url(published)).content.decode()
        assert (
            '<p class="portal-no-print"><a href="/pathways/ovarian-cancer/versions/1.0/">' in html
        )
        assert "<form" not in html.split('id="maincontent"')[1]

    def test_hostile_text_in_every_field_it_shows_is_inert(
        self, client, national_in_review, seat_holders, group_reviewer, group_lead,
        programme_team,
    ):  # fmt: skip
        hostile = '<script>alert(1)</script><img src=x onerror="alert(2)">'
        version = services.request_changes(
            actor=group_reviewer, version=national_in_review, comment=hostile, interests=hostile
        )
        services.answer_request(actor=group_lead, review=version.reviews.get(), answer=hostile)
        nca, scan, woscan, pharmacist = seat_holders.values()
        for someone in (nca, scan, woscan):
            someone.first_name = hostile[:150]
            someone.save()
        version = approve_by(national_in_review, nca, scan, woscan, interests=hostile)
        version = services.approve(
            actor=pharmacist, version=version, reservation=hostile, interests=hostile
        )
        version = services.publish(actor=programme_team, version=version)
        html = client.get(record_url(version)).content.decode()
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
        assert_inert(html)
        client.force_login(group_lead)
        assert_inert(client.get(reverse("workspace:version", args=[version.pk])).content.decode())


class TestTheAnswerWhateverTheState:
    @pytest.fixture
    def requested(self, national_in_review, seat_holders):
        return services.request_changes(
            actor=seat_holders["woscan"], version=national_in_review, comment="Add the route."
        )

    def test_a_request_still_standing_after_an_unchanged_resubmission_can_be_answered(
        self, requested, group_author, group_lead, seat_holders, mailoutbox,
        django_capture_on_commit_callbacks,
    ):  # fmt: skip
        resubmitted = services.submit(actor=group_author, version=requested, change_type="major")
        assert resubmitted.status == Status.IN_REVIEW  # the request still holds it back
        assert policy.permits(group_lead, Action.ANSWER, resubmitted)
        with django_capture_on_commit_callbacks(execute=True):
            services.answer_request(
                actor=group_lead, review=resubmitted.reviews.get(), answer="Routes are regional."
            )
        told = [m for m in mailoutbox if "was answered" in m.subject]
        assert [m.to for m in told] == [[seat_holders["woscan"].email]]
        assert "Routes are regional." in told[0].body

    def test_with_two_requests_open_answering_one_leaves_the_other_to_answer(
        self, national_in_review, group_lead, seat_holders
    ):
        services.request_changes(
            actor=seat_holders["nca"], version=national_in_review, comment="Add PET-CT."
        )
        with connection.cursor() as cursor:  # a second request on the same text (as after a
            cursor.execute(  # resubmission of it unchanged), written as the service would
                "INSERT INTO pathways_review (version_id, reviewer_id, decision, comment, "
                "interests, content_hash, created_at, answer) VALUES (%s, %s, 'request_changes', "
                "'Add EBUS.', '', %s, now(), '')",
                [national_in_review.pk, seat_holders["scan"].pk, national_in_review.content_hash],
            )
        first, second = national_in_review.reviews.order_by("pk")
        version = services.answer_request(actor=group_lead, review=first, answer="Not routine.")
        assert version.status == Status.CHANGES_REQUESTED
        assert policy.permits(group_lead, Action.ANSWER, version)
        version = services.answer_request(actor=group_lead, review=second, answer="Regional.")
        assert version.status == Status.IN_REVIEW

    def test_a_lead_who_edited_the_version_may_not_answer_a_request_on_it(
        self, requested, group_lead
    ):
        Event.objects.create(
            pathway=requested.pathway, version=requested, actor=group_lead, action="saved"
        )
        assert not policy.permits(group_lead, Action.ANSWER, requested)
        with pytest.raises(PermissionDenied):
            services.answer_request(
                actor=group_lead, review=requested.reviews.get(), answer="Waved away."
            )


class TestTheRecordIsAsAgreed:
    def test_a_later_rule_or_membership_does_not_change_how_a_published_version_was_agreed(
        self, client, group_lead, national_published, seat_holders
    ):
        page = reverse("pathways:consensus", kwargs={"slug": "lung-cancer", "number": "1.0"})

        def seats(html):
            return html.split('class="nhsuk-table portal-consensus__seats"')[1].split("</table>")[0]

        before = client.get(page).content.decode()
        assert "Radiology" not in seats(before) and "Lorna Lead" in before
        national_published.pathway.major_change_constituencies.add(constituency(RADIOLOGY))
        constituency(PHARMACY).members.remove(seat_holders["pharmacy"])
        NetworkRole.objects.filter(user=group_lead).delete()
        after = client.get(page).content.decode()
        assert "Still to approve" not in after and "Radiology" not in seats(after)
        assert consensus.consensus_of(national_published).reached
        assert "Lorna Lead" in after  # the lead when it was published
        seat = {s.constituency.slug: s for s in consensus.consensus_of(national_published).seats}
        assert [r.reviewer for r in seat[PHARMACY].approvals] == [seat_holders["pharmacy"]]
