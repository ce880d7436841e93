import pytest
from django.urls import reverse

from pathways.models import Pathway, PathwayVersion
from tests.lifecycle import BODY

pytestmark = pytest.mark.django_db

Status = PathwayVersion.Status


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


def test_the_review_queue_lists_what_waits_for_this_reviewer_only(client, reviewer, in_review):
    client.force_login(reviewer)
    assert "Ovarian cancer" in client.get(url("review_queue")).content.decode()
    client.post(url("review", in_review.pk), {"decision": "approve"})
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
    ]:
        assert client.get(target).status_code == 404, target
    assert client.post(url("discard", draft.pk)).status_code == 404
    assert PathwayVersion.objects.get(pk=draft.pk).status == Status.DRAFT


def test_a_network_member_without_the_role_gets_403(client, reviewer, author, in_review):
    client.force_login(reviewer)
    assert client.get(url("edit", in_review.pk)).status_code == 403
    assert client.get(url("publish", in_review.pk)).status_code == 403
    client.force_login(author)
    response = client.post(url("review", in_review.pk), {"decision": "approve"})
    assert response.status_code == 403
    assert not in_review.reviews.exists()


def test_a_refused_transition_shows_a_message_not_an_error(client, reviewer, in_review):
    client.force_login(reviewer)
    client.post(url("review", in_review.pk), {"decision": "approve"})
    response = client.post(url("review", in_review.pk), {"decision": "approve"}, follow=True)
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
    assert '<del><span class="nhsuk-u-visually-hidden">[removed: </span>CT.' in html
    assert '<ins><span class="nhsuk-u-visually-hidden">[added: </span>PET-CT.' in html


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


def test_withdrawing_from_the_page_needs_a_reason(client, lead, published):
    client.force_login(lead)
    response = client.post(url("withdraw", published.pathway.slug), {"reason": ""})
    assert "There is a problem" in response.content.decode()
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
