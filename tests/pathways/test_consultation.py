"""National consultation, as people use it: a lead opens a draft for a window of dates; anyone
signed in comments on a section, and so do people invited by link; once it has closed the
authors respond to every comment, and only then may the draft go to review."""

import hashlib
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from networks.models import Constituency, HealthBoard, Profile
from pathways import consultations, services
from pathways.models import (
    Consultation,
    ConsultationComment,
    ConsultationLink,
    ConsultationNotice,
    PathwayVersion,
)
from tests.factories import make_user

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
GONE = "This invitation link has expired or been withdrawn"
BANNER = "Draft for national consultation: not for use in clinical care"


def url(name, *args):
    return reverse(f"workspace:{name}", args=args)


def on(monkeypatch, day):
    """Make `day` today, for the services, the models and the pages alike."""
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: day)


def html_of(response):
    return response.content.decode()


@pytest.fixture
def clinician(db):
    """Someone in NHS Scotland with an account and a profile, and no role in any network."""
    person = make_user("clinician", first_name="Morag", last_name="Reid")
    Profile.objects.create(
        user=person,
        job_title="Consultant gynaecologist",
        board=HealthBoard.objects.get(slug="greater-glasgow-clyde"),
    )
    return person


@pytest.fixture
def second_clinician(db):
    person = make_user("second-clinician", first_name="Iain", last_name="Fraser")
    Profile.objects.create(
        user=person,
        job_title="Clinical nurse specialist",
        board=HealthBoard.objects.get(slug="fife"),
    )
    return person


@pytest.fixture
def consultation(draft, lead):
    return consultations.open_consultation(
        actor=lead, version=draft, opens_on=TODAY, closes_on=TODAY + timedelta(days=14)
    )


def comment_by(person, consultation, text="Add the CA-125 threshold.", section="referral"):
    return consultations.comment(
        consultation=consultation, section=section, text=text, commenter=person
    )


@pytest.fixture
def invitation(consultation, lead):
    link, token = consultations.create_link(
        actor=lead,
        consultation=consultation,
        label="Ovarian Cancer Action",
        expires_on=consultation.closes_on,
    )
    return link, token


def after_closing(monkeypatch, consultation):
    on(monkeypatch, consultation.closes_on + timedelta(days=1))


# --- Opening --------------------------------------------------------------------------------


def test_a_lead_opens_a_draft_and_its_group_and_table_are_told(
    client, draft, lead, author, reviewer, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(lead)
    assert f'href="{url("open_consultation", draft.pk)}"' in html_of(
        client.get(url("version", draft.pk))
    )
    closes = TODAY + timedelta(days=21)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url("open_consultation", draft.pk),
            {"opens_on": TODAY.isoformat(), "closes_on": closes.isoformat()},
        )
    consultation = Consultation.objects.get(version=draft)
    assert response["Location"] == url("consultation", consultation.pk)
    assert (consultation.opens_on, consultation.closes_on, consultation.opened_by) == (
        TODAY,
        closes,
        lead,
    )
    assert [m.subject for m in mailoutbox] == ["[SCN Pathways] Consultation open: Ovarian cancer"]
    assert {author.email, reviewer.email, lead.email} <= set(mailoutbox[0].to)
    assert draft.events.filter(action="consultation_opened").exists()


def test_an_author_may_not_open_a_consultation(client, draft, author):
    client.force_login(author)
    assert f'href="{url("open_consultation", draft.pk)}"' not in html_of(
        client.get(url("version", draft.pk))
    )
    assert client.get(url("open_consultation", draft.pk)).status_code == 403
    with pytest.raises(PermissionDenied):
        consultations.open_consultation(
            actor=author, version=draft, opens_on=TODAY, closes_on=TODAY + timedelta(days=7)
        )


def test_only_a_draft_goes_to_consultation(in_review, lead):
    with pytest.raises(services.TransitionError, match="only a draft"):
        consultations.open_consultation(
            actor=lead, version=in_review, opens_on=TODAY, closes_on=TODAY + timedelta(days=7)
        )


