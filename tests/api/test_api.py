"""The open API: what it lists, that nothing unpublished ever appears, filters, pages,
conditional GET, throttling, a valid OpenAPI description, constant queries."""

from datetime import timedelta

import pytest
import yaml
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openapi_spec_validator import validate

from pathways import services
from tests.lifecycle import BODY, publish_change, publish_pathway, write

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_throttle():
    cache.clear()  # the throttle counts in the default cache
    yield
    cache.clear()


def get(client, name, *args, **params):
    response = client.get(reverse(f"api:{name}", args=args), params)
    return response


def slugs(response):
    return [item["slug"] for item in response.json()["results"]]


def test_a_pathway_has_its_current_version_inline(client, published):
    data = get(client, "pathway-detail", "ovarian-cancer").json()
    assert data["status"] == "in_use"
    assert data["network"] == "woscan" and data["cancer_type"] == "ovarian"
    assert data["current_version"]["number"] == "1.0"
    assert data["current_version"]["fingerprint"] == published.fingerprint
    assert data["current_version"]["status"] == "current"
    assert data["versions_url"].endswith("/api/v1/pathways/ovarian-cancer/versions/")


def test_a_version_has_its_sections_references_and_fingerprint(client, published):
    data = get(client, "version-detail", "ovarian-cancer", "1.0").json()
    assert data["fingerprint"] == published.fingerprint
    assert [s["anchor"] for s in data["sections"]] == ["referral", "staging"]
    assert (
        data["sections"][1]["text"] == "Stage with CT."
        and data["sections"][1]["last_changed_in"] == "1.0"
    )
    assert data["references"] == [] and data["regimens"] == []
    assert data["consensus_url"].endswith("/pathways/ovarian-cancer/versions/1.0/consensus/")


def test_nothing_unpublished_ever_appears(client, published, team, author, woscan):
    # A draft of a pathway never published, and a new draft of a published one.
    services.create_pathway(
        actor=author, network=woscan, cancer_type=published.pathway.cancer_type, title="Draft"
    )
    services.start_new_version(actor=author, pathway=published.pathway)
    # A version scheduled for next week.
    scheduled_pathway = publish_pathway(team, woscan, "Lung cancer")
    publish_change(
        scheduled_pathway,
        body=BODY + "\nLater.\n",
        effective_on=timezone.localdate() + timedelta(days=7),
        **team,
    )
    assert slugs(get(client, "pathway-list")) == ["ovarian-cancer", "lung-cancer"]
    numbers = [v["number"] for v in get(client, "version-list", "lung-cancer").json()["results"]]
    assert numbers == ["1.0"]
    assert get(client, "version-detail", "lung-cancer", "2.0").status_code == 404
    assert get(client, "pathway-detail", "draft").status_code == 404
    everything = get(client, "all-versions").json()
    assert {(v["pathway"], v["number"]) for v in everything["results"]} == {
        ("ovarian-cancer", "1.0"),
        ("lung-cancer", "1.0"),
    }


def test_superseded_and_withdrawn_are_marked_as_such(client, published, team, lead):
    publish_change(published, body=BODY + "\nMore.\n", **team)
    versions = get(client, "version-list", "ovarian-cancer").json()["results"]
    assert [(v["number"], v["status"]) for v in versions] == [
        ("2.0", "current"),
        ("1.0", "superseded"),
    ]
    assert versions[1]["next_review_on"] is None and versions[1]["superseded_at"]
    services.withdraw(actor=lead, pathway=published.pathway, reason="Replaced.")
    pathway = get(client, "pathway-detail", "ovarian-cancer").json()
    assert pathway["status"] == "withdrawn" and pathway["current_version"] is None
    assert pathway["withdrawal_reason"] == "Replaced."
    versions = get(client, "version-list", "ovarian-cancer").json()["results"]
    assert [v["status"] for v in versions] == ["withdrawn", "superseded"]


