"""Everyone outside WoSCAN against every workspace URL and action of a WoSCAN pathway:
each is refused (login, 403 or 404) and nothing changes."""

import pytest
from django.urls import reverse

from pathways.models import Event, Pathway, PathwayVersion, Review
from tests.factories import give_role, make_user

pytestmark = pytest.mark.django_db

OTHER_NETWORK_ROLES = ["author", "reviewer", "lead"]
# An approval as the review page sends it, with a declaration of interests.
APPROVAL = {"decision": "approve", "interests_declared": "none"}


@pytest.fixture
def stranger(request, other_network):
    role = request.param
    if role == "anonymous":
        return None
    user = make_user(f"other-{role}")
    give_role(user, other_network, role)
    return user


def snapshot():
    return (
        list(PathwayVersion.objects.order_by("pk").values_list("status", "title", "body", "major")),
        list(Pathway.objects.order_by("pk").values_list("title", "withdrawn_at")),
        Review.objects.count(),
        Event.objects.count(),
    )


def requests_against(published, open_version):
    slug, pk, draft = published.pathway.slug, published.pk, open_version.pk
    edit = {"title": "Hijacked", "summary": "", "body": "Hijacked", "edit_count": 0, "save": ""}
    return [
        ("get", reverse("workspace:pathway", args=[slug]), {}),
        ("post", reverse("workspace:new_version", args=[slug]), {}),
        ("get", reverse("workspace:withdraw", args=[slug]), {}),
        ("post", reverse("workspace:withdraw", args=[slug]), {"reason": "Hijacked"}),
        ("get", reverse("workspace:version", args=[pk]), {}),
        ("get", reverse("workspace:edit", args=[draft]), {}),
        ("post", reverse("workspace:edit", args=[draft]), edit),
        ("get", reverse("workspace:submit", args=[draft]), {}),
        ("post", reverse("workspace:submit", args=[draft]), {"change_type": "minor"}),
        ("post", reverse("workspace:recall", args=[draft]), {}),
        ("get", reverse("workspace:discard", args=[draft]), {}),
        ("post", reverse("workspace:discard", args=[draft]), {}),
        ("get", reverse("workspace:review", args=[draft]), {}),
        (
            "post",
            reverse("workspace:review", args=[draft]),
            {"decision": "approve", "interests_declared": "none"},
        ),
        (
            "post",
            reverse("workspace:review", args=[draft]),
            {"decision": "request_changes", "comment": "x", "interests_declared": "none"},
        ),
        (
            "post",
            reverse("workspace:review", args=[draft]),
            {"decision": "reservation", "reservation": "x", "interests_declared": "none"},
        ),
        ("post", reverse("workspace:reclassify", args=[draft]), {"reason": "Hijacked"}),
        ("get", reverse("workspace:answer", args=[draft]), {}),
        ("post", reverse("workspace:answer", args=[draft]), {"review": 1, "answer": "Hijacked"}),
        ("get", reverse("workspace:publish", args=[draft]), {}),
        ("post", reverse("workspace:publish", args=[draft]), {"next_review_on": "2031-01-01"}),
        ("get", reverse("workspace:open_consultation", args=[draft]), {}),
        (
            "post",
            reverse("workspace:open_consultation", args=[draft]),
            {"opens_on": "2031-01-01", "closes_on": "2031-01-15"},
        ),
        ("get", reverse("workspace:consultation_responses", args=[draft]), {}),
        ("post", reverse("workspace:consultation_responses", args=[draft]), {"comment": 1}),
        ("get", reverse("workspace:oversight"), {}),
        ("get", reverse("workspace:activity"), {}),
        ("get", reverse("admin:pathways_pathwayversion_changelist"), {}),
        (
            "post",
            reverse("admin:pathways_pathwayversion_changelist"),
            {"action": "publish_now", "_selected_action": [draft]},
        ),
    ]


@pytest.mark.parametrize("stranger", ["anonymous", *OTHER_NETWORK_ROLES], indirect=True)
def test_people_outside_the_network_can_neither_see_nor_change_its_pathways(
    client, stranger, published, author, reviewer, second_reviewer
):
    from pathways import services
    from tests.lifecycle import write

    open_version = services.start_new_version(actor=author, pathway=published.pathway)
    open_version = write(author, open_version, body="Work in progress")
    open_version = services.submit(actor=author, version=open_version, change_type="minor")
    if stranger:
        client.force_login(stranger)
    before = snapshot()
    for method, url, data in requests_against(published, open_version):
        response = getattr(client, method)(url, data)
        allowed = (
            {302}
            if stranger is None or "admin" in url or "oversight" in url or "activity" in url
            else {403, 404}
        )
        assert response.status_code in allowed, (method, url, response.status_code)
        if response.status_code == 302:
            assert "/login/" in response["Location"], (url, response["Location"])
    assert snapshot() == before


@pytest.fixture
def outsider_to_the_table(request, other_network):
    """Someone with no seat at a national pathway's table: a member of a constituency it does
    not name, a reviewer of another network, or nobody signed in."""
    from networks.models import Constituency

    if request.param == "anonymous":
        return None
    user = make_user(f"not-at-the-table-{request.param}")
    if request.param == "radiologist":
        Constituency.objects.get(slug="radiology").members.add(user)
    else:
        give_role(user, other_network, "reviewer")
    return user