def test_a_draft_goes_to_consultation_once(client, consultation, draft, lead):
    with pytest.raises(services.TransitionError):
        consultations.open_consultation(
            actor=lead, version=draft, opens_on=TODAY, closes_on=TODAY + timedelta(days=7)
        )
    client.force_login(lead)
    assert f'href="{url("open_consultation", draft.pk)}"' not in html_of(
        client.get(url("version", draft.pk))
    )
    response = client.get(url("open_consultation", draft.pk))
    assert response["Location"] == url("consultation", consultation.pk)


@pytest.mark.parametrize(
    "opens, closes, message",
    [
        (-1, 10, "cannot open in the past"),
        (5, 4, "must close on or after the day it opens"),
        (0, 93, "at most three months"),
    ],
)
def test_the_dates_are_checked_and_refusals_shown_in_the_error_summary(
    client, draft, lead, opens, closes, message
):
    client.force_login(lead)
    response = client.post(
        url("open_consultation", draft.pk),
        {
            "opens_on": (TODAY + timedelta(days=opens)).isoformat(),
            "closes_on": (TODAY + timedelta(days=closes)).isoformat(),
        },
    )
    html = html_of(response)
    assert response.status_code == 200
    assert 'class="nhsuk-error-summary"' in html and message in html
    assert not Consultation.objects.exists()


def test_a_missing_date_is_named_in_the_error_summary(client, draft, lead):
    client.force_login(lead)
    html = html_of(client.post(url("open_consultation", draft.pk), {"opens_on": ""}))
    assert 'href="#id_opens_on"' in html and 'href="#id_closes_on"' in html


# --- Commenting -----------------------------------------------------------------------------


def test_anyone_signed_in_with_no_network_role_comments_on_a_section(
    client, consultation, clinician
):
    client.force_login(clinician)
    page = html_of(client.get(url("consultation", consultation.pk)))
    assert BANNER in page and "Refer urgently." in page
    assert "Comment on Referral" in page and "Comment on Staging" in page
    assert "You comment as Morag Reid, Consultant gynaecologist, NHS Greater Glasgow" in page
    response = client.post(
        url("consultation", consultation.pk),
        {"section": "staging", "text": "Say which CT protocol."},
    )
    assert response["Location"] == url("consultation", consultation.pk) + "#staging"
    comment = ConsultationComment.objects.get()
    assert (comment.section, comment.section_heading, comment.text) == (
        "staging",
        "Staging",
        "Say which CT protocol.",
    )
    assert (comment.commenter, comment.name, comment.role, comment.board.slug) == (
        clinician,
        "Morag Reid",
        "Consultant gynaecologist",
        "greater-glasgow-clyde",
    )
    page = html_of(client.get(url("consultation", consultation.pk)))
    assert "Say which CT protocol." in page and "Awaiting a response" in page


def test_someone_without_a_profile_is_asked_their_job_and_board(client, consultation):
    person = make_user("no-profile", first_name="Ann", last_name="Kerr")
    client.force_login(person)
    assert "Your job title" in html_of(client.get(url("consultation", consultation.pk)))
    refused = client.post(
        url("consultation", consultation.pk), {"section": "referral", "text": "A comment."}
    )
    assert "Choose your NHS board, or give your organisation." in html_of(refused)
    assert not ConsultationComment.objects.exists()
    client.post(
        url("consultation", consultation.pk),
        {
            "section": "referral",
            "text": "A comment.",
            "role": "GP",
            "organisation": "NHS Education for Scotland",
        },
    )
    comment = ConsultationComment.objects.get()
    assert (comment.role, comment.workplace) == ("GP", "NHS Education for Scotland")


def test_no_comment_before_the_window_opens(client, draft, lead, clinician):
    later = consultations.open_consultation(
        actor=lead,
        version=draft,
        opens_on=TODAY + timedelta(days=3),
        closes_on=TODAY + timedelta(days=10),
    )
    with pytest.raises(services.TransitionError, match="not taking comments"):
        comment_by(clinician, later)
    client.force_login(clinician)
    assert client.get(url("consultation", later.pk)).status_code == 404  # not open to all yet


