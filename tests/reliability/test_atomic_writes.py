"""A failure in any part of a write leaves nothing half-written: the history write is made to
fail, for real, by a trigger in the test's own transaction."""

import pytest
from django.db import connection
from django.urls import reverse

from pathways.models import Event, PathwayVersion

pytestmark = pytest.mark.django_db

BREAK_HISTORY = """
CREATE FUNCTION test_refuse_history() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'history storage failed'; END $$;
CREATE TRIGGER test_refuse_history BEFORE INSERT ON pathways_historicalpathwayversion
    FOR EACH ROW EXECUTE FUNCTION test_refuse_history();
"""


def test_when_the_history_write_fails_the_draft_and_its_event_are_not_written(
    client, author, draft
):
    events_before = Event.objects.count()
    with connection.cursor() as cursor:
        cursor.execute(BREAK_HISTORY)
    client.force_login(author)
    client.raise_request_exception = False
    response = client.post(
        reverse("workspace:edit", args=[draft.pk]),
        {
            "title": "Changed",
            "summary": "",
            "body": "Changed body",
            "edit_count": draft.edit_count,
            "save": "",
        },
    )
    assert response.status_code == 500
    saved = PathwayVersion.objects.get(pk=draft.pk)
    assert (saved.title, saved.body, saved.edit_count) == (
        draft.title,
        draft.body,
        draft.edit_count,
    )
    assert Event.objects.count() == events_before


def test_when_the_history_write_fails_a_publication_does_not_half_happen(client, lead, approved):
    with connection.cursor() as cursor:
        cursor.execute(BREAK_HISTORY)
    client.force_login(lead)
    client.raise_request_exception = False
    response = client.post(
        reverse("workspace:publish", args=[approved.pk]), {"next_review_on": "2031-01-01"}
    )
    assert response.status_code == 500
    assert PathwayVersion.objects.get(pk=approved.pk).status == "approved"
    assert not Event.objects.filter(action="published").exists()
    assert approved.pathway.__class__.objects.get(pk=approved.pathway_id).first_published_at is None
