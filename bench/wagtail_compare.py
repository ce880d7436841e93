"""`make bench-wagtail`: the portal's public pathway page beside Wagtail serving the same page.

Both sides run on this machine in the same run, on the same PostgreSQL server, under the same
gunicorn (same version, and the portal's own gunicorn_conf.py: worker count, class, threads), the
same Django and psycopg versions and the same Python; only the application differs.

- The portal: bench/seed.py's data, seeded into its own database (PORTAL_DATABASE, so that this
  and `make bench` never drop each other's), served as `make bench` serves it (bench.server).
- Wagtail: a pinned release from PyPI in its own virtualenv (.bench-wagtail/, git-ignored,
  rebuilt only when a pinned version changes), and a minimal project generated in a temporary
  folder from the templates below: Wagtail's own project template's apps, middleware and
  defaults, DEBUG off, persistent database connections as the portal has, its own database
  (WAGTAIL_DATABASE). One page model (title, summary, a rich-text body and the facts the
  portal's page shows) holds the seeded pathway's current version: its rendered body HTML and
  contents list as the portal stores them. Its template gives the same markup as the portal's
  page, with Wagtail's own tags where a Wagtail site would use them (userbar, site name,
  pageurl, richtext).
- A reader without roles signs in on each side with that framework's own sessions (Django's
  test client's force_login, in each side's process); the session and CSRF cookies are then sent
  by wrk, as a browser would send them.
- Measured with bench.run.wrk, every figure once per round over BENCH_ROUNDS rounds, both sides
  of each ratio one after the other, each once the machine is quiet (this machine is small and
  shared); the report gives medians, the median ratio and its range.

Wagtail has no page cache of its own: its "frontend cache" app (wagtail.contrib.frontend_cache)
only purges an external proxy or CDN when a page is published, and there is none here. So the
main comparison is Wagtail as it ships. One further row measures Wagtail behind Django's
per-site cache middleware (in-process, like the portal's page cache) as an indication of what a
cache in front of Wagtail changes; it is not like for like (see the report's notes).
"""

# The Wagtail templates below keep the portal templates' long lines, markup unchanged.
# ruff: noqa: E501

import contextlib
import http.client
import json
import os
import platform
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from http.cookies import SimpleCookie
from importlib import metadata, util
from pathlib import Path
from urllib.parse import urlsplit

from bench import run
from bench.server import _wait_until_healthy, gunicorn

ROOT = run.ROOT
WAGTAIL_VERSION = "8.0.1"
PORTAL_DATABASE = "scn_portal_bench_wagtail"
WAGTAIL_DATABASE = "scn_wagtail_bench"
SLUG = "pathway-10"  # as make bench's page figure
PATH = f"/pathways/{SLUG}/"  # the same address on both sides
READER = "bench-reader"
VENV = ROOT / ".bench-wagtail/venv"
RESULTS = ROOT / "bench/results/wagtail.md"
WORKERS = os.environ.get("BENCH_WORKERS", "3")  # as make bench
ISSUE_FIGURES = {"anonymous": "about 9x", "signed_in": "about 1.9x"}

# --- The Wagtail project ----------------------------------------------------------------------

SETTINGS = '''"""A minimal Wagtail site for bench/wagtail_compare.py: Wagtail's project template's
apps, middleware and defaults, with production's DEBUG off."""

import os
from pathlib import Path

from psycopg.conninfo import conninfo_to_dict

PROJECT_DIR = Path(__file__).resolve().parent
BASE_DIR = PROJECT_DIR.parent

DEBUG = False
SECRET_KEY = os.environ["SECRET_KEY"]
ALLOWED_HOSTS = ["127.0.0.1"]

INSTALLED_APPS = [
    "pathwaypage",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]
if os.environ.get("WAGTAIL_BENCH_PAGE_CACHE") == "1":
    # Django's per-site cache, in each process's memory: the supplementary row only.
    MIDDLEWARE = [
        "django.middleware.cache.UpdateCacheMiddleware",
        *MIDDLEWARE,
        "django.middleware.cache.FetchFromCacheMiddleware",
    ]
    CACHE_MIDDLEWARE_SECONDS = 600

ROOT_URLCONF = "wagbench.urls"
WSGI_APPLICATION = "wagbench.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

_db = conninfo_to_dict(os.environ["DATABASE_URL"])
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": _db["dbname"],
        "USER": _db.get("user", ""),
        "PASSWORD": _db.get("password", ""),
        "HOST": _db.get("host", ""),
        "PORT": _db.get("port", ""),
        # As the portal: gunicorn_conf.py sets 60 for long-lived workers.
        "CONN_MAX_AGE": int(os.environ.get("DB_CONN_MAX_AGE", "0")),
        "CONN_HEALTH_CHECKS": True,
    }
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LANGUAGE_CODE = "en-gb"  # as the portal
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_ROOT = BASE_DIR / "static"
STATIC_URL = "/static/"
MEDIA_ROOT = BASE_DIR / "media"
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

WAGTAIL_SITE_NAME = "SCN Pathways"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILADMIN_BASE_URL = "http://127.0.0.1"
'''