def test_no_comment_after_the_window_closes(client, consultation, clinician, monkeypatch):
    after_closing(monkeypatch, consultation)
    with pytest.raises(services.TransitionError, match="not taking comments"):
        comment_by(clinician, consultation)
    client.force_login(clinician)
    assert client.get(url("consultation", consultation.pk)).status_code == 404


def test_a_section_the_draft_does_not_have_is_refused(client, consultation, clinician):
    with pytest.raises(services.TransitionError, match="Choose a section"):
        comment_by(clinician, consultation, section="no-such-section")
    client.force_login(clinician)
    response = client.post(
        url("consultation", consultation.pk),
        {"section": "no-such-section", "text": "Hello."},
        follow=True,
    )
    assert "Choose a section of the pathway to comment on." in html_of(response)
    assert not ConsultationComment.objects.exists()


def test_an_empty_comment_is_refused(client, consultation, clinician):
    with pytest.raises(services.TransitionError, match="empty"):
        comment_by(clinician, consultation, text="   \n ")
    client.force_login(clinician)
    html = html_of(
        client.post(url("consultation", consultation.pk), {"section": "referral", "text": "  "})
    )
    assert 'class="nhsuk-error-summary"' in html
    assert 'href="#comment-referral-text">Write your comment: it is empty.' in html
    assert '<details class="nhsuk-details" open>' in html
    assert not ConsultationComment.objects.exists()


def test_a_deactivated_account_cannot_comment(consultation, clinician):
    clinician.is_active = False
    clinician.save()
    with pytest.raises(services.TransitionError, match="Sign in"):
        comment_by(clinician, consultation)


def test_a_discarded_draft_takes_no_comments(consultation, draft, author, clinician):
    services.discard(actor=author, version=draft)
    with pytest.raises(services.TransitionError, match="discarded"):
        comment_by(clinician, consultation)


def test_anonymous_people_are_asked_to_sign_in(client, consultation):
    response = client.get(url("consultation", consultation.pk))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_open_consultations_are_listed_for_everyone_signed_in(client, consultation, clinician):
    client.force_login(clinician)
    assert "1 draft pathway open for national consultation" in html_of(client.get(url("dashboard")))
    listing = html_of(client.get(url("consultations")))
    assert f'href="{url("consultation", consultation.pk)}">Ovarian cancer</a>' in listing


# --- Invitation links -----------------------------------------------------------------------


def test_a_lead_creates_a_link_shown_once_whose_token_is_not_stored(
    client, consultation, lead, settings
):
    settings.PORTAL_BASE_URL = "https://pathways.example.scot"
    client.force_login(lead)
    response = client.post(
        url("create_link", consultation.pk),
        {"label": "Ovarian Cancer Action", "expires_on": consultation.closes_on.isoformat()},
    )
    html = html_of(response)
    prefix = "https://pathways.example.scot/workspace/invited/"
    assert prefix in html and response["Cache-Control"] == "private, no-store"
    token = html.split(prefix)[1].split("/")[0]
    link = ConsultationLink.objects.get()
    assert link.token_hash == hashlib.sha256(token.encode()).hexdigest() != token
    stored = ConsultationLink.objects.values_list(flat=False).get()
    assert not any(token in str(value) for value in stored)
    again = html_of(client.get(url("consultation", consultation.pk)))
    assert token not in again and "Ovarian Cancer Action" in again and "Active" in again
    assert consultations.link_for(token) == link


def test_an_invited_person_comments_with_a_name_and_organisation(client, invitation):
    link, token = invitation
    response = client.get(url("invited", token))
    html = html_of(response)
    assert response.status_code == 200 and BANNER in html and "Refer urgently." in html
    assert response["Cache-Control"] == "private, no-store"
    assert response["Referrer-Policy"] == "same-origin"  # never sent to another site
    assert "Your organisation" in html and "Your role (optional)" in html
    refused = client.post(url("invited", token), {"section": "referral", "text": "More."})
    assert "Give your name: comments are not anonymous." in html_of(refused)
    sent = client.post(
        url("invited", token),
        {
            "section": "referral",
            "text": "Mention the patient information leaflet.",
            "name": "Jo Bloggs",
            "organisation": "Ovarian Cancer Action",
        },
    )
    assert sent.status_code == 302 and sent["Cache-Control"] == "private, no-store"
    comment = ConsultationComment.objects.get()
    assert (comment.link, comment.commenter, comment.name, comment.organisation) == (
        link,
        None,
        "Jo Bloggs",
        "Ovarian Cancer Action",
    )


