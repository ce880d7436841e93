"""Two people acting on the same pathway at the same moment, each on a real connection."""

import pytest
from django.test import Client
from django.urls import reverse

from pathways.models import Event, PathwayVersion, Review
from tests.concurrency import run_at_once

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _reference(reference_data):
    """Race tests commit for real, so Scotland's boards and cancer types must be put back."""


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


# A reviewer's approval as the review page sends it, with their declaration of interests.
APPROVE = {"decision": "approve", "interests_declared": "none"}


def post(client, url, data):
    return lambda: client.post(url, data, follow=True)


def page_text(response):
    return response.content.decode()


def test_two_people_pressing_publish_at_once_publish_once(approved, lead, programme_team):
    url = reverse("workspace:publish", args=[approved.pk])
    data = {"next_review_on": "2030-01-01"}
    responses = run_at_once(
        approved.pathway,
        post(signed_in(lead), url, data),
        post(signed_in(programme_team), url, data),
    )
    assert [response.status_code for response in responses] == [200, 200]
    texts = sorted(page_text(response) for response in responses)
    assert sum("Version 1.0 published." in text for text in texts) == 1
    assert sum("was already published by" in text for text in texts) == 1
    assert PathwayVersion.objects.published().count() == 1
    assert Event.objects.filter(action="published").count() == 1


def test_two_approvals_at_once_when_one_is_needed_leave_one_outcome(
    in_review, woscan, reviewer, second_reviewer
):
    woscan.major_change_approvals = 1
    woscan.save()
    url = reverse("workspace:review", args=[in_review.pk])
    responses = run_at_once(
        in_review.pathway,
        post(signed_in(reviewer), url, APPROVE),
        post(signed_in(second_reviewer), url, APPROVE),
    )
    assert all(response.status_code == 200 for response in responses)
    assert Review.objects.count() == 1
    assert PathwayVersion.objects.get(pk=in_review.pk).status == "approved"
    assert sum("not waiting for review" in page_text(response) for response in responses) == 1


def test_a_double_click_on_approve_records_one_decision(in_review, reviewer):
    url = reverse("workspace:review", args=[in_review.pk])
    client = signed_in(reviewer)
    responses = run_at_once(
        in_review.pathway,
        post(client, url, APPROVE),
        post(client, url, APPROVE),
    )
    assert all(response.status_code == 200 for response in responses)
    assert Review.objects.count() == 1
    assert sum("already decided" in page_text(response) for response in responses) == 1


@pytest.fixture
def national_in_review(db):
    """A national group's pathway in review: a major change needs NCA, SCAN, WoSCAN and
    Pharmacy, one member of each (with no role in the group) at its table."""
    from networks.models import CancerType, Constituency, Network, NetworkRole
    from pathways import services
    from tests.factories import give_role, make_user
    from tests.lifecycle import BODY, write

    group = Network.objects.create(
        name="National Lung Cancer Pathway Group",
        short_name="NLCPG",
        slug="lung-group",
        kind=Network.Kind.NATIONAL_GROUP,
    )
    author = make_user("group-author")
    give_role(author, group, NetworkRole.Role.AUTHOR)
    version = services.create_pathway(
        actor=author,
        network=group,
        cancer_type=CancerType.objects.get(slug="lung"),
        title="Lung cancer",
        disciplines=[Constituency.objects.get(slug="pharmacy")],
    )
    version = write(author, version, body=BODY)
    seats = {}
    for constituency in version.pathway.major_change_constituencies.all():
        seats[constituency.slug] = make_user(f"member-{constituency.slug}"[:150])
        constituency.members.add(seats[constituency.slug])
    return services.submit(actor=author, version=version, change_type="major"), seats


def test_the_last_two_seats_approving_at_once_approve_the_version_once(national_in_review):
    from pathways import services

    version, seats = national_in_review
    *first, third, fourth = seats.values()
    for person in first:
        services.approve(actor=person, version=version)
    url = reverse("workspace:review", args=[version.pk])
    responses = run_at_once(
        version.pathway,
        post(signed_in(third), url, APPROVE),
        post(signed_in(fourth), url, APPROVE),
    )
    assert all("Approved." in page_text(response) for response in responses)
    assert Review.objects.filter(version=version).count() == 4
    assert PathwayVersion.objects.get(pk=version.pk).status == "approved"
    assert Event.objects.filter(action="approved", to_status="approved").count() == 1


