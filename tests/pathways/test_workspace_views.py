from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from pathways import demo as pathway_demo
from pathways import services
from pathways.models import Pathway, PathwayVersion
from tests.lifecycle import BODY

pytestmark = pytest.mark.django_db

Status = PathwayVersion.Status
HIDDEN = '<span class="nhsuk-u-visually-hidden">'
INS, DEL = f"<ins>{HIDDEN}", f"<del>{HIDDEN}"


def url(name, *args):
    return reverse(f"workspace:{name}", args=args)


def test_the_workspace_needs_a_login(client, draft):
    for target in [url("dashboard"), url("version", draft.pk), url("edit", draft.pk)]:
        response = client.get(target)
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_my_pathways_lists_the_networks_pathways_with_their_state(client, author, in_review):
    client.force_login(author)
    html = client.get(url("dashboard")).content.decode()
    assert "Ovarian cancer" in html and "In review" in html and "Create pathway" in html


def _published_column(html, title):
    row = html.split(f">{title}</a>")[1].split("</tr>")[0]
    return row.split('aria-hidden="true">Published </span>')[1].split("</td>")[0].strip()


def test_my_pathways_shows_what_readers_see_as_current_and_a_withdrawal(client, lead, published):
    client.force_login(lead)
    assert (
        _published_column(client.get(url("dashboard")).content.decode(), "Ovarian cancer") == "1.0"
    )
    services.withdraw(actor=lead, pathway=published.pathway, reason="Replaced by national advice.")
    html = client.get(url("dashboard")).content.decode()
    assert _published_column(html, "Ovarian cancer") == "Withdrawn"


def test_view_public_page_is_offered_once_a_version_is_in_effect(client, lead, approved):
    client.force_login(lead)
    services.publish(
        actor=lead, version=approved, effective_on=timezone.localdate() + timedelta(days=7)
    )
    page = url("version", approved.pk)
    assert "View public page" not in client.get(page).content.decode()  # scheduled
    with pathway_demo.as_of(timezone.now() + timedelta(days=8)):
        assert "View public page" in client.get(page).content.decode()


def test_the_review_queue_lists_what_waits_for_this_reviewer_only(client, reviewer, in_review):
    client.force_login(reviewer)
    assert "Ovarian cancer" in client.get(url("review_queue")).content.decode()
    client.post(url("review", in_review.pk), {"decision": "approve", "interests_declared": "none"})
    assert "Ovarian cancer" not in client.get(url("review_queue")).content.decode()


def test_an_author_creates_a_pathway_and_lands_in_its_editor(client, author, woscan, cancer):
    client.force_login(author)
    response = client.post(
        url("create_pathway"),
        {
            "network": woscan.pk,
            "cancer_type": cancer.pk,
            "title": "Renal cancer",
        },
    )
    pathway = Pathway.objects.get(slug="renal-cancer")
    assert response["Location"] == url("edit", pathway.versions.get().pk)