URLS = """from django.contrib import admin
from django.http import HttpResponse
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls


def healthz(request):
    return HttpResponse("ok")


urlpatterns = [
    path("healthz", healthz),
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("", include(wagtail_urls)),
]
"""

WSGI = """import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wagbench.settings")
application = get_wsgi_application()
"""

MODELS = """from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page


class PathwayPage(Page):
    caption = models.CharField(max_length=255, blank=True)
    summary = models.TextField(blank=True)
    version_number = models.CharField(max_length=20, blank=True)
    published_on = models.DateField(null=True, blank=True)
    next_review_on = models.DateField(null=True, blank=True)
    network_name = models.CharField(max_length=255, blank=True)
    network_email = models.EmailField(blank=True)
    change_note = models.TextField(blank=True)
    contents = models.JSONField(default=list, blank=True)
    body = RichTextField(blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("change_note"),
        FieldPanel("body"),
    ]
"""

# The portal's markup (templates/base.html, includes/header.html, footer.html, breadcrumbs.html,
# pathways/version_page.html, includes/version_body.html), with Wagtail's tags where a Wagtail
# site would use them; links the portal makes with {% url %} to its own views are Wagtail's own
# views' or plain addresses here.
BASE_TEMPLATE = """{% load static wagtailcore_tags wagtailuserbar %}<!DOCTYPE html>
<html lang="en-GB">
<head>
  <meta charset="utf-8">
  <title>{% block title %}{% if page.seo_title %}{{ page.seo_title }}{% else %}{{ page.title }}{% endif %}{% endblock %}{% block title_suffix %}{% wagtail_site as current_site %}{% if current_site and current_site.site_name %} - {{ current_site.site_name }}{% endif %}{% endblock %}</title>
  <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">
  <meta name="theme-color" content="#005eb8">
  {% if page.search_description %}<meta name="description" content="{{ page.search_description }}">{% endif %}
  <link rel="icon" href="{% static 'nhsuk/assets/images/favicon.ico' %}" sizes="48x48">
  <link rel="icon" href="{% static 'nhsuk/assets/images/favicon.svg' %}" sizes="any" type="image/svg+xml">
  <link rel="stylesheet" href="{% static 'nhsuk/nhsuk-frontend.css' %}">
  <link rel="stylesheet" href="{% static 'css/portal.css' %}">
  <link rel="stylesheet" href="{% static 'css/print.css' %}" media="print">
  <script type="module" src="{% static 'js/portal.js' %}"></script>
  <link rel="modulepreload" href="{% static 'nhsuk/nhsuk-frontend.min.js' %}">
</head>
<body>
  {% wagtailuserbar %}
  <a class="nhsuk-skip-link" data-module="nhsuk-skip-link" href="#maincontent">Skip to main content</a>
  {% include "includes/header.html" %}
  <div class="nhsuk-width-container">
    {% include "includes/breadcrumbs.html" %}
    <main class="nhsuk-main-wrapper" id="maincontent">
      {% block content %}{% endblock %}
    </main>
  </div>
  {% include "includes/footer.html" %}
</body>
</html>
"""

