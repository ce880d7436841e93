from datetime import timedelta

import pytest
from django.utils import timezone

from pathways import services
from tests.lifecycle import BODY, publish_change

pytestmark = pytest.mark.django_db


def test_the_public_page_shows_the_current_version(client, published):
    html = client.get(published.pathway.get_absolute_url()).content.decode()
    assert "<h1>Ovarian cancer</h1>" in html
    assert "1.0 (current)" in html
    assert "Next review due" in html
    assert '<h2 id="staging">Staging</h2>' in html


def test_drafts_and_unpublished_pathways_are_not_public(client, draft, in_review):
    assert client.get(draft.pathway.get_absolute_url()).status_code == 404
    assert client.get(f"/pathways/{draft.pathway.slug}/versions/").status_code == 404


def test_a_superseded_version_stays_readable_and_says_so(
    client, published, author, reviewer, second_reviewer, lead
):
    publish_change(
        published,
        author=author,
        reviewers=[reviewer, second_reviewer],
        lead=lead,
        body=BODY + "\nNew.\n",
    )
    response = client.get(f"/pathways/{published.pathway.slug}/versions/1.0/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "This version has been superseded" in html
    assert 'href="/pathways/ovarian-cancer/">Read the current version (2.0)' in html


@pytest.mark.parametrize("number", ["2.0", "0.1", "1.0.0", "x", "01.0"])
def test_unknown_or_malformed_version_numbers_are_not_found(client, published, number):
    assert client.get(f"/pathways/{published.pathway.slug}/versions/{number}/").status_code == 404


def test_a_scheduled_version_is_not_shown_before_it_takes_effect(
    client, published, author, reviewer, second_reviewer, lead
):
    version = services.start_new_version(actor=author, pathway=published.pathway)
    version = services.save_draft(
        actor=author,
        version=version,
        title="Ovarian cancer",
        summary="",
        body=BODY + "\nLater.\n",
        edit_count=version.edit_count,
    )
    version = services.submit(actor=author, version=version, change_type="major", change_note="x")
    services.approve(actor=reviewer, version=version)
    services.approve(actor=second_reviewer, version=version)
    services.publish(
        actor=lead, version=version, effective_on=timezone.localdate() + timedelta(days=3)
    )
    html = client.get(published.pathway.get_absolute_url()).content.decode()
    assert "1.0 (current)" in html
    assert client.get(f"/pathways/{published.pathway.slug}/versions/2.0/").status_code == 404


def test_a_withdrawn_pathway_shows_its_notice_instead_of_guidance(client, published, lead):
    services.withdraw(
        actor=lead, pathway=published.pathway, reason="Replaced by the national pathway."
    )
    html = client.get(published.pathway.get_absolute_url()).content.decode()
    assert "This pathway has been withdrawn" in html
    assert "Replaced by the national pathway." in html
    assert 'id="staging"' not in html
    assert (
        "This pathway has been withdrawn"
        in client.get(f"/pathways/{published.pathway.slug}/versions/1.0/").content.decode()
    )
