"""`make loadtest`: public pages and the review flow together against gunicorn, on loopback.

Builds a throwaway database on the private cluster (or on DATABASE_URL's server) with the
demo content, starts gunicorn with production settings (DEBUG off) on 127.0.0.1, then for
LOADTEST_SECONDS (default 20) runs reader threads fetching public pages while writer threads
take new versions of demo pathways through edit, submit, approve and publish. Prints requests
served, errors (which must be 0) and p50/p99 latency. Exits 1 on any error.
"""

import os
import random
import re
import secrets
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

from bench.server import gunicorn

ROOT = Path(__file__).resolve().parent.parent
SECONDS = int(os.environ.get("LOADTEST_SECONDS", "20"))
READERS = int(os.environ.get("LOADTEST_READERS", "6"))
MAX_REQUESTS = int(os.environ.get("LOADTEST_MAX_REQUESTS", "50000"))
DATABASE = "scn_portal_loadtest"
PASSWORD = "demo-pathways-2026"
PUBLIC_PAGES = [
    "/",
    "/pathways/",
    "/pathways/?sort=newest",
    "/pathways/ovarian-cancer/",
    "/pathways/ovarian-cancer/versions/",
    "/pathways/ovarian-cancer/versions/1.0/",
    "/pathways/ovarian-cancer/compare/?from=1.0&to=2.0",
    "/search/?q=staging",
    "/search/?q=ovarain",
    "/networks/",
    "/networks/woscan/",
    "/feeds/",
]
# (pathway, author, reviewer, publisher): pathways that have no version in progress.
FLOWS = [
    ("head-and-neck-cancer", "scan-author", "scan-reviewer", "programme"),
    ("breast-cancer", "nca-author", "nca-reviewer", "programme"),
]


class Results:
    def __init__(self):
        self.lock = threading.Lock()
        self.latencies = {"public": [], "review flow": []}
        self.errors = {"public": [], "review flow": []}

    def add(self, kind, seconds, error=None):
        with self.lock:
            self.latencies[kind].append(seconds)
            if error:
                self.errors[kind].append(error)

    @property
    def error_count(self):
        return sum(len(errors) for errors in self.errors.values())

    @property
    def total(self):
        return sum(len(values) for values in self.latencies.values())


class Browser:
    """A person with a cookie jar, as far as the portal can tell."""

    def __init__(self, base, results, kind):
        self.base, self.results, self.kind = base, results, kind
        self.jar = CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def request(self, path, data=None):
        body = None
        if data is not None:
            data = {**data, "csrfmiddlewaretoken": self.csrf()}
            body = urllib.parse.urlencode(data, doseq=True).encode()
        started = time.perf_counter()
        try:
            with self.opener.open(self.base + path, body, timeout=30) as response:
                text = response.read().decode()
                self.results.add(self.kind, time.perf_counter() - started)
                return text
        except urllib.error.HTTPError as error:
            self.results.add(self.kind, time.perf_counter() - started, f"{error.code} {path}")
        except OSError as error:
            self.results.add(self.kind, time.perf_counter() - started, f"{error} {path}")
        return ""

    def csrf(self):
        for cookie in self.jar:
            if cookie.name == "csrftoken":
                return cookie.value
        self.request("/accounts/login/")
        return self.csrf()

    def sign_in(self, username):
        self.jar.clear()
        self.request("/accounts/login/")
        self.request("/accounts/login/", {"username": username, "password": PASSWORD})


def read_pages(base, results, stop):
    browser = Browser(base, results, "public")
    while not stop.is_set():
        browser.request(random.choice(PUBLIC_PAGES))


def review_flow(base, results, stop, flow):
    slug, author, reviewer, publisher = flow
    person = Browser(base, results, "review flow")
    while not stop.is_set():
        person.sign_in(author)
        edit_page = person.request(
            f"/workspace/pathways/{slug}/new-version/", {}
        )  # follows to the editor
        match = re.search(r'href="/workspace/versions/(\d+)/"', edit_page)
        count = re.search(r'name="edit_count" value="(\d+)"', edit_page)
        if not (match and count):
            results.add("review flow", 0, f"no draft to edit for {slug}")
            return
        version = match[1]
        person.request(
            f"/workspace/versions/{version}/edit/",
            {
                "title": slug.replace("-", " ").capitalize(),
                "summary": "Load test revision.",
                "body": f"## Staging\n\nRevision {time.time()}.\n",
                "edit_count": count[1],
                "save": "",
            },
        )
        person.request(
            f"/workspace/versions/{version}/submit/",
            {"change_type": "minor", "change_note": "Wording."},
        )
        person.sign_in(reviewer)
        person.request(
            f"/workspace/versions/{version}/review/", {"decision": "approve", "comment": ""}
        )
        person.sign_in(publisher)
        person.request(f"/workspace/versions/{version}/publish/", {"next_review_on": "2031-01-01"})


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] if ordered else 0.0


def prepare_database(env):
    base, _, _ = env["DATABASE_URL"].rpartition("/")
    admin_url = f"{base}/postgres"
    python = [sys.executable, "manage.py"]
    drop_create = (
        f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)',
        f'CREATE DATABASE "{DATABASE}"',
    )
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as connection:
        for statement in drop_create:
            connection.execute(statement)
    env = {**env, "DATABASE_URL": f"{base}/{DATABASE}"}
    subprocess.run([*python, "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    subprocess.run(
        [*python, "load_demo"],
        cwd=ROOT,
        env={**env, "DEBUG": "1"},
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return env


def main():
    env = prepare_database({**os.environ, "SECRET_KEY": secrets.token_urlsafe(50)})
    env.update(
        DEBUG="0",
        ALLOWED_HOSTS="127.0.0.1",
        SESSION_COOKIE_SECURE="0",
        CSRF_COOKIE_SECURE="0",
        LOG_LEVEL="WARNING",
    )
    with gunicorn(env) as base:
        results, stop = Results(), threading.Event()
        threads = [
            threading.Thread(target=read_pages, args=(base, results, stop)) for _ in range(READERS)
        ]
        threads += [
            threading.Thread(target=review_flow, args=(base, results, stop, flow)) for flow in FLOWS
        ]
        started = time.monotonic()
        for thread in threads:
            thread.start()
        while time.monotonic() - started < SECONDS and results.total < MAX_REQUESTS:
            time.sleep(0.2)
        stop.set()
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - started
    report(results, elapsed)
    return 1 if results.error_count else 0


def report(results, elapsed):
    print(
        f"\nLoad test: {elapsed:.1f} s, {READERS} readers and {len(FLOWS)} review flows, gunicorn on loopback\n"
    )
    print("| traffic | requests | errors | req/s | p50 ms | p99 ms |")
    print("|---|---:|---:|---:|---:|---:|")
    rows = [(kind, values, len(results.errors[kind])) for kind, values in results.latencies.items()]
    rows.append(
        ("all", [v for values in results.latencies.values() for v in values], results.error_count)
    )
    for kind, values, errors in rows:
        print(
            f"| {kind} | {len(values)} | {errors} | {len(values) / elapsed:.0f} | "
            f"{percentile(values, 0.5) * 1000:.1f} | {percentile(values, 0.99) * 1000:.1f} |"
        )
    for error in [e for errors in results.errors.values() for e in errors][:10]:
        print("error:", error)


if __name__ == "__main__":
    sys.exit(main())