HEADER_TEMPLATE = """<header class="nhsuk-header" data-module="nhsuk-header" role="banner">
  <div class="nhsuk-header__container nhsuk-width-container">
    <div class="nhsuk-header__service">
      <a class="nhsuk-header__service-logo" href="/" aria-label="Scottish Cancer Network pathways homepage">
        <svg class="nhsuk-header__logo" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 80" height="40" width="100" focusable="false" role="img" aria-label="NHS">
          <title>NHS</title>
          <path fill="currentcolor" d="M200 0v80H0V0h200Zm-27.5 5.5c-14.5 0-29 5-29 22 0 10.2 7.7 13.5 14.7 16.3l.7.3c5.4 2 10.1 3.9 10.1 8.4 0 6.5-8.5 7.5-14 7.5s-12.5-1.5-16-3.5L135 70c5.5 2 13.5 3.5 20 3.5 15.5 0 32-4.5 32-22.5 0-19.5-25.5-16.5-25.5-25.5 0-5.5 5.5-6.5 12.5-6.5a35 35 0 0 1 14.5 3l4-13.5c-4.5-2-12-3-20-3Zm-131 2h-22l-14 65H22l9-45h.5l13.5 45h21.5l14-65H64l-9 45h-.5l-13-45Zm63 0h-18l-13 65h17l6-28H117l-5.5 28H129l13.5-65H125L119.5 32h-20l5-24.5Z"/>
        </svg>
        <span class="nhsuk-header__service-name">Scottish Cancer Network pathways</span>
      </a>
    </div>
    <nav class="nhsuk-header__account" aria-label="Account">
      <ul class="nhsuk-header__account-list">
        {% if user.is_authenticated %}
        <li class="nhsuk-header__account-item">
          <svg class="nhsuk-icon nhsuk-icon--user" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" width="16" height="16" focusable="false" aria-hidden="true"><path d="M12 1a11 11 0 1 1 0 22 11 11 0 0 1 0-22Zm0 2a9 9 0 0 0-5 16.5V18a4 4 0 0 1 4-4h2a4 4 0 0 1 4 4v1.5A9 9 0 0 0 12 3Zm0 3a3.5 3.5 0 1 1-3.5 3.5A3.4 3.4 0 0 1 12 6Z"/></svg>
          <span class="nhsuk-u-visually-hidden">Signed in as </span>{{ user.get_full_name|default:user.get_username }}
        </li>
        <li class="nhsuk-header__account-item">
          <a class="nhsuk-header__account-link" href="{% url 'wagtailadmin_home' %}">My pathways</a>
        </li>
        <li class="nhsuk-header__account-item">
          <form class="nhsuk-header__account-form" method="post" action="{% url 'wagtailadmin_logout' %}">{% csrf_token %}<button class="nhsuk-header__account-button" type="submit">Sign out</button></form>
        </li>
        {% else %}
        <li class="nhsuk-header__account-item">
          <a class="nhsuk-header__account-link" href="{% url 'wagtailadmin_login' %}">
            <svg class="nhsuk-icon nhsuk-icon--user" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" width="16" height="16" focusable="false" aria-hidden="true"><path d="M12 1a11 11 0 1 1 0 22 11 11 0 0 1 0-22Zm0 2a9 9 0 0 0-5 16.5V18a4 4 0 0 1 4-4h2a4 4 0 0 1 4 4v1.5A9 9 0 0 0 12 3Zm0 3a3.5 3.5 0 1 1-3.5 3.5A3.4 3.4 0 0 1 12 6Z"/></svg>
            Sign in
          </a>
        </li>
        {% endif %}
      </ul>
    </nav>
  </div>
  <nav class="nhsuk-header__navigation" aria-label="Menu">
    <div class="nhsuk-header__navigation-container nhsuk-width-container">
      <ul class="nhsuk-header__navigation-list">
        <li class="nhsuk-header__navigation-item"><a class="nhsuk-header__navigation-link" href="/pathways/" aria-current="page">Pathways</a></li>
        <li class="nhsuk-header__navigation-item"><a class="nhsuk-header__navigation-link" href="/search/">Search</a></li>
        <li class="nhsuk-header__navigation-item"><a class="nhsuk-header__navigation-link" href="/networks/">Networks</a></li>
        <li class="nhsuk-header__menu" hidden>
          <button class="nhsuk-header__menu-toggle nhsuk-header__navigation-link" id="toggle-menu" aria-expanded="false">
            <span class="nhsuk-u-visually-hidden">Browse </span>More
          </button>
        </li>
      </ul>
    </div>
  </nav>
</header>
"""

FOOTER_TEMPLATE = """<footer class="nhsuk-footer" role="contentinfo">
  <div class="nhsuk-width-container">
    <div class="nhsuk-footer__meta">
      <h2 class="nhsuk-u-visually-hidden">Support links</h2>
      <ul class="nhsuk-footer__list">
        <li class="nhsuk-footer__list-item"><a class="nhsuk-footer__list-item-link" href="/networks/">Clinical networks</a></li>
        <li class="nhsuk-footer__list-item"><a class="nhsuk-footer__list-item-link" href="{% url 'wagtailadmin_home' %}">Programme team sign in</a></li>
      </ul>
      <p class="nhsuk-body-s">A Once for Scotland resource from the Scottish Cancer Network, hosted by NHS National Services Scotland.</p>
    </div>
  </div>
</footer>
"""

BREADCRUMBS_TEMPLATE = """<nav class="nhsuk-breadcrumb" aria-label="Breadcrumb">
  <ol class="nhsuk-breadcrumb__list">
    <li class="nhsuk-breadcrumb__list-item"><a class="nhsuk-breadcrumb__link" href="/">Home</a></li>
    <li class="nhsuk-breadcrumb__list-item"><a class="nhsuk-breadcrumb__link" href="/pathways/">Pathways</a></li>
  </ol>
  <a class="nhsuk-back-link" href="/pathways/"><span class="nhsuk-u-visually-hidden">Back to </span>Pathways</a>
</nav>
"""

