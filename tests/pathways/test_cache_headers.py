"""What browsers and CDNs are told they may keep: no page whose notice can change is ever
shown from a cache without asking the portal first (public_site/cache_policy.py)."""

import re
from datetime import timedelta

import pytest
from django.contrib.staticfiles.storage import staticfiles_storage
from django.urls import reverse
from django.utils import timezone

from pathways import services
from tests.lifecycle import BODY, publish_change

pytestmark = pytest.mark.django_db

PATHWAY = "/pathways/ovarian-cancer/"
FIRST = "/pathways/ovarian-cancer/versions/1.0/"

PUBLIC_PAGES = [
    "/",
    "/pathways/",
    PATHWAY,
    FIRST,
    "/pathways/ovarian-cancer/versions/2.0/",
    "/pathways/ovarian-cancer/versions/",
    "/pathways/ovarian-cancer/compare/?from=1.0&to=2.0",
    "/search/?q=staging",
    "/feeds/",
    "/pathways/ovarian-cancer/feed/",
    "/networks/",
    "/networks/woscan/",
    "/sitemap.xml",
    "/no-such-page/",
]


def seconds_fresh(response):
    """How long a cache may show this response without asking again."""
    policy = response["Cache-Control"]
    if re.search(r"\b(no-cache|no-store)\b", policy):
        return 0
    return int(re.search(r"\bmax-age=(\d+)", policy)[1])


@pytest.fixture
def superseded(published, team):
    publish_change(published, body=BODY + "\nNew advice.\n", **team)
    return published


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_no_public_page_may_be_shown_from_a_cache_without_asking(client, superseded, path):
    response = client.get(path)
    assert response.status_code in (200, 404)
    assert seconds_fresh(response) == 0, response["Cache-Control"]
    assert "must-revalidate" in response["Cache-Control"]
    assert "immutable" not in response["Cache-Control"]


def test_a_superseded_version_page_is_revalidated_like_the_current_one(client, superseded):
    response = client.get(FIRST)
    assert response["Cache-Control"] == "public, max-age=0, must-revalidate"
    assert response["ETag"].startswith('"')  # strong: the page is exactly this text


def test_pages_for_someone_signed_in_are_never_kept_by_a_shared_cache(client, author, published):
    client.force_login(author)
    for path in [PATHWAY, "/pathways/", reverse("workspace:dashboard")]:
        assert client.get(path)["Cache-Control"].startswith("private, max-age=0"), path


def test_only_content_hashed_static_files_are_kept_for_good(client):
    response = client.get(staticfiles_storage.url("css/portal.css"))
    assert response.status_code == 200
    assert "immutable" in response["Cache-Control"]


def test_a_superseded_page_kept_before_the_withdrawal_is_replaced_after_it(
    client, superseded, lead
):
    kept = client.get(FIRST)
    services.withdraw(actor=lead, pathway=superseded.pathway, reason="Merged into another.")
    response = client.get(FIRST, HTTP_IF_NONE_MATCH=kept["ETag"])
    page = response.content.decode()
    assert response.status_code == 200
    assert "This pathway has been withdrawn" in page and "Merged into another." in page


def test_a_current_page_kept_before_a_supersession_is_replaced_after_it(client, published, team):
    kept = {path: client.get(path) for path in (PATHWAY, FIRST)}
    publish_change(published, body=BODY + "\nNew advice.\n", **team)
    for path, response in kept.items():
        again = client.get(path, HTTP_IF_NONE_MATCH=response["ETag"])
        assert again.status_code == 200, path
    assert "This version has been superseded" in client.get(FIRST).content.decode()


def test_a_page_kept_before_a_scheduled_version_takes_over_is_replaced_at_that_moment(
    client, published, team, monkeypatch
):
    in_two_days = timezone.localdate() + timedelta(days=2)
    scheduled = publish_change(
        published, body=BODY + "\nScheduled text.\n", effective_on=in_two_days, **team
    )
    kept = {path: client.get(path) for path in (PATHWAY, FIRST)}
    assert all(seconds_fresh(response) == 0 for response in kept.values())
    assert client.get(PATHWAY, HTTP_IF_NONE_MATCH=kept[PATHWAY]["ETag"]).status_code == 304
    moment = scheduled.effective_from + timedelta(minutes=1)
    monkeypatch.setattr(timezone, "now", lambda: moment)
    monkeypatch.setattr(timezone, "localdate", lambda *args: moment.date())
    current = client.get(PATHWAY, HTTP_IF_NONE_MATCH=kept[PATHWAY]["ETag"])
    first = client.get(FIRST, HTTP_IF_NONE_MATCH=kept[FIRST]["ETag"])
    assert current.status_code == 200 and "Scheduled text." in current.content.decode()
    assert first.status_code == 200
    assert "This version has been superseded" in first.content.decode()