def test_revoked_expired_unknown_and_closed_links_are_all_refused_alike(
    client, consultation, lead, monkeypatch
):
    def new_link(expires_on):
        return consultations.create_link(
            actor=lead, consultation=consultation, label="Charity", expires_on=expires_on
        )

    revoked, revoked_token = new_link(consultation.closes_on)
    consultations.revoke_link(actor=lead, link=revoked)
    _, expiring_token = new_link(TODAY)
    _, closing_token = new_link(consultation.closes_on)
    on(monkeypatch, TODAY + timedelta(days=1))  # the second link has expired
    refusals = [
        client.get(url("invited", revoked_token)),
        client.get(url("invited", expiring_token)),
        client.get(url("invited", "not-a-real-token-" + "x" * 20)),
    ]
    after_closing(monkeypatch, consultation)
    refusals.append(client.get(url("invited", closing_token)))
    assert [response.status_code for response in refusals] == [404] * 4
    assert len({response.content for response in refusals}) == 1  # no hint which
    assert GONE in html_of(refusals[0])
    assert all(r["Cache-Control"] == "private, no-store" for r in refusals)
    posted = client.post(
        url("invited", revoked_token),
        {"section": "referral", "text": "x", "name": "A", "organisation": "B"},
    )
    assert posted.status_code == 404 and not ConsultationComment.objects.exists()


def test_a_link_revoked_after_its_page_was_opened_takes_no_comment(invitation, lead):
    link, token = invitation
    opened = consultations.link_for(token)
    consultations.revoke_link(actor=lead, link=link)
    with pytest.raises(services.TransitionError, match="expired or been withdrawn"):
        consultations.comment(
            consultation=opened.consultation, section="referral", text="x", link=opened, name="A"
        )


def test_a_link_to_one_consultation_does_not_comment_on_another(
    invitation, lead, woscan, cancer, author
):
    link, _ = invitation
    other = services.create_pathway(
        actor=author, network=woscan, cancer_type=cancer, title="Cervical cancer"
    )
    other = services.save_draft(
        actor=author, version=other, title=other.title, summary="", body="## Referral\n\nx\n",
        edit_count=other.edit_count,
    )  # fmt: skip
    elsewhere = consultations.open_consultation(
        actor=lead, version=other, opens_on=TODAY, closes_on=TODAY + timedelta(days=7)
    )
    with pytest.raises(services.TransitionError, match="expired or been withdrawn"):
        consultations.comment(
            consultation=elsewhere, section="referral", text="x", link=link, name="A"
        )


def test_only_leads_create_and_withdraw_links(client, invitation, consultation, author):
    link, _ = invitation
    client.force_login(author)
    page = html_of(client.get(url("consultation", consultation.pk)))
    assert "Create link" not in page and url("revoke_link", link.pk) not in page
    data = {"label": "x", "expires_on": TODAY.isoformat()}
    assert client.post(url("create_link", consultation.pk), data).status_code == 403
    assert client.post(url("revoke_link", link.pk)).status_code == 403
    assert ConsultationLink.objects.get().revoked_at is None


def test_a_lead_withdraws_a_link(client, invitation, lead):
    link, token = invitation
    client.force_login(lead)
    response = client.post(url("revoke_link", link.pk), follow=True)
    assert "The link for Ovarian Cancer Action is withdrawn" in html_of(response)
    assert "Withdrawn" in html_of(response)
    assert consultations.link_for(token) is None


def test_a_link_cannot_outlive_its_consultation(consultation, lead):
    with pytest.raises(services.TransitionError, match="between today and the day"):
        consultations.create_link(
            actor=lead,
            consultation=consultation,
            label="Charity",
            expires_on=consultation.closes_on + timedelta(days=1),
        )


# --- Responses ------------------------------------------------------------------------------