PAGE_TEMPLATE = """{% extends "base.html" %}
{% load wagtailcore_tags %}
{% block content %}
<span class="nhsuk-caption-l">{{ page.caption }}</span>
<h1>{{ page.title }}</h1>
<dl class="nhsuk-summary-list portal-version-facts">
  <div class="nhsuk-summary-list__row"><dt class="nhsuk-summary-list__key">Version</dt><dd class="nhsuk-summary-list__value">{{ page.version_number }} (current)</dd></div>
  <div class="nhsuk-summary-list__row"><dt class="nhsuk-summary-list__key">Published</dt><dd class="nhsuk-summary-list__value">{{ page.published_on|date:"j F Y" }}</dd></div>
  <div class="nhsuk-summary-list__row"><dt class="nhsuk-summary-list__key">Next review due</dt><dd class="nhsuk-summary-list__value">{{ page.next_review_on|date:"j F Y" }}</dd></div>
  <div class="nhsuk-summary-list__row"><dt class="nhsuk-summary-list__key">Owned by</dt><dd class="nhsuk-summary-list__value"><a href="/networks/">{{ page.network_name }}</a>{% if page.network_email %}, <a href="mailto:{{ page.network_email }}">{{ page.network_email }}</a>{% endif %}</dd></div>
  <div class="nhsuk-summary-list__row"><dt class="nhsuk-summary-list__key">Permanent address</dt><dd class="nhsuk-summary-list__value">{{ request.scheme }}://{{ request.get_host }}{% pageurl page %}</dd></div>
</dl>
{% if page.change_note %}
<div class="nhsuk-inset-text"><h2 class="nhsuk-heading-s">What changed in version {{ page.version_number }}</h2><p>{{ page.change_note|linebreaksbr }}</p></div>
{% endif %}
<ul class="nhsuk-list portal-no-print">
  <li><a href="{% pageurl page %}versions/">All versions of this pathway</a></li>
</ul>
{% if page.summary %}<p class="nhsuk-lede-text">{{ page.summary }}</p>{% endif %}
{% if page.contents %}
<nav class="nhsuk-contents-list portal-no-print" aria-label="Pathway contents">
  <h2 class="nhsuk-u-visually-hidden">Contents</h2>
  <ol class="nhsuk-contents-list__list">
    {% for item in page.contents %}
    <li class="nhsuk-contents-list__item{% if item.level == 3 %} portal-contents--sub{% endif %}"><a class="nhsuk-contents-list__link" href="#{{ item.id }}">{{ item.text }}</a></li>
    {% endfor %}
  </ol>
</nav>
{% endif %}
<div class="portal-pathway-body">
  {{ page.body|richtext }}
</div>
{% endblock %}
"""

# Run by the Wagtail virtualenv's Python in the project folder: loads the page and the reader,
# signs the reader in, counts queries per request, and prints what the benchmark needs as JSON.
LOAD = """
import json
import sys
from importlib import metadata

import django

django.setup()
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, Site

from pathwaypage.models import PathwayPage

data = json.load(sys.stdin)
site = Site.objects.get(is_default_site=True)
site.hostname, site.site_name = "127.0.0.1", "SCN Pathways"
site.save()
index = site.root_page.add_child(instance=Page(title="Pathways", slug="pathways"))
index.save_revision().publish()
page = index.add_child(instance=PathwayPage(**data["page"]))
page.save_revision().publish()
reader = get_user_model().objects.create_user(data["reader"], email="reader@example.org")


def queries(client):
    client.get(data["path"], HTTP_HOST="127.0.0.1")  # per-process caches filled
    with CaptureQueriesContext(connection) as captured:
        response = client.get(data["path"], HTTP_HOST="127.0.0.1")
    assert response.status_code == 200, response.status_code
    return len(captured.captured_queries)


signed_in = Client()
signed_in.force_login(reader)
print(json.dumps({
    "session_cookie": settings.SESSION_COOKIE_NAME,
    "session": signed_in.cookies[settings.SESSION_COOKIE_NAME].value,
    "queries": {"anonymous": queries(Client()), "signed_in": queries(signed_in)},
    "versions": {name: metadata.version(name) for name in ("wagtail", "Django", "gunicorn", "psycopg")},
}))
"""

FILES = {
    "wagbench/__init__.py": "",
    "wagbench/settings.py": SETTINGS,
    "wagbench/urls.py": URLS,
    "wagbench/wsgi.py": WSGI,
    "wagbench/templates/base.html": BASE_TEMPLATE,
    "wagbench/templates/includes/header.html": HEADER_TEMPLATE,
    "wagbench/templates/includes/footer.html": FOOTER_TEMPLATE,
    "wagbench/templates/includes/breadcrumbs.html": BREADCRUMBS_TEMPLATE,
    "pathwaypage/__init__.py": "",
    "pathwaypage/models.py": MODELS,
    "pathwaypage/migrations/__init__.py": "",
    "pathwaypage/templates/pathwaypage/pathway_page.html": PAGE_TEMPLATE,
}


def requirements():
    """Wagtail pinned here; Django, gunicorn and psycopg pinned to the portal's own versions, so
    that the two sides differ only in the application."""
    return [
        f"wagtail=={WAGTAIL_VERSION}",
        f"Django=={metadata.version('Django')}",
        f"gunicorn=={metadata.version('gunicorn')}",
        f"psycopg[binary]=={metadata.version('psycopg')}",
    ]


def wagtail_venv():
    """The Wagtail virtualenv, made with this Python, reused while its pins are unchanged."""
    pins = "\n".join([f"python {platform.python_version()}", *requirements()]) + "\n"
    stamp = VENV / "bench-pins.txt"
    if stamp.is_file() and stamp.read_text() == pins:
        return VENV
    print(f"Installing Wagtail {WAGTAIL_VERSION} into {VENV.relative_to(ROOT)} ...", flush=True)
    shutil.rmtree(VENV, ignore_errors=True)
    VENV.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    pip = [str(VENV / "bin/python"), "-m", "pip", "--quiet", "--disable-pip-version-check"]
    subprocess.run([*pip, "install", *requirements()], check=True)
    stamp.write_text(pins)
    return VENV


