import pytest
from django.db import connection


@pytest.mark.django_db
def test_healthz_answers_200_when_the_database_answers(client):
    response = client.get("/healthz")
    assert (response.status_code, response.content) == (200, b"ok\n")
    assert response["Cache-Control"] == "no-store"


@pytest.mark.django_db
def test_healthz_answers_a_load_balancer_probing_by_ip_address(client):
    assert client.get("/healthz", HTTP_HOST="10.0.0.7").status_code == 200


@pytest.mark.django_db(transaction=True)
def test_healthz_answers_503_revealing_nothing_while_the_database_is_unreachable(client):
    real_port = connection.settings_dict["PORT"]
    connection.close()
    # A socket that does not exist: the real connection attempt fails, as it would when
    # PostgreSQL is down.
    connection.settings_dict["PORT"] = 1
    try:
        response = client.get("/healthz")
    finally:
        connection.close()
        connection.settings_dict["PORT"] = real_port
    assert (response.status_code, response.content) == (503, b"unavailable\n")
    assert client.get("/healthz").status_code == 200  # back as soon as the database is