@pytest.fixture
def closed_with_comments(consultation, clinician, second_clinician, invitation, monkeypatch):
    """The consultation closed with three comments: two signed in, one invited."""
    _, token = invitation
    comment_by(clinician, consultation, text="Comment from Morag.")
    comment_by(second_clinician, consultation, text="Comment from Iain.", section="staging")
    consultations.comment(
        consultation=consultation,
        section="staging",
        text="Comment from the charity.",
        link=consultations.link_for(token),
        name="Jo Bloggs",
        organisation="Ovarian Cancer Action",
    )
    after_closing(monkeypatch, consultation)
    return consultation


def test_not_accepted_needs_a_reason(client, closed_with_comments, author):
    comment = ConsultationComment.objects.get(name="Morag Reid")
    client.force_login(author)
    target = url("consultation_responses", closed_with_comments.version_id)
    html = html_of(client.get(target))
    assert "3 of 3 comments still need a response" in html
    refused = client.post(target, {"comment": comment.pk, "response": "not_accepted"})
    assert "Say why the comment is not accepted" in html_of(refused)
    assert 'class="nhsuk-error-summary"' in html_of(refused)
    client.post(
        target,
        {"comment": comment.pk, "response": "not_accepted", "reason": "SIGN 135 says otherwise."},
    )
    comment.refresh_from_db()
    assert (comment.response, comment.response_reason, comment.responded_by) == (
        "not_accepted",
        "SIGN 135 says otherwise.",
        author,
    )
    assert "2 of 3 comments still need a response" in html_of(client.get(target))


def test_only_authors_and_leads_respond(client, closed_with_comments, reviewer, clinician, lead):
    comment = ConsultationComment.objects.first()
    target = url("consultation_responses", closed_with_comments.version_id)
    client.force_login(reviewer)
    assert client.get(target).status_code == 403
    assert client.post(target, {"comment": comment.pk, "response": "noted"}).status_code == 403
    with pytest.raises(PermissionDenied):
        consultations.respond(actor=reviewer, comment=comment, response="noted")
    client.force_login(clinician)
    assert client.get(target).status_code == 404
    consultations.respond(actor=lead, comment=comment, response="noted")
    assert ConsultationComment.objects.get(pk=comment.pk).response == "noted"


def test_a_response_is_final(closed_with_comments, author, lead):
    comment = ConsultationComment.objects.first()
    consultations.respond(actor=author, comment=comment, response="accepted")
    with pytest.raises(services.TransitionError, match="already has a response"):
        consultations.respond(actor=lead, comment=comment, response="noted")
    assert ConsultationComment.objects.get(pk=comment.pk).response == "accepted"


def test_commenters_see_the_responses_to_their_own_comments_and_nobody_elses(
    client, closed_with_comments, author, clinician, reviewer
):
    morags = ConsultationComment.objects.get(name="Morag Reid")
    iains = ConsultationComment.objects.get(name="Iain Fraser")
    consultations.respond(
        actor=author, comment=morags, response="not_accepted", reason="Threshold varies."
    )
    consultations.respond(actor=author, comment=iains, response="accepted")
    client.force_login(clinician)
    html = html_of(client.get(url("consultation", closed_with_comments.pk)))
    assert "Comment from Morag." in html and "Not accepted" in html and "Threshold varies." in html
    assert "Iain" not in html and "Fife" not in html and "Jo Bloggs" not in html
    assert "Comment from the charity." not in html
    client.force_login(reviewer)  # a member of the network sees every comment and who made it
    html = html_of(client.get(url("consultation", closed_with_comments.pk)))
    assert "Morag Reid</strong>, Consultant gynaecologist, NHS Greater Glasgow" in html
    assert "Iain Fraser</strong>, Clinical nurse specialist, NHS Fife" in html
    assert "Jo Bloggs</strong>, Ovarian Cancer Action (invited)" in html


def test_after_closing_only_the_network_the_programme_team_and_commenters_see_it(
    client, closed_with_comments, outsider, programme_team, clinician, reviewer
):
    target = url("consultation", closed_with_comments.pk)
    for person, status in [(outsider, 404), (programme_team, 200), (clinician, 200),
                           (reviewer, 200)]:  # fmt: skip
        client.force_login(person)
        assert client.get(target).status_code == status, person