def recreate_database(name):
    import psycopg

    with psycopg.connect(run.database_url("postgres"), autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def wagtail_env(secret_key, **extra):
    return {
        "PATH": os.environ["PATH"],
        "LANG": os.environ.get("LANG", "C.UTF-8"),
        "DATABASE_URL": run.database_url(WAGTAIL_DATABASE),
        "SECRET_KEY": secret_key,
        "DJANGO_SETTINGS_MODULE": "wagbench.settings",
        "GUNICORN_WORKERS": WORKERS,
        **extra,
    }


def set_up_wagtail(venv, project, env, content):
    """Write the project, migrate a new database, load the page and the reader."""
    for name, text in FILES.items():
        path = project / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    recreate_database(WAGTAIL_DATABASE)
    python = str(venv / "bin/python")

    def django_admin(*args):
        subprocess.run(
            [python, "-m", "django", *args, "--verbosity", "0"], cwd=project, env=env, check=True
        )

    django_admin("makemigrations", "pathwaypage")
    django_admin("migrate")
    loaded = subprocess.run(
        [python, "-c", LOAD],
        cwd=project,
        env=env,
        input=json.dumps(content),
        capture_output=True,
        text=True,
    )
    if loaded.returncode:
        raise SystemExit(f"Loading the Wagtail page failed:\n{loaded.stderr}")
    settle(WAGTAIL_DATABASE)
    return json.loads(loaded.stdout.strip().splitlines()[-1])


def settle(name):
    """What autovacuum and the checkpointer would do after the migrations, done now, as
    bench/seed.py does for the portal's data, so that neither runs during a measurement."""
    import psycopg

    with psycopg.connect(run.database_url(name), autocommit=True) as connection:
        connection.execute("VACUUM ANALYZE")
        connection.execute("CHECKPOINT")


def cpu_busy(seconds=1.0):
    """The share of this machine's CPU time in use over the next `seconds` (Linux)."""

    def sample():
        fields = [int(n) for n in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]]
        return fields[3] + fields[4], sum(fields)  # idle and I/O wait; all

    idle, total = sample()
    time.sleep(seconds)
    idle_after, total_after = sample()
    return 1 - (idle_after - idle) / max(1, total_after - total)


def wait_until_quiet(busy_below=0.10, seconds=60):
    """Seconds waited until the machine is quiet (gunicorn workers still starting, PostgreSQL's
    background work or anything else), and whether it was by the deadline. Without this, the
    first figures of a run share the CPU with Wagtail's workers importing Wagtail: /healthz
    answers as soon as one worker of a server is up."""
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        if cpu_busy() < busy_below:
            return time.monotonic() - started, True
    return time.monotonic() - started, False


FOREIGN_LIMIT = 0.05  # of the machine's CPU time, used by processes outside the benchmark
ATTEMPTS = 3


def process_times():
    """{pid: (parent pid, CPU seconds so far)} of every process but the kernel's threads."""
    ticks = os.sysconf("SC_CLK_TCK")
    times = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            text = (entry / "stat").read_text()
        except OSError:
            continue  # ended meanwhile
        fields = text[text.rindex(")") + 2 :].split()
        parent = int(fields[1])
        if parent != 2 and int(entry.name) != 2:
            times[int(entry.name)] = (parent, (int(fields[11]) + int(fields[12])) / ticks)
    return times


def foreign_share(before, after, elapsed, postgres):
    """The share of the machine's CPU time over `elapsed` seconds used by processes that are not
    the benchmark's: not this process or its descendants (the servers, wrk), not PostgreSQL's
    backends for the two benchmark databases nor its own background processes."""
    children = {}
    for pid, (parent, _) in after.items():
        children.setdefault(parent, []).append(pid)
    ours, waiting = set(), [os.getpid()]
    while waiting:
        pid = waiting.pop()
        ours.add(pid)
        waiting += children.get(pid, [])
    with postgres.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = ANY(%s) "
            "OR backend_type <> 'client backend' OR pid = pg_backend_pid()",
            ([PORTAL_DATABASE, WAGTAIL_DATABASE],),
        )
        ours.update(pid for (pid,) in cursor.fetchall())
    used = sum(
        cpu - before.get(pid, (0, 0))[1] for pid, (_, cpu) in after.items() if pid not in ours
    )
    return used / (elapsed * (os.cpu_count() or 1))


def measure(target, postgres):
    """wrk's figure for `target`, started on a quiet machine, measured again (up to ATTEMPTS
    times) while other processes take more than FOREIGN_LIMIT of the machine during it."""
    for attempt in range(1, ATTEMPTS + 1):
        waited, quiet = wait_until_quiet()
        before, started = process_times(), time.monotonic()
        figure = run.wrk(*target["args"])
        foreign = foreign_share(before, process_times(), time.monotonic() - started, postgres)
        figure.update(waited=waited, quiet=quiet, foreign=foreign, attempts=attempt)
        if foreign <= FOREIGN_LIMIT:
            break
    return figure


