import pytest
from django.urls import reverse

from pathways.models import PathwayVersion

pytestmark = pytest.mark.django_db


def test_an_oversized_body_gets_400_and_loses_nothing(client, author, draft):
    client.force_login(author)
    response = client.post(
        reverse("workspace:edit", args=[draft.pk]),
        {
            "title": "T",
            "summary": "",
            "body": "x" * (2 * 1024 * 1024),
            "edit_count": draft.edit_count,
            "save": "",
        },
    )
    assert response.status_code == 400
    assert PathwayVersion.objects.get(pk=draft.pk).body == draft.body


def test_a_body_longer_than_a_pathway_needs_gets_a_clear_message(client, author, draft):
    client.force_login(author)
    response = client.post(
        reverse("workspace:edit", args=[draft.pk]),
        {
            "title": "T",
            "summary": "",
            "body": "x" * 200_001,
            "edit_count": draft.edit_count,
            "save": "",
        },
    )
    assert response.status_code == 200
    assert "Ensure this value has at most 200000 characters" in response.content.decode()


def test_too_many_fields_get_400(client, author, draft):
    client.force_login(author)
    fields = {f"field{number}": "x" for number in range(500)}
    response = client.post(reverse("workspace:edit", args=[draft.pk]), fields)
    assert response.status_code == 400


def test_a_bad_host_gets_400(client):
    assert client.get("/", HTTP_HOST="evil.example").status_code == 400


@pytest.mark.parametrize(
    "path",
    [
        "/pathways/ovarian-cancer/versions/1/",
        "/pathways/ovarian-cancer/versions/1.0.0/",
        "/pathways/ovarian-cancer/versions/99999.1/",
        "/pathways/ovarian-cancer/versions/%00/",
        "/pathways/%E2%80%AE/",
        "/workspace/versions/99999999999999999999/",
    ],
)
def test_malformed_addresses_get_404_not_500(client, published, path):
    assert client.get(path).status_code in (302, 404)


@pytest.mark.parametrize(
    "query", ["page=-1", "page=1e9", "sort=title%00", "network=%00", "cancer=../../etc"]
)
def test_malformed_list_queries_get_4xx_not_500(client, published, query):
    assert client.get(f"/pathways/?{query}").status_code in (400, 404)


def test_a_forged_edit_count_that_is_not_a_number_gets_a_message(client, author, draft):
    client.force_login(author)
    response = client.post(
        reverse("workspace:edit", args=[draft.pk]),
        {"title": "T", "summary": "", "body": "b", "edit_count": "lots", "save": ""},
    )
    assert response.status_code == 200
    assert PathwayVersion.objects.get(pk=draft.pk).body == draft.body
