"""`make bench`: the portal at scale, measured as ratios within one run.

Seeds a separate database (`scn_portal_bench`, see bench/seed.py), starts gunicorn with
production settings on loopback, measures with wrk (bounded: a few seconds per figure), and
writes bench/results/latest.md. Every figure is a ratio of two measurements taken on the same
machine in the same run. The two sides of each ratio are measured in turn, round after round
(BENCH_ROUNDS, default 3), and the report gives the median ratio and its range: a burst of
other load then falls on both sides, or shows as a wide range, instead of moving one sample.
"""

import gzip
import json
import logging
import os
import re
import secrets
import statistics
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

from bench.server import gunicorn

ROOT = Path(__file__).resolve().parent.parent
DATABASE = "scn_portal_bench"
SECONDS = int(os.environ.get("BENCH_SECONDS", "5"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "8"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
RESULTS = ROOT / "bench/results/latest.md"
WRK_SCRIPT = """
done = function(summary, latency, requests)
  io.write(string.format('{"requests": %d, "seconds": %f, "errors": %d, "p50": %d, "p95": %d, "p99": %d}\\n',
    summary.requests, summary.duration / 1e6,
    summary.errors.connect + summary.errors.read + summary.errors.write
      + summary.errors.status + summary.errors.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99)))
end
"""


def database_url(name):
    """The URL of database `name` on the server DATABASE_URL points at."""
    server, _, _ = os.environ["DATABASE_URL"].rpartition("/")
    return f"{server}/{name}"


def setup_django():
    os.environ.update(
        DATABASE_URL=database_url(DATABASE),
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        SESSION_COOKIE_SECURE="0",
        CSRF_COOKIE_SECURE="0",
        LOG_LEVEL="WARNING",
        EMAIL_HOST="",
    )
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "scn_portal.settings")
    import django

    django.setup()
    # The benchmark's own publications are not security events worth printing.
    logging.getLogger("scn_portal.security").setLevel(logging.WARNING)


def fresh_database():
    import psycopg

    with psycopg.connect(database_url("postgres"), autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{DATABASE}"')


def wrk(url, *headers, connections=CONNECTIONS):
    """Requests/s, errors and latency percentiles of `url` under `connections` connections,
    after a second's warm-up (every worker's connection and caches in use) that is not counted."""
    command = ["wrk", f"-t{min(2, connections)}", f"-c{connections}", "--timeout", "10s"]
    for header in headers:
        command += ["-H", header]
    subprocess.run([*command, "-d1s", url], capture_output=True, check=True)
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as script:
        script.write(WRK_SCRIPT)
        script.flush()
        measured = [*command, f"-d{SECONDS}s", "-s", script.name, url]
        output = subprocess.run(measured, capture_output=True, text=True, check=True).stdout
    result = json.loads(output.strip().splitlines()[-1])
    result["rps"] = result["requests"] / result["seconds"]
    for key in ("p50", "p95", "p99"):
        result[key] = result[key] / 1000  # microseconds to milliseconds
    return result


def search_both(base):
    """Search for the rare and the common word, and the common word misspelt (corrected, then
    its results shown), one connection each: the time one clinician waits, not a queue behind
    the load generator."""
    from bench import seed

    words = {"rare": seed.RARE_WORD, "common": seed.COMMON_WORD, "misspelt": seed.MISSPELT_WORD}
    return {kind: wrk(f"{base}/search/?q={word}", connections=1) for kind, word in words.items()}


def fetch(url, **headers):
    request = urllib.request.Request(url, headers=headers)
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.read(), dict(response.headers)


def time_publish(pathway_slug, people, repeats=5):
    """Median seconds for services.publish() of an approved minor change of the pathway."""
    from django.test import override_settings

    from pathways import services
    from pathways.models import Pathway

    override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend").enable()
    pathway = Pathway.objects.get(slug=pathway_slug)
    timings = []
    for number in range(repeats):
        version = services.start_new_version(actor=people["author"], pathway=pathway)
        version = services.save_draft(
            actor=people["author"],
            version=version,
            title=version.title,
            summary=version.summary,
            body=version.body + f"\nEdit {number}.",
            edit_count=version.edit_count,
        )
        version = services.submit(actor=people["author"], version=version, change_type="minor")
        version = services.approve(actor=people["reviewer"], version=version)
        started = time.perf_counter()
        services.publish(actor=people["lead"], version=version)
        timings.append(time.perf_counter() - started)
    return sorted(timings)[len(timings) // 2]


def main():
    started = time.monotonic()
    fresh_database()
    setup_django()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from bench import seed
    from networks.models import NetworkRole
    from pathways.models import Pathway

    call_command("migrate", verbosity=0)
    User = get_user_model()
    author = User.objects.create_user("bench-author", email="author@example.org")
    lead = User.objects.create_user("bench-lead", email="lead@example.org")
    reviewer = User.objects.create_user("bench-reviewer", email="reviewer@example.org")
    seed.seed(author)
    for pathway in Pathway.objects.filter(slug__in=["big", "single"]).select_related("network"):
        for user, role in ((author, "author"), (lead, "lead"), (reviewer, "reviewer")):
            NetworkRole.objects.get_or_create(user=user, network=pathway.network, role=role)
    seeded = time.monotonic() - started

    page_html = fetch_in_process("/pathways/pathway-10/")
    queries_per_page = count_queries()
    same_size = Path(settings.STATIC_ROOT) / "bench-same-size.html"
    same_size.write_bytes(b"x" * len(page_html))

    workers = os.environ.get("BENCH_WORKERS", "3")
    try:
        # The API's throttle still runs (its cost is measured) at a rate wrk never reaches.
        server_env = {**os.environ, "GUNICORN_WORKERS": workers, "API_THROTTLE_RATE": "10000000/s"}
        with gunicorn(server_env) as base:
            rows = measure(base, page_html)
            people = {"author": author, "lead": lead, "reviewer": reviewer}
            publishes = [
                {"big": time_publish("big", people), "single": time_publish("single", people)}
                for _ in range(ROUNDS)
            ]
            seed.grow(author)
            search_large = search_both(base)
    finally:
        same_size.unlink(missing_ok=True)
    write_report(
        queries_per_page,
        rows,
        publishes,
        search_large,
        seeded,
        time.monotonic() - started,
    )


def fetch_in_process(path):
    from django.test import Client

    response = Client().get(path, HTTP_HOST="127.0.0.1")
    assert response.status_code == 200, (path, response.status_code)
    return response.content


QUERIED_PAGES = {
    "home": "/",
    "pathway list": "/pathways/",
    "pathway (first view)": "/pathways/big/",
    "pathway (kept page)": "/pathways/big/",
    "version": "/pathways/big/versions/1.0/",
    "versions list": "/pathways/big/versions/",
    "compare": "/pathways/big/compare/?from=1.0&to=2.0",
    "search": "/search/?q=staging",
    "search misspelt": "/search/?q=stagign",
    "feed": "/feeds/",
    "networks": "/networks/",
}


def count_queries():
    """SQL queries each public page type costs at this size (tests hold them constant)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    counts, client = {}, Client()
    for name, path in QUERIED_PAGES.items():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(path, HTTP_HOST="127.0.0.1").status_code == 200, path
        counts[name] = len(captured.captured_queries)
    return counts


def measure(base, page_html):
    """Every throughput and latency figure once per round, one after the other."""
    etag = fetch(f"{base}/pathways/pathway-10/")[1]["ETag"]
    pathway = json.loads(fetch(f"{base}/api/v1/pathways/pathway-10/")[0])
    targets = {
        "page": [f"{base}/pathways/pathway-10/"],
        "static": [f"{base}/static/bench-same-size.html"],
        "big": [f"{base}/pathways/big/"],
        "single": [f"{base}/pathways/single/"],
        "not_modified": [f"{base}/pathways/pathway-10/", f"If-None-Match: {etag}"],
        # The same version as JSON (sections, references, regimens), and a page of 50 pathways.
        "api_version": [pathway["current_version"]["url"]],
        "api_list": [f"{base}/api/v1/pathways/?page_size=50"],
    }
    return {
        "rounds": [{name: wrk(*args) for name, args in targets.items()} for _ in range(ROUNDS)],
        "search": search_both(base),
        "weight": page_weight(base, page_html),
    }


def ratio(rounds, top, bottom, key):
    """The median over rounds of top/bottom, with its lowest and highest."""
    values = sorted(pick(r[top], key) / pick(r[bottom], key) for r in rounds)
    return statistics.median(values), values[0], values[-1]


def pick(figure, key):
    return figure[key] if key else figure


def median_of(rounds, name, key):
    return statistics.median(pick(r[name], key) for r in rounds)


def ratio_cell(rounds, top, bottom, key):
    middle, lowest, highest = ratio(rounds, top, bottom, key)
    return f"{middle:.2f} ({lowest:.2f} to {highest:.2f})"


def page_weight(base, page_html):
    """Compressed bytes of the HTML and of every stylesheet and script it loads."""
    html_bytes = len(gzip.compress(page_html, compresslevel=6))
    assets = re.findall(rb'(?:href|src)="(/static/[^"]+\.(?:css|js))"', page_html)
    imported = []
    for asset in assets:
        body, _ = fetch(base + asset.decode())
        imported += re.findall(rb'from\s*"(\.\./[^"]+\.js)"', body)
    sizes = {}
    for asset in assets + [b"/static/" + path[3:] for path in imported]:
        body, _ = fetch(base + asset.decode())
        sizes[asset.decode()] = len(gzip.compress(body, compresslevel=6))
    return {"html": html_bytes, "assets": sizes}


def write_report(queries_per_page, f, publishes, search_large, seeded, elapsed):
    css_js = sum(f["weight"]["assets"].values())
    total_kb = (f["weight"]["html"] + css_js) / 1024
    rounds = f["rounds"]

    def m(name, key):
        return median_of(rounds, name, key)

    lines = [
        "# Benchmark: latest run",
        "",
        f"30 networks, 2,000 pathways, 20,000 published versions (one pathway with 500); gunicorn "
        f"with production settings on loopback; wrk, {CONNECTIONS} connections (search: 1, the wait of one "
        f"clinician), {SECONDS} s per figure. Rows 1, 2, 4 and 5: both sides measured in turn, "
        f"{len(rounds)} rounds; the figure is the median ratio, with its range in brackets, and the "
        f"detail gives medians. Seeded in {seeded:.0f} s; whole run {elapsed:.0f} s.",
        "",
        "| # | measure | figure (range) | target | detail |",
        "|---|---|---:|---|---|",
        f"| 1 | pathway page / same-size static file, throughput | "
        f"{ratio_cell(rounds, 'page', 'static', 'rps')} | >= 0.5 | "
        f"page {m('page', 'rps'):.0f} req/s, p50 {m('page', 'p50'):.1f} ms, p99 {m('page', 'p99'):.1f} ms; "
        f"static {m('static', 'rps'):.0f} req/s, p50 {m('static', 'p50'):.1f} ms, p99 {m('static', 'p99'):.1f} ms |",
        "| 2 | 500-version page / 1-version page, p50 latency | "
        f"{ratio_cell(rounds, 'big', 'single', 'p50')} | <= 1.2 | "
        f"{m('big', 'p50'):.1f} ms / {m('single', 'p50'):.1f} ms |",
        "| 3a | search p95, rare term, 20,000 / 2,000 pathways | "
        + _search_row(f["search"]["rare"], search_large["rare"], target=""),
        "| 3b | search p95, common term, 20,000 / 2,000 pathways | "
        + _search_row(
            f["search"]["common"], search_large["common"], target="p95 < 30 ms at 20,000"
        ),
        "| 3c | search p95, common term misspelt (corrected), 20,000 / 2,000 pathways | "
        + _search_row(f["search"]["misspelt"], search_large["misspelt"], target=""),
        f"| 4 | 304 conditional GET / full page, throughput | {ratio_cell(rounds, 'not_modified', 'page', 'rps')} | | "
        f"{m('not_modified', 'rps'):.0f} req/s / {m('page', 'rps'):.0f} req/s |",
        "| 5 | publish on 500-version / 1-version pathway, latency | "
        f"{ratio_cell(publishes, 'big', 'single', None)} | <= 1.5 | "
        f"{median_of(publishes, 'big', None) * 1000:.1f} ms / {median_of(publishes, 'single', None) * 1000:.1f} ms "
        f"(each the median of 5 publications) |",
        f"| 6 | page weight, compressed HTML + CSS + JS | {total_kb:.0f} KB | <= 150 KB | "
        f"HTML {f['weight']['html'] / 1024:.1f} KB; "
        + "; ".join(
            f"{Path(name).name} {size / 1024:.1f} KB"
            for name, size in f["weight"]["assets"].items()
        )
        + " |",
        f"| 7 | API version / the same version's HTML page, throughput | "
        f"{ratio_cell(rounds, 'api_version', 'page', 'rps')} | | "
        f"{m('api_version', 'rps'):.0f} req/s, p50 {m('api_version', 'p50'):.1f} ms / "
        f"{m('page', 'rps'):.0f} req/s (each kept by the worker; the API runs its throttle too) |",
        f"| 8 | API list of 50 pathways / pathway HTML page, throughput | "
        f"{ratio_cell(rounds, 'api_list', 'page', 'rps')} | | "
        f"{m('api_list', 'rps'):.0f} req/s, p50 {m('api_list', 'p50'):.1f} ms |",
        "",
        "Errors during the wrk runs: "
        + str(
            sum(figure["errors"] for r in rounds for figure in r.values())
            + sum(r["errors"] for r in [*f["search"].values(), *search_large.values()])
        )
        + ".",
        "",
        "SQL queries per public page at 2,000 pathways (the same at any size: tests assert it): "
        + "; ".join(f"{name} {count}" for name, count in queries_per_page.items())
        + ".",
        "",
    ]
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text("\n".join(lines))
    print("\n".join(lines))


def _search_row(small, large, target):
    return (
        f"{large['p95'] / small['p95']:.2f} | {target} | "
        f"p95 {small['p95']:.1f} ms (p50 {small['p50']:.1f}) at 2,000; "
        f"p95 {large['p95']:.1f} ms (p50 {large['p50']:.1f}) at 20,000 |"
    )


if __name__ == "__main__":
    main()