def test_a_pathway_cannot_be_created_in_another_network_by_forging_its_id(
    client, author, other_network, cancer
):
    client.force_login(author)
    response = client.post(
        url("create_pathway"),
        {
            "network": other_network.pk,
            "cancer_type": cancer.pk,
            "title": "Sarcoma",
        },
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Pathway.objects.exists()


def test_saving_a_draft_ignores_forged_status_author_and_number_fields(
    client, author, reviewer, draft
):
    client.force_login(author)
    client.post(
        url("edit", draft.pk),
        {
            "title": "Ovarian cancer",
            "summary": "",
            "body": "New text",
            "edit_count": draft.edit_count,
            "status": "published",
            "author": reviewer.pk,
            "major": 9,
            "minor": 9,
            "content_hash": "0" * 64,
            "save": "",
        },
    )
    saved = PathwayVersion.objects.get(pk=draft.pk)
    assert (saved.body, saved.status, saved.author, saved.major) == (
        "New text",
        Status.DRAFT,
        draft.author,
        None,
    )
    assert saved.content_hash != "0" * 64


def test_preview_renders_without_saving(client, author, draft):
    client.force_login(author)
    response = client.post(
        url("edit", draft.pk),
        {
            "title": "Ovarian cancer",
            "summary": "",
            "body": "## Preview me",
            "edit_count": draft.edit_count,
            "preview": "",
        },
    )
    assert '<h2 id="preview-me">Preview me</h2>' in response.content.decode()
    assert PathwayVersion.objects.get(pk=draft.pk).body == BODY


def test_a_stale_editor_is_told_and_keeps_their_text(client, author, lead, draft):
    opened_at = draft.edit_count
    client.force_login(lead)
    client.post(
        url("edit", draft.pk),
        {
            "title": "Ovarian cancer",
            "summary": "",
            "body": "Lead's text",
            "edit_count": opened_at,
            "save": "",
        },
    )
    client.force_login(author)
    response = client.post(
        url("edit", draft.pk),
        {
            "title": "Ovarian cancer",
            "summary": "",
            "body": "Author's careful text",
            "edit_count": opened_at,
            "save": "",
        },
    )
    html = response.content.decode()
    assert response.status_code == 409
    assert (
        "saved by" in html and "Author&#x27;s careful text" in html and "Lead&#x27;s text" in html
    )
    assert PathwayVersion.objects.get(pk=draft.pk).body == "Lead's text"


def test_someone_with_no_role_in_the_network_gets_404_for_its_pathways(client, outsider, draft):
    client.force_login(outsider)
    for target in [
        url("version", draft.pk),
        url("edit", draft.pk),
        url("review", draft.pk),
        url("publish", draft.pk),
        url("pathway", draft.pathway.slug),
        url("discard", draft.pk),
    ]:
        assert client.get(target).status_code == 404, target
    assert client.post(url("discard", draft.pk)).status_code == 404
    assert PathwayVersion.objects.get(pk=draft.pk).status == Status.DRAFT


def test_a_network_member_without_the_role_gets_403(client, reviewer, author, in_review):
    client.force_login(reviewer)
    assert client.get(url("edit", in_review.pk)).status_code == 403
    assert client.get(url("publish", in_review.pk)).status_code == 403
    client.force_login(author)
    response = client.post(
        url("review", in_review.pk), {"decision": "approve", "interests_declared": "none"}
    )
    assert response.status_code == 403
    assert not in_review.reviews.exists()


def test_a_refused_transition_shows_a_message_not_an_error(client, reviewer, in_review):
    client.force_login(reviewer)
    client.post(url("review", in_review.pk), {"decision": "approve", "interests_declared": "none"})
    response = client.post(
        url("review", in_review.pk),
        {"decision": "approve", "interests_declared": "none"},
        follow=True,
    )
    assert response.status_code == 200
    assert "already decided" in response.content.decode()


def test_requesting_changes_without_a_comment_is_refused_with_a_message(
    client, reviewer, in_review
):
    client.force_login(reviewer)
    response = client.post(
        url("review", in_review.pk), {"decision": "request_changes", "comment": ""}
    )
    assert response.status_code == 200
    assert "comment is required" in response.content.decode()
    assert PathwayVersion.objects.get(pk=in_review.pk).status == Status.IN_REVIEW


def test_the_review_page_shows_what_changed_since_the_published_version(
    client, published, author, reviewer
):
    from pathways import services
    from tests.lifecycle import write

    version = services.start_new_version(actor=author, pathway=published.pathway)
    version = write(author, version, body=BODY.replace("Stage with CT.", "Stage with PET-CT."))
    services.submit(actor=author, version=version, change_type="minor")
    client.force_login(reviewer)
    html = client.get(url("review", version.pk)).content.decode()
    assert "since version 1.0" in html
    assert 'id="changes-summary">1 section changed: Staging</p>' in html
    assert '<li>Staging: <a href="#Change-1">paragraph changed</a></li>' in html
    assert (
        '<p id="Change-1" class="portal-diff__change portal-diff__change--changed">Stage with '
        f"{DEL}[removed: </span>CT.{HIDDEN}]</span></del>"
        f"{INS}[added: </span>PET-CT.{HIDDEN}]</span></ins></p>"
    ) in html
    assert html.count('id="Change-1"') == 1  # the proposed version below has its own ids


def test_the_review_page_of_a_first_version_shows_all_its_text_as_added(
    client, in_review, reviewer
):
    client.force_login(reviewer)
    html = client.get(url("review", in_review.pk)).content.decode()
    assert "This is the first version: all of its text is new." in html
    assert 'id="changes-summary">2 sections changed: Referral, Staging</p>' in html
    assert f'<p class="portal-diff__added">{INS}[added: </span>Stage with CT.' in html
    diff = html.split('<div class="portal-diff portal-diff--document">', 1)[1]
    assert "<del>" not in diff.split("<h2>The proposed version</h2>")[0]


@pytest.mark.parametrize("published_before", [1, 4])
def test_the_review_page_costs_the_same_queries_however_many_versions_came_before(
    client, published, author, reviewer, team, django_assert_num_queries, published_before
):
    from pathways import services
    from tests.lifecycle import publish_change, write

    latest = published
    for number in range(published_before - 1):
        latest = publish_change(
            latest, body=BODY + f"\nNote {number}.\n", change_type="minor", **team
        )
    version = services.start_new_version(actor=author, pathway=published.pathway)
    version = write(author, version, body=BODY + "\n| Step | Standard |\n|---|---|\n| A | B |\n")
    services.submit(actor=author, version=version, change_type="minor")
    client.force_login(reviewer)
    # As before the diff showed the rendered text, two for where it stands (its rule and
    # the decisions on its text: pathways.consensus) and three for its sections, references
    # and regimens (pathways.structure).
    with django_assert_num_queries(13):
        assert client.get(url("review", version.pk)).status_code == 200


def test_publishing_from_the_page_with_a_future_date_schedules_the_version(client, lead, approved):
    from datetime import timedelta

    from django.utils import timezone

    client.force_login(lead)
    day = timezone.localdate() + timedelta(days=10)
    response = client.post(
        url("publish", approved.pk),
        {
            "effective_on": day.isoformat(),
            "next_review_on": (day + timedelta(days=1000)).isoformat(),
        },
        follow=True,
    )
    assert "Version 1.0 scheduled." in response.content.decode()
    assert PathwayVersion.objects.get(pk=approved.pk).is_scheduled


@pytest.mark.parametrize("bad_date", ["2020-01-01", "not-a-date", "2026-02-30"])
def test_bad_publication_dates_get_a_message(client, lead, approved, bad_date):
    client.force_login(lead)
    response = client.post(
        url("publish", approved.pk), {"effective_on": bad_date, "next_review_on": "2030-01-01"}
    )
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert PathwayVersion.objects.get(pk=approved.pk).status == Status.APPROVED


def test_every_version_page_shows_its_timeline(client, lead, published):
    client.force_login(lead)
    html = client.get(url("version", published.pk)).content.decode()
    for label in ["Created", "Saved draft", "Submitted for review", "Approved", "Published"]:
        assert f"<strong>{label}</strong>" in html


def test_withdrawing_from_the_page_needs_a_reason_and_says_why(client, lead, published):
    client.force_login(lead)
    response = client.post(url("withdraw", published.pathway.slug), {"reason": "  "})
    html = response.content.decode()
    assert "There is a problem" in html
    assert "every reader sees it, on the pathway&#x27;s page and in the feeds" in html
    assert "This field is required." not in html
    assert not Pathway.objects.get().is_withdrawn
    client.post(
        url("withdraw", published.pathway.slug), {"reason": "Replaced by the national pathway."}
    )
    assert Pathway.objects.get().is_withdrawn


class TestTheAdmin:
    def test_shows_versions_but_cannot_change_a_published_one(
        self, client, programme_team, published
    ):
        client.force_login(programme_team)
        change_url = reverse("admin:pathways_pathwayversion_change", args=[published.pk])
        assert client.get(change_url).status_code == 200  # view only
        response = client.post(change_url, {"title": "Altered", "body": "Altered"})
        assert response.status_code == 403
        assert PathwayVersion.objects.get(pk=published.pk).body == published.body

    def test_cannot_delete_a_version(self, client, programme_team, published):
        client.force_login(programme_team)
        delete_url = reverse("admin:pathways_pathwayversion_delete", args=[published.pk])
        assert client.post(delete_url, {"post": "yes"}).status_code == 403
        assert PathwayVersion.objects.filter(pk=published.pk).exists()

    @pytest.mark.parametrize("page", ["pathway", "pathwayversion", "review", "event"])
    def test_lists_load_for_the_programme_team(self, client, programme_team, published, page):
        client.force_login(programme_team)
        assert client.get(reverse(f"admin:pathways_{page}_changelist")).status_code == 200


def test_my_pathways_shows_a_scheduled_version_apart_from_the_current_one(
    client, lead, published, author, reviewer, second_reviewer
):
    from datetime import timedelta

    from django.utils import timezone

    from pathways import services
    from tests.lifecycle import write

    version = services.start_new_version(actor=author, pathway=published.pathway)
    version = write(author, version, body=BODY + "\nLater.\n")
    version = services.submit(actor=author, version=version, change_type="minor")
    services.approve(actor=reviewer, version=version)
    services.publish(
        actor=lead, version=version, effective_on=timezone.localdate() + timedelta(days=5)
    )
    client.force_login(lead)
    html = client.get(url("dashboard")).content.decode()
    assert "1.0 (1.1 from" in html


def test_the_timeline_names_each_status_change(client, lead, published):
    client.force_login(lead)
    html = client.get(url("version", published.pk)).content.decode()
    assert "(draft to in review)" in html and "(approved to published)" in html


def test_the_editor_refuses_a_published_version(client, author, published):
    client.force_login(author)
    assert client.get(url("edit", published.pk), follow=True).redirect_chain[-1][0] == url(
        "version", published.pk
    )
    response = client.post(
        url("edit", published.pk),
        {
            "title": "Altered",
            "summary": "",
            "body": "Altered",
            "edit_count": published.edit_count,
            "save": "",
        },
        follow=True,
    )
    assert "This version is published, so it cannot be edited." in response.content.decode()
    assert PathwayVersion.objects.get(pk=published.pk).body == published.body


def test_people_can_change_their_password(client, author):
    client.force_login(author)
    assert client.get(reverse("password_change")).status_code == 200
    response = client.post(
        reverse("password_change"),
        {
            "old_password": "a-long-test-password-1",
            "new_password1": "another-long-passphrase-9",
            "new_password2": "another-long-passphrase-9",
        },
    )
    assert response.status_code == 302
    author.refresh_from_db()
    assert author.check_password("another-long-passphrase-9")


def test_the_submit_page_of_a_first_version_says_the_approvals_it_needs_and_the_note_is_optional(
    client, author, draft, woscan
):
    woscan.major_change_approvals = 3
    woscan.save()
    client.force_login(author)
    html = client.get(url("submit", draft.pk)).content.decode()
    assert "first published version (1.0). It needs 3 reviewer approvals" in html
    assert "a change note is optional" in html and "Change note (optional)" in html
    assert "Required" not in html and "minor change" not in html
    assert 'type="radio"' not in html


def test_a_first_version_is_submitted_from_the_page_without_a_change_note(client, author, draft):
    client.force_login(author)
    response = client.post(url("submit", draft.pk), {"change_type": "major", "change_note": ""})
    assert response["Location"] == url("version", draft.pk)
    assert PathwayVersion.objects.get(pk=draft.pk).status == Status.IN_REVIEW


def test_the_submit_page_of_a_later_version_says_what_each_change_type_needs(
    client, author, published, woscan
):
    from pathways import services

    woscan.major_change_approvals, woscan.minor_change_approvals = 3, 2
    woscan.save()
    version = services.start_new_version(actor=author, pathway=published.pathway)
    client.force_login(author)
    html = client.get(url("submit", version.pk)).content.decode()
    assert ">Major change (clinical content)</label>" in html
    assert ">Needs 3 reviewer approvals and a change note.</div>" in html
    assert ">Minor change (editorial)</label>" in html
    assert ">Needs 2 reviewer approvals.</div>" in html
    assert "Required for a major change" in html and "(optional)" not in html


def test_a_later_major_change_without_a_note_is_refused_from_the_page(client, author, published):
    from pathways import services

    version = services.start_new_version(actor=author, pathway=published.pathway)
    client.force_login(author)
    response = client.post(url("submit", version.pk), {"change_type": "major"})
    assert "A major change needs a change note" in response.content.decode()
    assert PathwayVersion.objects.get(pk=version.pk).status == Status.DRAFT


def test_a_second_press_of_publish_lands_on_the_published_version_with_one_message(
    client, lead, approved
):
    client.force_login(lead)
    form = {"next_review_on": "2031-01-01"}
    first = client.post(url("publish", approved.pk), form)  # its page is never shown
    second = client.post(url("publish", approved.pk), form)
    assert first["Location"] == second["Location"] == url("version", approved.pk)
    html = client.get(second["Location"]).content.decode()
    assert html.count("Version 1.0 published.") == 1
    assert "already published" not in html and "Error:" not in html
    assert PathwayVersion.objects.get(pk=approved.pk).number == "1.0"


def test_publishing_a_version_someone_else_has_published_says_so_once_and_not_as_an_error(
    client, lead, programme_team, approved
):
    from pathways import services

    services.publish(actor=programme_team, version=approved)
    client.force_login(lead)
    response = client.post(
        url("publish", approved.pk), {"next_review_on": "2031-01-01"}, follow=True
    )
    assert response.redirect_chain == [(url("version", approved.pk), 302)]
    html = response.content.decode()
    assert html.count("Version 1.0 was already published by programme.") == 1
    assert "Error:" not in html


def test_discard_asks_first_and_discards_only_when_confirmed(client, author, draft):
    client.force_login(author)
    version_page = client.get(url("version", draft.pk)).content.decode()
    assert f'href="{url("discard", draft.pk)}">Discard</a>' in version_page
    assert f'action="{url("discard", draft.pk)}"' not in version_page  # no one-click discard
    page = client.get(url("discard", draft.pk))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Discard this draft of Ovarian cancer?" in html and ">Discard draft</button>" in html
    assert '<h2 id="referral">Referral</h2>' in html  # the text that would go
    assert PathwayVersion.objects.get(pk=draft.pk).status == Status.DRAFT
    response = client.post(url("discard", draft.pk))
    assert response["Location"] == url("pathway", draft.pathway.slug)
    assert PathwayVersion.objects.get(pk=draft.pk).status == Status.DISCARDED


def test_only_those_who_may_discard_see_the_discard_page(client, reviewer, lead, draft):
    client.force_login(reviewer)
    assert client.get(url("discard", draft.pk)).status_code == 403
    assert client.post(url("discard", draft.pk)).status_code == 403
    assert "Discard</a>" not in client.get(url("version", draft.pk)).content.decode()
    client.force_login(lead)
    assert client.get(url("discard", draft.pk)).status_code == 200
    assert PathwayVersion.objects.get(pk=draft.pk).status == Status.DRAFT


def test_the_discard_page_of_a_published_version_says_it_cannot_be_discarded(
    client, lead, published
):
    client.force_login(lead)
    response = client.get(url("discard", published.pk), follow=True)
    assert response.redirect_chain == [(url("version", published.pk), 302)]
    assert "This version is published: it cannot be discarded." in response.content.decode()
    response = client.post(url("discard", published.pk), follow=True)
    assert "it cannot be discarded" in response.content.decode()
    assert PathwayVersion.objects.get(pk=published.pk).status == Status.PUBLISHED


def test_the_admin_discard_action_still_goes_through_the_service(client, programme_team, draft):
    from pathways.models import Event

    client.force_login(programme_team)
    response = client.post(
        reverse("admin:pathways_pathwayversion_changelist"),
        {"action": "discard", "_selected_action": [draft.pk]},
        follow=True,
    )
    assert "Discarded: 1 version(s)." in response.content.decode()
    assert PathwayVersion.objects.get(pk=draft.pk).status == Status.DISCARDED
    assert Event.objects.get(version=draft, action="discarded").actor == programme_team