def test_a_reclassification_racing_the_approval_that_would_suffice_leaves_it_in_review(
    national_in_review, programme_team
):
    """Whichever goes first, a minor change reclassified as major is never left approved under
    the minor rule's one approval."""
    from pathways import consensus, services
    from tests.lifecycle import BODY, write

    version, seats = national_in_review
    for person in seats.values():
        version = services.approve(actor=person, version=version)
    author = version.author
    version = services.publish(actor=programme_team, version=version)
    minor = services.start_new_version(actor=author, pathway=version.pathway)
    minor = write(author, minor, body=BODY + "\nA typing error corrected.\n")
    minor = services.submit(actor=author, version=minor, change_type="minor")
    approver, reclassifier = list(seats.values())[:2]
    responses = run_at_once(
        minor.pathway,
        post(signed_in(approver), reverse("workspace:review", args=[minor.pk]), APPROVE),
        post(
            signed_in(reclassifier),
            reverse("workspace:reclassify", args=[minor.pk]),
            {"reason": "It changes dosing."},
        ),
    )
    assert [response.status_code for response in responses] == [200, 200]
    assert "Approved." in page_text(responses[0])
    assert "Reclassified as a major change" in page_text(responses[1])
    minor = PathwayVersion.objects.get(pk=minor.pk)
    assert (minor.status, minor.change_type) == ("in_review", "major")
    assert consensus.consensus_of(minor).progress() == "1 of 4 constituencies"


def test_two_editors_saving_the_same_draft_do_not_overwrite_each_other(draft, author, lead):
    url = reverse("workspace:edit", args=[draft.pk])
    opened_at = draft.edit_count

    def save(user, body):
        return lambda: signed_in(user).post(
            url,
            {
                "title": "Ovarian cancer",
                "summary": "",
                "body": body,
                "edit_count": opened_at,
                "save": "",
            },
        )

    responses = run_at_once(draft.pathway, save(author, "Author's text"), save(lead, "Lead's text"))
    codes = sorted(response.status_code for response in responses)
    assert codes == [302, 409]
    loser = next(response for response in responses if response.status_code == 409)
    saved = PathwayVersion.objects.get(pk=draft.pk).body
    lost_text = "Lead's text" if saved == "Author's text" else "Author's text"
    assert lost_text.replace("'", "&#x27;") in page_text(loser)  # still in their form
    assert "saved by" in page_text(loser)


def _closed_consultation_with_a_comment(draft, lead):
    from datetime import timedelta

    from django.utils import timezone

    from pathways import consultations
    from pathways.models import Consultation
    from tests.factories import make_user

    today = timezone.localdate()
    consultation = consultations.open_consultation(
        actor=lead, version=draft, opens_on=today, closes_on=today + timedelta(days=14)
    )
    comment = consultations.comment(
        consultation=consultation,
        section="referral",
        text="Add the CA-125 threshold.",
        commenter=make_user("clinician"),
    )
    Consultation.objects.filter(pk=consultation.pk).update(
        opens_on=today - timedelta(days=20), closes_on=today - timedelta(days=1)
    )
    return comment


def test_two_authors_responding_to_one_comment_at_once_record_one_response(draft, author, lead):
    from pathways.models import ConsultationComment

    comment = _closed_consultation_with_a_comment(draft, lead)
    url = reverse("workspace:consultation_responses", args=[draft.pk])
    responses = run_at_once(
        draft.pathway,
        post(signed_in(author), url, {"comment": comment.pk, "response": "accepted"}),
        post(
            signed_in(lead),
            url,
            {"comment": comment.pk, "response": "not_accepted", "reason": "SIGN advice."},
        ),
    )
    assert [response.status_code for response in responses] == [200, 200]
    texts = [page_text(response) for response in responses]
    assert sum("Response recorded" in text for text in texts) == 1
    assert sum("This comment already has a response" in text for text in texts) == 1
    answered = ConsultationComment.objects.get(pk=comment.pk)
    winner = texts[0] if "Response recorded" in texts[0] else texts[1]
    assert answered.get_response_display().lower() in winner


def test_two_leads_opening_a_consultation_at_once_open_one(draft, lead, woscan):
    from pathways.models import Consultation
    from tests.factories import give_role, make_user

    second_lead = make_user("second-lead")
    give_role(second_lead, woscan, "lead")
    url = reverse("workspace:open_consultation", args=[draft.pk])
    data = {"opens_on": "2099-01-01", "closes_on": "2099-01-29"}
    responses = run_at_once(
        draft.pathway, post(signed_in(lead), url, data), post(signed_in(second_lead), url, data)
    )
    consultation = Consultation.objects.get()
    assert all(
        response.redirect_chain[-1][0].endswith(f"/{consultation.pk}/") for response in responses
    )
    texts = [page_text(response) for response in responses]
    assert sum("The draft is open for national consultation" in text for text in texts) == 1
    assert sum("already out for national consultation" in text for text in texts) == 1
    assert Event.objects.filter(action="consultation_opened").count() == 1
