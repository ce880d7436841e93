"""A pathway as it stood on a past date: the version current at the end of that day, scheduled
versions and a withdrawal counted, clearly bannered, with the way to the current version."""

from datetime import date

import pytest
from django.urls import reverse

from pathways import services
from pathways.demo import as_of, at
from tests.lifecycle import BODY, publish_change, publish_pathway

pytestmark = pytest.mark.django_db


@pytest.fixture
def history(woscan, author, reviewer, second_reviewer, lead):
    """Lung cancer: 1.0 on 10 March 2024, 2.0 on 5 May 2025, withdrawn on 1 June 2026."""
    team = {"author": author, "reviewers": [reviewer, second_reviewer], "lead": lead}
    with as_of(at(date(2024, 3, 10), 12)):
        first = publish_pathway(team, woscan, "Lung cancer")
    with as_of(at(date(2025, 5, 5), 12)):
        second = publish_change(first, body=BODY + "\nOffer PET-CT.\n", **team)
    return first, second, team


def page(client, day, slug="lung-cancer"):
    response = client.get(reverse("pathways:as_at", args=[slug, day]))
    return response.status_code, response.content.decode()


def test_each_date_shows_the_version_current_at_the_end_of_that_day(client, history):
    status, html = page(client, "2024-03-10")  # published at noon that day
    assert status == 200
    assert "This is the pathway as it stood on 10 March 2024" in html
    assert "Version 1.0 was the current version at the end of that day." in html
    assert "read the current version (2.0)" in html
    status, html = page(client, "2025-05-04")
    assert "Version 1.0 was the current version" in html
    status, html = page(client, "2025-05-05")
    assert (
        "Version 2.0 was the current version" in html and "It is still the current version." in html
    )
    assert "Offer PET-CT." in html


def test_a_date_before_the_first_publication_says_so(client, history):
    status, html = page(client, "2024-03-09")
    assert status == 200
    assert "No version of Lung cancer had been published by then" in html
    assert "first published on 10 March 2024" in html


def test_a_withdrawal_is_counted(client, history):
    first, second, team = history
    with as_of(at(date(2026, 6, 1), 9)):
        services.withdraw(actor=team["lead"], pathway=first.pathway, reason="Replaced nationally.")
    _, html = page(client, "2026-05-31")
    assert "Version 2.0 was the current version" in html and "since been withdrawn" in html
    _, html = page(client, "2026-06-01")
    assert "had been withdrawn by then, on 1 June 2026" in html and "Replaced nationally." in html


def test_a_scheduled_version_counts_from_the_day_it_takes_effect(client, history):
    first, second, team = history
    with as_of(at(date(2025, 6, 1), 12)):
        publish_change(second, body=BODY + "\nOffer EBUS.\n", effective_on=date(2025, 7, 1), **team)
    _, html = page(client, "2025-06-30")
    assert "Version 2.0 was the current version" in html
    _, html = page(client, "2025-07-01")
    assert "Version 3.0 was the current version" in html


@pytest.mark.parametrize("day", ["2024-02-30", "yesterday", "2024-3-1", "9999-01-01"])
def test_a_date_that_is_not_one_or_is_to_come_is_a_clear_400(client, history, day):
    status, html = page(client, day)
    assert status == 400
    assert "as in 2025-03-12" in html or "still to come" in html


def test_an_unpublished_pathway_has_no_past(client, draft):
    status, _ = page(client, "2025-01-01", slug=draft.pathway.slug)
    assert status == 404


def test_the_versions_list_offers_the_date_and_the_form_leads_to_its_page(client, history):
    html = client.get(reverse("pathways:versions", args=["lung-cancer"])).content.decode()
    assert 'action="/pathways/lung-cancer/as-at/"' in html and 'name="date"' in html
    response = client.get("/pathways/lung-cancer/as-at/", {"date": "2025-01-01"})
    assert response.status_code == 302
    assert response["Location"] == "/pathways/lung-cancer/as-at/2025-01-01/"
    assert client.get("/pathways/lung-cancer/as-at/", {"date": ""}).status_code == 400
