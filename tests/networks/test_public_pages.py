from datetime import date

import pytest
from django.urls import reverse

from networks.models import Network
from tests.factories import make_network

pytestmark = pytest.mark.django_db


def test_the_directory_groups_networks_by_kind_with_their_member_boards(
    client, woscan, other_network
):
    response = client.get(reverse("networks:list"))
    html = response.content.decode()
    assert response.status_code == 200
    regional = html.index("Regional cancer networks")
    national = html.index("National managed clinical networks")
    assert regional < html.index("West of Scotland Cancer Network (WoSCAN)") < national
    assert national < html.index("Scottish Sarcoma Network (SSN)")
    assert "NHS Greater Glasgow &amp; Clyde" in html
    assert "Scotland-wide" in html  # a national network has no member boards


def test_the_directory_lists_inactive_networks_apart_not_among_the_kinds(client, woscan):
    make_network("OLD", name="Disbanded Network", status=Network.Status.RETIRED)
    html = client.get(reverse("networks:list")).content.decode()
    assert 'href="/networks/old/"' not in html[: html.index("Merged and retired networks")]
    assert "Disbanded Network (OLD)</a>: retired" in html


def test_a_network_page_shows_description_boards_lead_manager_and_contact(client, woscan):
    woscan.description = "Cancer services for the west."
    woscan.save()
    for post, name in [("lead_clinician", "Professor K MacLeod"), ("manager", "S Campbell")]:
        woscan.appointments.create(post=post, name=name, starts_on=date(2020, 1, 1))
    response = client.get(woscan.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    for expected in [
        "<h1>West of Scotland Cancer Network (WoSCAN)</h1>",
        "Cancer services for the west.",
        "NHS Lanarkshire",
        "Professor K MacLeod",
        "S Campbell",
        'href="mailto:woscan@example.org"',
    ]:
        assert expected in html


@pytest.mark.parametrize(
    "status", [Network.Status.PROPOSED, Network.Status.UNDER_REVIEW, Network.Status.RETIRED]
)
def test_every_registered_network_has_a_page(client, status):
    network = make_network("OLD", status=status)
    assert client.get(network.get_absolute_url()).status_code == 200


def test_an_unknown_network_is_not_found(client):
    assert client.get("/networks/no-such-network/").status_code == 404


def test_network_text_is_escaped(client):
    network = make_network("XSS", description='<script>alert("x")</script>')
    html = client.get(network.get_absolute_url()).content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;" in html


def _add_networks(count):
    for _ in range(count):
        make_network(boards=["fife", "lothian"], kind=Network.Kind.NATIONAL_MCN)


@pytest.mark.parametrize("url_name", ["home", "networks:list"])
def test_directory_pages_cost_the_same_queries_for_few_or_many_networks(
    client, django_assert_num_queries, url_name
):
    _add_networks(1)
    with django_assert_num_queries(3):
        client.get(reverse(url_name))
    _add_networks(30)
    with django_assert_num_queries(3):
        client.get(reverse(url_name))


def test_a_network_page_costs_the_same_queries_however_many_boards_it_has(
    client, django_assert_num_queries
):
    few = make_network(boards=["fife"])
    many = make_network(boards=["fife", "lothian", "borders", "tayside", "grampian"])
    for network in (few, many):
        with django_assert_num_queries(9):  # see test_public_oversight_pages.py
            assert client.get(network.get_absolute_url()).status_code == 200