@contextlib.contextmanager
def wagtail_server(venv, project, env):
    """Wagtail under gunicorn with the portal's own gunicorn configuration file."""
    conf = util.find_spec("scn_portal.gunicorn_conf").origin
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [str(venv / "bin/gunicorn"), "-c", conf, "--bind", f"127.0.0.1:{port}"]
    command += ["--access-logfile", "/dev/null", "wagbench.wsgi"]
    log = project / f"gunicorn-{port}.log"
    with log.open("w") as errors:
        server = subprocess.Popen(command, cwd=project, env=env, stdout=errors, stderr=errors)
    base = f"http://127.0.0.1:{port}"
    try:
        try:
            _wait_until_healthy(base, seconds=60)
        except SystemExit:
            message = "Wagtail's gunicorn did not start:\n" + log.read_text()[-3000:]
            raise SystemExit(message) from None
        yield base
    finally:
        server.terminate()
        server.wait()


# --- The portal -------------------------------------------------------------------------------


def set_up_portal():
    """bench/seed.py's data in PORTAL_DATABASE; the reader; the page's content for Wagtail."""
    run.DATABASE = PORTAL_DATABASE  # bench.run's helpers read it when called
    run.fresh_database()
    run.setup_django()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.test import Client

    from bench import seed
    from pathways.models import PathwayVersion

    call_command("migrate", verbosity=0)
    User = get_user_model()
    seed.seed(User.objects.create_user("bench-author", email="author@example.org"))
    reader = User.objects.create_user(READER, email="reader@example.org")
    version = (
        PathwayVersion.objects.current()
        .filter(pathway__slug=SLUG)
        .select_related("pathway__network", "pathway__cancer_type")
        .get()
    )
    network = version.pathway.network
    content = {
        "path": PATH,
        "reader": READER,
        "page": {
            "title": version.title,
            "slug": SLUG,
            "search_description": "National Clinical Management Pathways for cancer in "
            "Scotland, from the Scottish Cancer Network.",
            "caption": f"{network.name} · {version.pathway.cancer_type}",
            "summary": version.summary,
            "version_number": str(version.number),
            "published_on": version.effective_from.date().isoformat(),
            "next_review_on": version.next_review_on.isoformat(),
            "network_name": network.name,
            "network_email": network.contact_email,
            "change_note": version.change_note,
            "contents": version.contents,
            "body": version.body_html,
        },
    }
    signed_in = Client()
    signed_in.force_login(reader)
    portal = {
        "session_cookie": settings.SESSION_COOKIE_NAME,
        "session": signed_in.cookies[settings.SESSION_COOKIE_NAME].value,
        "queries": {
            "anonymous": count_queries(Client()),
            "signed_in": count_queries(signed_in),
        },
    }
    return content, portal


def count_queries(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(PATH, HTTP_HOST="127.0.0.1")  # this process's kept page, for a reader without one
    with CaptureQueriesContext(connection) as captured:
        response = client.get(PATH, HTTP_HOST="127.0.0.1")
    assert response.status_code == 200, response.status_code
    return len(captured.captured_queries)


# --- Measuring --------------------------------------------------------------------------------


def get(base, cookie=None):
    """Status, headers and body of PATH, no redirect followed."""
    address = urlsplit(base)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=30)
    try:
        connection.request("GET", PATH, headers={"Cookie": cookie} if cookie else {})
        response = connection.getresponse()
        return response.status, response.headers, response.read()
    finally:
        connection.close()


def checked(name, base, title, session=None, must_cache=False):
    """wrk's arguments for `base`, once the page is a 200 with the pathway's title (and, signed
    in, the reader's name); signed in, the CSRF cookie the first response sets is sent too, as a
    browser would send it back."""
    cookies = dict([session]) if session else {}
    status, headers, body = get(base, "; ".join(f"{k}={v}" for k, v in cookies.items()))
    problems = []
    if status != 200:
        problems.append(f"status {status}")
    if title.encode() not in body:
        problems.append("no pathway title")
    if session and READER.encode() not in body:
        problems.append("not signed in")
    if must_cache and "max-age=600" not in headers.get("Cache-Control", ""):
        problems.append(f"not cacheable (Cache-Control: {headers.get('Cache-Control')})")
    if problems:
        raise SystemExit(f"{name}: {', '.join(problems)} at {base}{PATH}")
    if session:
        sent = SimpleCookie()
        for header in headers.get_all("Set-Cookie") or []:
            sent.load(header)
        cookies.update((key, morsel.value) for key, morsel in sent.items())
    cookie = "; ".join(f"{key}={value}" for key, value in cookies.items())
    return {"args": [base + PATH, *([f"Cookie: {cookie}"] if cookie else [])], "bytes": len(body)}