# --- The submit gate ------------------------------------------------------------------------


def submit_page(client, version):
    return client.post(url("submit", version.pk), {"change_type": "major"}, follow=True)


def test_submit_is_refused_while_the_consultation_is_open(client, consultation, draft, author):
    client.force_login(author)
    html = html_of(submit_page(client, draft))
    assert "The national consultation is open until" in html
    assert PathwayVersion.objects.get(pk=draft.pk).status == "draft"


def test_submit_is_refused_while_comments_await_a_response_and_allowed_after(
    client, closed_with_comments, author
):
    draft = closed_with_comments.version
    client.force_login(author)
    assert "3 consultation comments have no response yet" in html_of(submit_page(client, draft))
    for comment in ConsultationComment.objects.all():
        consultations.respond(actor=author, comment=comment, response="noted")
    submit_page(client, draft)
    assert PathwayVersion.objects.get(pk=draft.pk).status == "in_review"


# --- The version page -----------------------------------------------------------------------


def test_the_version_page_shows_the_window_and_counts_and_offers_responses_while_some_wait(
    client, closed_with_comments, author
):
    version = closed_with_comments.version
    client.force_login(author)
    html = html_of(client.get(url("version", version.pk)))
    assert "3 comments, 3 awaiting a response" in html
    assert f'href="{url("consultation", closed_with_comments.pk)}"' in html
    assert f'href="{url("consultation_responses", version.pk)}"' in html
    for comment in ConsultationComment.objects.all():
        consultations.respond(actor=author, comment=comment, response="noted")
    html = html_of(client.get(url("version", version.pk)))
    assert "3 comments, 0 awaiting a response" in html
    assert f'href="{url("consultation_responses", version.pk)}"' not in html


# --- Notices --------------------------------------------------------------------------------


def test_the_notices_command_sends_each_notice_once(
    consultation, clinician, author, lead, reviewer, monkeypatch, mailoutbox
):
    comment_by(clinician, consultation)

    def run():
        call_command("send_consultation_notices", stdout=open("/dev/null", "w"))

    on(monkeypatch, consultation.closes_on - timedelta(days=3))
    run()
    run()
    assert [m.subject for m in mailoutbox] == [
        "[SCN Pathways] Consultation closes in 3 days: Ovarian cancer"
    ]
    assert {author.email, lead.email, reviewer.email} <= set(mailoutbox[0].to)
    on(monkeypatch, consultation.closes_on + timedelta(days=1))
    run()
    run()
    closed = mailoutbox[1]
    assert closed.subject == "[SCN Pathways] Consultation closed, responses needed: Ovarian cancer"
    assert sorted(closed.to) == sorted([author.email, lead.email])  # not the reviewer
    assert "1 comment still needs a response" in closed.body
    assert url("consultation_responses", consultation.version_id) in closed.body
    assert len(mailoutbox) == 2
    assert sorted(ConsultationNotice.objects.values_list("kind", flat=True)) == [
        "closed",
        "closing",
    ]


def test_no_closed_notice_when_every_comment_has_a_response(
    consultation, clinician, author, monkeypatch, mailoutbox
):
    comment = comment_by(clinician, consultation)
    after_closing(monkeypatch, consultation)
    consultations.respond(actor=author, comment=comment, response="accepted")
    call_command("send_consultation_notices", stdout=open("/dev/null", "w"))
    assert mailoutbox == [] and not ConsultationNotice.objects.exists()


def test_the_closing_notice_reaches_the_constituencies_at_the_pathways_table(
    consultation, monkeypatch, mailoutbox
):
    pharmacist = make_user("pharmacist")
    pharmacy = Constituency.objects.get(slug="pharmacy")
    pharmacy.members.add(pharmacist)
    consultation.version.pathway.major_change_constituencies.add(pharmacy)
    on(monkeypatch, consultation.closes_on)
    call_command("send_consultation_notices", stdout=open("/dev/null", "w"))
    assert "closes today" in mailoutbox[0].subject and pharmacist.email in mailoutbox[0].to


