"""Which version is current, found by index through `superseded_at` (kept by PostgreSQL on
publication, migration 0007): it must agree with the plain definition, the newest published
version in effect, at every moment, however versions were scheduled."""

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from pathways import queries, services
from pathways.models import PathwayVersion
from tests.lifecycle import BODY, publish_change, publish_pathway

pytestmark = pytest.mark.django_db


def newest_in_effect(pathway, at):
    """The definition, by comparing versions: what the index must agree with."""
    return pathway.versions.in_effect(at).newest_first().first()


def current_by_index(pathway, at):
    return list(queries.current_versions(at).filter(pathway=pathway))


def assert_agree_at(pathway, *moments):
    for at in moments:
        assert current_by_index(pathway, at) == [newest_in_effect(pathway, at)], at


def in_days(days):
    return timezone.localdate() + timedelta(days=days)


def test_each_publication_records_when_the_one_before_was_superseded(published, team):
    newer = publish_change(published, body=BODY + "\nNewer.\n", **team)
    published.refresh_from_db()
    newer.refresh_from_db()
    assert published.superseded_at == newer.effective_from
    assert newer.superseded_at is None
    assert_agree_at(published.pathway, published.effective_from, timezone.now())


def test_a_version_stays_current_until_its_scheduled_successor_takes_effect(published, team):
    scheduled = publish_change(published, body=BODY + "\nLater.\n", effective_on=in_days(3), **team)
    published.refresh_from_db()
    assert published.superseded_at == scheduled.effective_from > timezone.now()
    just_before = scheduled.effective_from - timedelta(seconds=1)
    assert_agree_at(published.pathway, timezone.now(), just_before, scheduled.effective_from)
    assert current_by_index(published.pathway, timezone.now()) == [published]


def test_a_later_number_taking_effect_first_supersedes_a_still_scheduled_one(published, team):
    scheduled = publish_change(
        published, body=BODY + "\nIn a week.\n", effective_on=in_days(7), **team
    )
    today = publish_change(scheduled, body=BODY + "\nToday.\n", change_type="minor", **team)
    for version in (published, scheduled):
        version.refresh_from_db()
        assert version.superseded_at == today.effective_from
    pathway = published.pathway
    assert_agree_at(pathway, timezone.now(), scheduled.effective_from + timedelta(days=1))
    assert current_by_index(pathway, scheduled.effective_from + timedelta(days=1)) == [today]


def test_withdrawal_supersedes_the_current_version(published, lead):
    services.withdraw(actor=lead, pathway=published.pathway, reason="Replaced.")
    published.refresh_from_db()
    assert published.superseded_at == published.pathway.withdrawn_at
    assert current_by_index(published.pathway, timezone.now()) == []
    assert current_by_index(published.pathway, published.effective_from) == [published]


def test_search_finds_a_version_whose_successor_is_still_scheduled(client, published, team):
    publish_change(
        published, body="## Referral\n\nScheduled wording.\n", effective_on=in_days(3), **team
    )
    html = client.get("/search/", {"q": "stage"}).content.decode()
    assert "Results 1 to 1 for" in html and "Version 1.0" in html


def test_nothing_outside_the_publication_trigger_can_set_superseded_at(published):
    for change in ({"superseded_at": timezone.now()}, {"superseded_at": None, "body": "Forged."}):
        with pytest.raises(IntegrityError), transaction.atomic():
            PathwayVersion.objects.filter(pk=published.pk).update(**change)


def test_search_pages_through_every_match_ten_at_a_time(client, published, team):
    for number in range(24):
        publish_pathway(team, published.pathway.network, f"Pathway {number:02}")
    pages = [
        client.get("/search/", {"q": "stage", "page": page}).content.decode() for page in (1, 2, 3)
    ]
    assert "Results 1 to 10 for" in pages[0] and "Earlier results" not in pages[0]
    assert "Results 11 to 20 for" in pages[1] and 'start="11"' in pages[1]
    assert "Results 21 to 25 for" in pages[2] and "More results" not in pages[2]
    assert all("More results" in page for page in pages[:2])
    assert all("Earlier results" in page for page in pages[1:])
    titles = [f">Pathway {number:02}</a>" for number in range(24)] + [">Ovarian cancer</a>"]
    shown = [[title for title in titles if title in page] for page in pages]
    assert sorted(sum(shown, [])) == sorted(titles)  # each once, none lost between pages
    for page in ("0", "two", "100000"):
        assert client.get("/search/", {"q": "stage", "page": page}).status_code == 400