def main():
    import psycopg

    started = time.monotonic()
    venv = wagtail_venv()
    content, portal = set_up_portal()
    title = content["page"]["title"]
    secret_key = secrets.token_urlsafe(50)
    with tempfile.TemporaryDirectory(prefix="wagtail-bench-") as folder:
        project = Path(folder)
        wagtail = set_up_wagtail(venv, project, wagtail_env(secret_key), content)
        set_up = time.monotonic() - started
        portal_env = {**os.environ, "GUNICORN_WORKERS": WORKERS}
        cached_env = wagtail_env(secret_key, WAGTAIL_BENCH_PAGE_CACHE="1")
        with (
            gunicorn(portal_env) as portal_base,
            wagtail_server(venv, project, wagtail_env(secret_key)) as wagtail_base,
            wagtail_server(venv, project, cached_env) as cached_base,
        ):
            portal_session = (portal["session_cookie"], portal["session"])
            wagtail_session = (wagtail["session_cookie"], wagtail["session"])
            targets = {
                "portal_anonymous": checked("portal", portal_base, title),
                "wagtail_anonymous": checked("Wagtail", wagtail_base, title),
                "portal_signed_in": checked("portal", portal_base, title, portal_session),
                "wagtail_signed_in": checked("Wagtail", wagtail_base, title, wagtail_session),
                "wagtail_cached": checked("Wagtail", cached_base, title, must_cache=True),
            }
            rounds = []
            with psycopg.connect(run.database_url("postgres"), autocommit=True) as postgres:
                for number in range(run.ROUNDS):
                    print(f"Round {number + 1} of {run.ROUNDS} ...", flush=True)
                    rounds.append({name: measure(t, postgres) for name, t in targets.items()})
    report = write_report(
        rounds,
        targets,
        portal,
        wagtail,
        set_up,
        time.monotonic() - started,
    )
    print(report)


# --- The report -------------------------------------------------------------------------------


def versions(wagtail):
    import django
    import psycopg

    def command(*args):
        result = subprocess.run(args, capture_output=True, text=True, cwd=ROOT)
        return (result.stdout or result.stderr).strip().splitlines()[0]

    with psycopg.connect(run.database_url("postgres")) as connection:
        server = connection.execute("SHOW server_version").fetchone()[0]
    dirty = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=no"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    ).stdout.strip()
    commit = command("git", "rev-parse", "--short", "HEAD") + (
        " with uncommitted changes" if dirty else ""
    )
    return [
        f"portal: commit {commit}; Django {django.get_version()}, "
        f"gunicorn {metadata.version('gunicorn')}, psycopg {psycopg.__version__}",
        "Wagtail side: "
        + ", ".join(f"{name} {version}" for name, version in wagtail["versions"].items()),
        f"Python {platform.python_version()}; PostgreSQL {server}; {command('wrk', '-v')}; "
        f"{os.cpu_count()} CPUs ({platform.machine()}, {platform.system()} {platform.release()})",
    ]


