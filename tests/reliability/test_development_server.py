"""`make run`'s development server with several browsers at once: it must not run
PostgreSQL out of connections (each request there runs in a thread of its own)."""

import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.db import connection

from tests.ports import free_port

pytestmark = pytest.mark.django_db(transaction=True)

PROJECT = Path(__file__).resolve().parents[2]
BROWSERS = 10
REQUESTS = 150
PAGES = ["/", "/pathways/", "/networks/", "/accounts/login/"]


def _status(url):
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return 0


@pytest.fixture
def development_server():
    """`manage.py runserver` as `make run` starts it, on the test database."""
    database = urlsplit(os.environ["DATABASE_URL"])
    test_database = urlunsplit(database._replace(path="/" + connection.settings_dict["NAME"]))
    environment = {key: value for key, value in os.environ.items() if not key.startswith("DB_CONN")}
    environment.update(DEBUG="1", SECRET_KEY="test-only", DATABASE_URL=test_database)
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
        cwd=PROJECT,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while _status(f"{url}/healthz") != 200:
        if time.monotonic() > deadline or server.poll() is not None:
            server.kill()
            pytest.fail("the development server did not start")
        time.sleep(0.2)
    yield url
    server.terminate()
    server.wait(timeout=10)


def _connections_left_open(within=2.0):
    """Other sessions on the test database, once none remain or `within` seconds have passed
    (a closed connection's server process takes a moment to go)."""
    deadline = time.monotonic() + within
    with connection.cursor() as cursor:
        while True:
            cursor.execute("SELECT pg_stat_clear_snapshot()")
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
            count = cursor.fetchone()[0]
            if count == 0 or time.monotonic() > deadline:
                return count
            time.sleep(0.1)


def test_ten_browsers_at_once_get_every_page_and_leave_no_connections_open(
    development_server, reference_data
):
    urls = [development_server + PAGES[number % len(PAGES)] for number in range(REQUESTS)]
    with ThreadPoolExecutor(max_workers=BROWSERS) as browsers:
        statuses = list(browsers.map(_status, urls))
    errors = [status for status in statuses if status != 200]
    left_open = _connections_left_open()
    print(f"\ndevelopment server: {REQUESTS} requests, {len(errors)} errors, {left_open} left open")
    assert errors == []
    # Each request's connection closes with it: none stay behind from threads that ended
    # (with persistent connections, 13 of these 150 did, and a day's browsing exhausts them).
    assert left_open == 0


def test_gunicorn_workers_keep_their_connections_between_requests():
    environment = {key: value for key, value in os.environ.items() if not key.startswith("DB_CONN")}
    environment.update(DEBUG="0", SECRET_KEY="test-only")
    script = (
        "import scn_portal.gunicorn_conf, django; django.setup(); "
        "from django.conf import settings; print(settings.DATABASES['default']['CONN_MAX_AGE'])"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=PROJECT, env=environment, capture_output=True, text=True
    )
    assert result.stdout.strip() == "60", result.stderr