# --- One rule: the buttons, the services and the policy agree ---------------------------------


class Rollback(Exception):
    pass


def service_allows(attempt):
    try:
        with services.composed():
            attempt()
            raise Rollback
    except Rollback:
        return True
    except (PermissionDenied, services.TransitionError):
        return False


def test_open_and_respond_are_offered_exactly_when_the_services_allow_them(
    client, consultation, draft, clinician, author, lead, reviewer, outsider, programme_team,
    monkeypatch,
):  # fmt: skip
    from pathways import policy
    from pathways.policy import Action

    comment = comment_by(clinician, consultation)
    fresh = services.create_pathway(
        actor=author, network=draft.pathway.network, cancer_type=draft.pathway.cancer_type,
        title="Cervical cancer",
    )  # fmt: skip
    attempts = {
        Action.OPEN_CONSULTATION: lambda user, v: lambda: consultations.open_consultation(
            actor=user, version=v, opens_on=timezone.localdate(),
            closes_on=timezone.localdate() + timedelta(days=7),
        ),
        Action.RESPOND_TO_COMMENTS: lambda user, v: lambda: consultations.respond(
            actor=user, comment=comment, response="noted"
        ),
    }  # fmt: skip
    people = [clinician, author, lead, reviewer, outsider, programme_team]
    disagreements, allowed_somewhere = [], set()
    for moment in ["open", "closed", "answered"]:
        if moment == "closed":
            after_closing(monkeypatch, consultation)
        if moment == "answered":
            consultations.respond(actor=author, comment=comment, response="accepted")
        for person in people:
            client.force_login(person)
            for version in [draft, fresh]:
                page = client.get(url("version", version.pk))
                html = html_of(page) if page.status_code == 200 else ""
                for action, attempt in attempts.items():
                    name = {Action.OPEN_CONSULTATION: "open_consultation"}.get(
                        action, "consultation_responses"
                    )
                    shown = f'href="{url(name, version.pk)}"' in html
                    # The one comment is on the draft: responding to it is not acting on `fresh`.
                    allowed = (version == draft or action == Action.OPEN_CONSULTATION) and (
                        service_allows(attempt(person, version))
                    )
                    allowed_somewhere |= {action} if allowed else set()
                    if not shown == allowed == policy.permits(person, action, version):
                        disagreements.append((moment, person.username, version.title, action))
    assert disagreements == []
    assert allowed_somewhere == {Action.OPEN_CONSULTATION, Action.RESPOND_TO_COMMENTS}


def test_once_closed_a_commenter_outside_the_network_sees_their_comments_not_the_draft(
    client, closed_with_comments, draft, author, clinician
):
    services.save_draft(
        actor=author, version=draft, title=draft.title, summary=draft.summary,
        body=draft.body + "\nText written after the consultation closed.\n",
        edit_count=PathwayVersion.objects.get(pk=draft.pk).edit_count,
    )  # fmt: skip
    client.force_login(clinician)
    html = html_of(client.get(url("consultation", closed_with_comments.pk)))
    assert "Comment from Morag." in html and "Referral" in html  # their comment, by heading
    assert "written after the consultation closed" not in html
    assert "Refer urgently." not in html  # nor the text as consulted on


def test_a_long_registered_name_and_a_long_heading_are_kept_not_refused(consultation, draft):
    long_name = make_user("long-name", first_name="A" * 150, last_name="B" * 150)
    comment = comment_by(long_name, consultation, text="Fine.")
    assert comment.name.startswith("A" * 150) and len(comment.name) == 200
    heading = "Referral " + "and more " * 40
    PathwayVersion.objects.filter(pk=draft.pk).update(
        contents=[{"id": "long", "text": heading, "level": 2}]
    )
    kept = comment_by(long_name, Consultation.objects.get(pk=consultation.pk), section="long")
    assert kept.section_heading == heading[:300]


def test_the_open_page_is_not_offered_for_a_version_in_review(client, in_review, lead):
    client.force_login(lead)
    response = client.get(url("open_consultation", in_review.pk))
    assert response.status_code == 302 and response["Location"] == url("version", in_review.pk)