def write_report(rounds, targets, portal, wagtail, set_up, elapsed):
    def m(name, key="rps"):
        return run.median_of(rounds, name, key)

    def row(label, top, bottom, issue):
        middle, lowest, highest = run.ratio(rounds, top, bottom, "rps")
        ahead = "yes" if lowest > 1 else ("no" if highest < 1 else "not in every round")
        return (
            f"| {label} | {m(top):.0f} | {m(bottom):.0f} | **{middle:.2f}x** "
            f"({lowest:.2f} to {highest:.2f}) | {issue} | {ahead} |"
        )

    def latency(name):
        return f"p50 {m(name, 'p50'):.1f} ms, p99 {m(name, 'p99'):.1f} ms"

    names = {
        "portal_anonymous": "portal, anonymous",
        "wagtail_anonymous": "Wagtail, anonymous",
        "portal_signed_in": "portal, signed in",
        "wagtail_signed_in": "Wagtail, signed in",
        "wagtail_cached": "Wagtail + Django cache middleware, anonymous",
    }
    errors = sum(figure["errors"] for r in rounds for figure in r.values())
    figures = [(number, name, f) for number, r in enumerate(rounds, 1) for name, f in r.items()]
    waited = sum(f["waited"] for _, _, f in figures)
    repeated = sum(f["attempts"] > 1 for _, _, f in figures)
    disturbed = [
        f"round {number}, {names[name]}: {f['foreign']:.0%}"
        for number, name, f in figures
        if f["foreign"] > FOREIGN_LIMIT
    ]
    lines = [
        "# Benchmark: the portal's pathway page beside Wagtail's",
        "",
        f"The same pathway (`{SLUG}`'s current version from bench/seed.py's data: title, summary, "
        f"contents and rendered body HTML) at `{PATH}` on both sides, on this machine, in one "
        f"run. gunicorn with the portal's gunicorn_conf.py on both sides ({WORKERS} sync "
        f"workers, one thread each), on loopback, on the same PostgreSQL server; wrk, "
        f"{run.CONNECTIONS} connections, {run.SECONDS} s per figure after a 1 s warm-up. Every "
        f"figure once per round, {len(rounds)} rounds, both sides of each ratio one after the "
        f"other; req/s are medians over the rounds, the ratio is the median of the rounds' "
        f"ratios with its range in brackets. Set up (seeding, Wagtail's project, both "
        f"databases) in {set_up:.0f} s; whole run {elapsed:.0f} s.",
        "",
        "| comparison | portal req/s | Wagtail req/s | portal / Wagtail | the issue says | "
        "portal ahead in every round |",
        "|---|---:|---:|---:|---|---|",
        row(
            "anonymous reader",
            "portal_anonymous",
            "wagtail_anonymous",
            ISSUE_FIGURES["anonymous"],
        ),
        row(
            "signed-in reader (no page cache on either side)",
            "portal_signed_in",
            "wagtail_signed_in",
            ISSUE_FIGURES["signed_in"],
        ),
        row(
            "anonymous; Wagtail behind Django's cache middleware (not like for like: see notes)",
            "portal_anonymous",
            "wagtail_cached",
            "",
        ),
        "",
        "| side | req/s in each round | other processes' CPU in each round | latency (medians) "
        "| response bytes | SQL queries per request |",
        "|---|---|---|---|---:|---:|",
    ]
    queries = {
        "portal_anonymous": portal["queries"]["anonymous"],
        "portal_signed_in": portal["queries"]["signed_in"],
        "wagtail_anonymous": wagtail["queries"]["anonymous"],
        "wagtail_signed_in": wagtail["queries"]["signed_in"],
        "wagtail_cached": "0 when kept",
    }
    for name, label in names.items():
        each = ", ".join(f"{r[name]['rps']:.0f}" for r in rounds)
        others = ", ".join(f"{r[name]['foreign']:.0%}" for r in rounds)
        lines.append(
            f"| {label} | {each} | {others} | {latency(name)} | {targets[name]['bytes']:,} | "
            f"{queries[name]} |"
        )
    lines += [
        "",
        f"Errors (non-2xx/3xx, timeouts, socket errors) during the wrk runs: {errors}.",
        "",
        f"Interference: this machine is small and shared. Each figure started once the machine "
        f"was quiet (under 10% CPU busy over a second, at most 60 s: {waited:.0f} s of waiting "
        f"in all), and was measured again, up to {ATTEMPTS} times, while processes outside the "
        f"benchmark used more than {FOREIGN_LIMIT:.0%} of the machine's CPU during it: "
        f"{repeated} of {len(figures)} figures were measured again; "
        + (
            "every figure kept had other processes under that limit."
            if not disturbed
            else f"{len(disturbed)} still had more after {ATTEMPTS} attempts ("
            + "; ".join(disturbed)
            + "): their rounds are less trustworthy, and show as a wider range."
        ),
        "",
        "SQL queries are counted in each side's own process (Django's test client) on the "
        "second request, after per-process caches are filled; the portal's anonymous figure is "
        "its kept page (the revision read).",
        "",
        "## Versions",
        "",
        *(f"- {line}" for line in versions(wagtail)),
        "",
        "## How it was set up",
        "",
        "- Wagtail: Wagtail's project template's installed apps, middleware and settings, DEBUG "
        "off, persistent database connections (CONN_MAX_AGE 60 and health checks, as the "
        "portal), Django's default in-process cache, database sessions (as the portal). The "
        "page is a `Page` subclass two levels under the site root (`/pathways/<slug>/`, as the "
        "portal's address), its body a `RichTextField` rendered with `|richtext`, its template "
        "the portal's markup with Wagtail's `{% wagtailuserbar %}`, `{% wagtail_site %}` and "
        "`{% pageurl %}` as Wagtail's project template and a Wagtail site use them.",
        "- Wagtail has no page cache of its own: `wagtail.contrib.frontend_cache` only purges "
        "an external proxy or CDN on publication, and neither side has one here. So the first "
        "two rows are Wagtail as it ships. The third row puts Django's per-site cache "
        "middleware (in-process, 600 s) in front of Wagtail: it answers with no query at all, "
        "but is not invalidated by a publication (a changed pathway is served stale for up to "
        "10 minutes, and browsers are told to keep it as long without asking), which the "
        "portal's revision-keyed cache never does; it bounds what a cache in front of Wagtail "
        "could give, not a configuration the portal could accept.",
        "- Signed in: a reader with no roles, signed in with each framework's own sessions "
        "(database sessions; the test client's `force_login` in each side's process); wrk sends "
        "the session cookie and the CSRF cookie the page set, as a browser would. Both sides "
        "show the reader's name and a sign-out form with a CSRF token. With a session cookie "
        "the portal does not use its page cache; Wagtail's userbar checks the reader's admin "
        "permission (as any Wagtail site with the default template does).",
        f"- The portal's data: bench/seed.py (as `make bench`) in its own database "
        f"`{PORTAL_DATABASE}`; Wagtail's in `{WAGTAIL_DATABASE}`. Both are dropped and made "
        "again on each run.",
        "",
        "## Rerun",
        "",
        "`make bench-wagtail` (the Wagtail virtualenv is kept in .bench-wagtail/ and reused "
        "while its pins are unchanged; BENCH_ROUNDS, BENCH_SECONDS, BENCH_CONNECTIONS and "
        "BENCH_WORKERS as for `make bench`). Without make: with DATABASE_URL naming any "
        "database on the PostgreSQL server to use, `.venv/bin/python -m bench.wagtail_compare`.",
        "",
    ]
    text = "\n".join(lines)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(text)
    return text


if __name__ == "__main__":
    main()