@pytest.mark.parametrize(
    "outsider_to_the_table", ["anonymous", "radiologist", "other-reviewer"], indirect=True
)
def test_people_not_at_a_national_pathways_table_can_neither_see_nor_review_it(
    client, outsider_to_the_table
):
    from networks.models import CancerType, Constituency, Network
    from pathways import services
    from tests.lifecycle import BODY, write

    group = Network.objects.create(
        name="National Lung Cancer Pathway Group",
        short_name="NLCPG",
        slug="lung-group",
        kind=Network.Kind.NATIONAL_GROUP,
    )
    author = make_user("group-author")
    give_role(author, group, "author")
    version = services.create_pathway(
        actor=author,
        network=group,
        cancer_type=CancerType.objects.get(slug="lung"),
        title="Lung cancer",
        disciplines=[Constituency.objects.get(slug="pharmacy")],
    )
    version = write(author, version, body=BODY)
    version = services.submit(actor=author, version=version, change_type="major")
    pk = version.pk
    attempts = [
        ("get", reverse("workspace:pathway", args=[version.pathway.slug]), {}),
        ("get", reverse("workspace:version", args=[pk]), {}),
        ("get", reverse("workspace:review", args=[pk]), {}),
        ("post", reverse("workspace:review", args=[pk]), APPROVAL),
        ("post", reverse("workspace:reclassify", args=[pk]), {"reason": "Hijacked"}),
        ("get", reverse("workspace:answer", args=[pk]), {}),
        ("post", reverse("workspace:answer", args=[pk]), {"review": 1, "answer": "Hijacked"}),
    ]
    if outsider_to_the_table:
        client.force_login(outsider_to_the_table)
    before = snapshot()
    for method, url, data in attempts:
        response = getattr(client, method)(url, data)
        if outsider_to_the_table is None:
            assert response.status_code == 302 and "/login/" in response["Location"], url
        else:
            assert response.status_code in {403, 404}, (method, url, response.status_code)
    assert snapshot() == before


def consultation_snapshot():
    from pathways.models import Consultation, ConsultationComment, ConsultationLink

    return (
        list(Consultation.objects.order_by("pk").values_list("opens_on", "closes_on")),
        list(ConsultationComment.objects.order_by("pk").values_list("text", "response")),
        list(ConsultationLink.objects.order_by("pk").values_list("label", "revoked_at")),
    )


@pytest.mark.parametrize("moment", ["open", "closed"])
@pytest.mark.parametrize("stranger", ["anonymous", *OTHER_NETWORK_ROLES], indirect=True)
def test_people_outside_the_network_cannot_run_or_read_its_consultations(
    client, stranger, moment, draft, lead
):
    """While a consultation is open anyone signed in reads it and comments (that is its
    purpose); nobody outside the network opens one, manages its links or responds, and once
    it has closed they cannot read it (unless they commented)."""
    from datetime import timedelta

    from django.utils import timezone

    from pathways import consultations
    from pathways.models import Consultation

    today = timezone.localdate()
    consultation = consultations.open_consultation(
        actor=lead, version=draft, opens_on=today, closes_on=today + timedelta(days=14)
    )
    commenter = make_user("commenter")
    comment = consultations.comment(
        consultation=consultation, section="referral", text="A comment.", commenter=commenter
    )
    link, _ = consultations.create_link(
        actor=lead, consultation=consultation, label="Charity", expires_on=today
    )
    if moment == "closed":
        Consultation.objects.filter(pk=consultation.pk).update(
            opens_on=today - timedelta(days=20), closes_on=today - timedelta(days=1)
        )
    pk, version = consultation.pk, draft.pk
    attempts = [
        ("post", reverse("workspace:create_link", args=[pk]), {"label": "x", "expires_on": today}),
        ("post", reverse("workspace:revoke_link", args=[link.pk]), {}),
        ("get", reverse("workspace:consultation_responses", args=[version]), {}),
        (
            "post",
            reverse("workspace:consultation_responses", args=[version]),
            {"comment": comment.pk, "response": "noted"},
        ),
        ("get", reverse("workspace:open_consultation", args=[version]), {}),
    ]
    if moment == "closed" or stranger is None:
        attempts += [
            ("get", reverse("workspace:consultation", args=[pk]), {}),
            (
                "post",
                reverse("workspace:consultation", args=[pk]),
                {"section": "referral", "text": "Late."},
            ),
        ]
    if stranger:
        client.force_login(stranger)
    before = consultation_snapshot()
    for method, url, data in attempts:
        response = getattr(client, method)(url, data)
        allowed = {302} if stranger is None else {403, 404}
        assert response.status_code in allowed, (method, url, response.status_code)
        if response.status_code == 302:
            assert "/login/" in response["Location"], (url, response["Location"])
    assert client.get(reverse("workspace:invited", args=["x" * 32])).status_code == 404
    assert consultation_snapshot() == before
