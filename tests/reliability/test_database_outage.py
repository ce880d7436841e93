"""PostgreSQL restarting or down under a running portal: real server, real connections."""

import time
import urllib.error
import urllib.request

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db(transaction=True)

REQUESTS = 25


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return 0


def test_after_postgresql_restarts_the_next_requests_succeed(
    reference_data, published, live_url, private_cluster
):
    page = f"{live_url}/pathways/{published.pathway.slug}/"
    before = [fetch(page) for _ in range(REQUESTS)]
    started = time.monotonic()
    private_cluster.restart()
    restart_seconds = time.monotonic() - started
    after = [fetch(page) for _ in range(REQUESTS)]
    connection.close()
    errors = sum(status != 200 for status in before + after)
    print(
        f"\nrestart test: {2 * REQUESTS} requests, {errors} errors, restart took {restart_seconds:.2f} s"
    )
    assert before == [200] * REQUESTS
    assert after == [200] * REQUESTS  # persistent connections were health-checked and renewed


def test_healthz_says_503_while_the_database_is_down_and_200_after(live_url, private_cluster):
    assert fetch(f"{live_url}/healthz") == 200
    private_cluster.stop()
    try:
        down = [fetch(f"{live_url}/healthz") for _ in range(3)]
        page_while_down = fetch(f"{live_url}/")
    finally:
        private_cluster.start()
    connection.close()
    assert down == [503, 503, 503]
    assert page_while_down == 500  # the site's own error page, never a hang
    assert fetch(f"{live_url}/healthz") == 200  # no restart of the portal needed


def test_a_runaway_query_is_stopped_well_before_gunicorn_would_kill_the_worker():
    from django.conf import settings

    from scn_portal import gunicorn_conf

    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        timeout = cursor.fetchone()[0]
    assert timeout == "10s"
    assert 10 * 3 <= gunicorn_conf.timeout
    assert "statement_timeout" in settings.DATABASES["default"]["OPTIONS"]["options"]


@pytest.fixture
def own_connection():
    """A second connection to the test database, like one a worker keeps between requests."""
    from django.db import connections

    wrapper = connections.create_connection("default")
    wrapper.ensure_connection()
    yield wrapper
    wrapper.close()


def test_a_healthy_connection_passes_its_check_without_a_query(own_connection, monkeypatch):
    from django.db.backends.postgresql import base

    def query_check(self):
        raise AssertionError("the health check sent a query to a healthy connection")

    monkeypatch.setattr(base.DatabaseWrapper, "is_usable", query_check)
    assert own_connection.is_usable()


def test_a_connection_the_server_closed_fails_its_check(own_connection):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(%s)", [own_connection.connection.info.backend_pid]
        )
    deadline = time.monotonic() + 5
    while own_connection.is_usable() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not own_connection.is_usable()