def test_filters_by_network_cancer_type_and_updated_since(
    client, published, team, other_network, woscan
):
    publish_pathway(team, woscan, "Lung cancer", cancer="lung")
    assert slugs(get(client, "pathway-list", network="woscan")) == [
        "ovarian-cancer",
        "lung-cancer",
    ]
    assert slugs(get(client, "pathway-list", network=other_network.slug)) == []
    assert slugs(get(client, "pathway-list", cancer_type="lung")) == ["lung-cancer"]
    last = get(client, "pathway-list").json()["results"][-1]["updated_at"]
    assert slugs(get(client, "pathway-list", updated_since=last)) == ["lung-cancer"]
    future = (timezone.now() + timedelta(days=1)).isoformat()
    assert get(client, "all-versions", updated_since=future).json()["results"] == []
    assert len(get(client, "all-versions", updated_since="2000-01-01").json()["results"]) == 2


@pytest.mark.parametrize(
    "params, field",
    [
        ({"network": "no-such"}, "network"),
        ({"cancer_type": "no-such"}, "cancer_type"),
        ({"updated_since": "yesterday"}, "updated_since"),
    ],
)
def test_bad_filters_are_explained_with_a_400(client, published, params, field):
    response = get(client, "pathway-list", **params)
    assert response.status_code == 400 and field in response.json()


def test_lists_are_paged(client, published, team, woscan):
    publish_pathway(team, woscan, "Lung cancer")
    first = get(client, "pathway-list", page_size=1).json()
    assert first["count"] == 2 and len(first["results"]) == 1 and first["next"]
    second = client.get(first["next"]).json()
    assert [p["slug"] for p in first["results"] + second["results"]] == [
        "ovarian-cancer",
        "lung-cancer",
    ]
    assert second["next"] is None


def test_conditional_get_answers_304_until_anything_public_changes(client, published, team):
    path = reverse("api:pathway-detail", args=["ovarian-cancer"])
    response = client.get(path)
    etag = response["ETag"]
    assert client.get(path, HTTP_IF_NONE_MATCH=etag).status_code == 304
    publish_change(published, body=BODY + "\nMore.\n", **team)
    changed = client.get(path, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag
    assert changed.json()["current_version"]["number"] == "2.0"


def test_callers_are_throttled(client, published, settings):
    settings.API_THROTTLE_RATE = "3/minute"
    codes = [get(client, "network-list").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]


def test_the_api_is_read_only(client, published):
    for method in (client.post, client.put, client.delete):
        assert method(reverse("api:pathway-detail", args=["ovarian-cancer"])).status_code == 405


def test_the_openapi_description_is_valid(client, published):
    response = client.get(reverse("api:schema"))
    assert response.status_code == 200
    spec = yaml.safe_load(response.content)
    validate(spec)
    assert "/api/v1/pathways/{slug}/versions/{number}/" in spec["paths"]


@pytest.mark.parametrize(
    "name, args",
    [
        ("pathway-list", ()),
        ("all-versions", ()),
        ("version-list", ("ovarian-cancer",)),
        ("network-list", ()),
    ],
)
def test_a_list_costs_the_same_queries_however_long(
    client, published, team, woscan, author, name, args
):
    def cost():
        with CaptureQueriesContext(connection) as queries:
            assert get(client, name, *args).status_code == 200
        return len(queries)

    before = cost()
    latest = publish_change(published, body=BODY + "\nOne.\n", **team)
    draft = services.start_new_version(actor=author, pathway=latest.pathway)
    write(author, draft, body=BODY + "\n## Three\n\nMore sections.\n")
    for title in ("Lung cancer", "Breast cancer", "Melanoma"):
        publish_pathway(team, woscan, title)
    assert cost() == before


def test_a_kept_answer_costs_one_query_is_still_throttled_and_never_outlives_a_change(
    client, published, team, settings, django_assert_num_queries
):
    path = reverse("api:pathway-detail", args=["ovarian-cancer"])
    first = client.get(path)
    with django_assert_num_queries(1):  # the revision: the answer is kept
        kept = client.get(path)
    assert kept.content == first.content and kept["ETag"] == first["ETag"]
    assert kept["Content-Type"] == "application/json"
    publish_change(published, body=BODY + "\nMore.\n", **team)
    assert client.get(path).json()["current_version"]["number"] == "2.0"
    settings.API_THROTTLE_RATE = "1/minute"
    cache.clear()
    assert [client.get(path).status_code for _ in range(2)] == [200, 429]
