"""Settings for the SCN Pathways Portal.

One settings module for every environment: everything that differs between a laptop, CI and
production comes from environment variables, read by the helpers in `scn_portal.env` and listed
with their defaults in `.env.example`. `DEBUG` is off unless set.
"""

import re
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from scn_portal.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", default=False)

SECRET_KEY = env_str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "development-only-key-never-used-with-debug-off"

# With DEBUG on and this empty, Django accepts localhost names only.
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.postgres",
    "django.contrib.sitemaps",
    "whitenoise.runserver_nostatic",
    "scn_portal.apps.PortalStaticFilesConfig",
    "csp",
    "simple_history",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "accounts",
    "networks",
    "pathways",
    "public_site",
    "workspace",
    "api",
    "subscriptions",
]

MIDDLEWARE = [
    # Headers for every response, /healthz and static files included.
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Answers load balancers before host validation and sessions: it reveals nothing.
    "scn_portal.health.HealthCheckMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Below whitenoise, which sets its own (immutable) caching for static files.
    "public_site.cache_policy.RevalidateByDefaultMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "accounts.security_log.RefusalLoggingMiddleware",
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "workspace:dashboard"
LOGOUT_REDIRECT_URL = "home"

ROOT_URLCONF = "scn_portal.urls"
WSGI_APPLICATION = "scn_portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "scn_portal.context_processors.demo_content",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
# `make run` and `make test` point DATABASE_URL at a private cluster when it is not set.
_database_url = env_str("DATABASE_URL", default="")
if not _database_url:
    raise ImproperlyConfigured(
        "DATABASE_URL must be set (for example postgres://user:password@host:5432/name). "
        "`make run` and `make test` start a private PostgreSQL and set it for you."
    )
DATABASES = {
    "default": dj_database_url.parse(
        _database_url,
        # Persistent connections are for gunicorn's long-lived workers (gunicorn_conf.py sets
        # 60). The development server starts a thread per request, and a thread that ended
        # would leave its connection open until PostgreSQL ran out of them.
        conn_max_age=env_int("DB_CONN_MAX_AGE", default=0, minimum=0),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
    raise ImproperlyConfigured("DATABASE_URL must name a PostgreSQL database.")
DATABASES["default"]["ENGINE"] = "scn_portal.postgresql"  # its health check: see there
DATABASES["default"]["OPTIONS"] = {
    # Fail fast rather than hang a worker when the database is unreachable.
    "connect_timeout": env_int("DB_CONNECT_TIMEOUT", default=5, minimum=1),
    # Well below gunicorn's 30 s timeout: a runaway query fails cleanly, the worker lives.
    "options": f"-c statement_timeout={env_int('DB_STATEMENT_TIMEOUT_MS', default=10000, minimum=100)}",
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Caches ---------------------------------------------------------------------------------
# In each process's memory: nothing to run or to keep consistent. "pages" holds rendered public
# pages keyed by their ETag (public_site/caching.py), so an entry can never outlive its truth.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pages": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "pages",
        "TIMEOUT": 24 * 60 * 60,
        "OPTIONS": {"MAX_ENTRIES": env_int("PAGE_CACHE_ENTRIES", default=2000, minimum=1)},
    },
}

# --- Authentication -------------------------------------------------------------------------
AUTHENTICATION_BACKENDS = ["accounts.throttling.ThrottledModelBackend"]
# Failed sign-ins allowed in the window, per account and per address, before a pause.
LOGIN_FAILURES_PER_ACCOUNT = env_int("LOGIN_FAILURES_PER_ACCOUNT", default=5, minimum=1)
LOGIN_FAILURES_PER_ADDRESS = env_int("LOGIN_FAILURES_PER_ADDRESS", default=20, minimum=1)
LOGIN_FAILURE_WINDOW_MINUTES = env_int("LOGIN_FAILURE_WINDOW_MINUTES", default=15, minimum=1)
# Who may create an account at /accounts/register/: an address whose domain is exactly one of
# these (no subdomains: NHS Scotland staff all use plain nhs.scot). Empty: nobody may register.
REGISTRATION_EMAIL_DOMAINS = [
    domain.lower() for domain in env_list("REGISTRATION_EMAIL_DOMAINS", default=("nhs.scot",))
]
for _domain in REGISTRATION_EMAIL_DOMAINS:
    if not re.fullmatch(r"[a-z0-9-]+(\.[a-z0-9-]+)+", _domain):
        raise ImproperlyConfigured(
            f"REGISTRATION_EMAIL_DOMAINS: {_domain!r} is not a domain name (write nhs.scot, "
            "not @nhs.scot)."
        )
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Internationalisation -------------------------------------------------------------------
LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

# --- Static files ---------------------------------------------------------------------------
# `static/nhsuk/` is copied from the nhsuk-frontend npm package by `make assets`.
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "scn_portal.storage.CompressedManifestStorage"},
}

# --- Security -------------------------------------------------------------------------------
# Bigger bodies and more fields than any form here needs are refused with 400.
DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 200
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Off by default because the reverse proxy usually redirects; production sets it (README).
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=False)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=False)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=False)
# Behind a TLS-terminating proxy that sets X-Forwarded-Proto (see README, "Deploying").
if env_bool("SECURE_PROXY_SSL_HEADER", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        # The service worker that keeps opened pathways for offline reading, and the manifest
        # that makes the portal installable: both from the portal itself.
        "worker-src": [SELF],
        "manifest-src": [SELF],
        "form-action": [SELF],
        "base-uri": [NONE],
        "object-src": [NONE],
        "frame-ancestors": [NONE],
    }
}

# --- Open API (api/) -------------------------------------------------------------------------
# Anonymous and read-only: no API accounts, no sessions (so no CSRF), JSON only.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "UNAUTHENTICATED_USER": None,
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.ApiRateThrottle"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}
# Requests per address to /api/, e.g. "120/minute"; counted per process (the default cache).
API_THROTTLE_RATE = env_str("API_THROTTLE_RATE", default="120/minute")
if not re.fullmatch(r"[1-9][0-9]*/(s|m|h|d)[a-z]*", API_THROTTLE_RATE):
    raise ImproperlyConfigured(
        f"API_THROTTLE_RATE: {API_THROTTLE_RATE!r} is not a rate (write 120/minute)."
    )
SPECTACULAR_SETTINGS = {
    "TITLE": "SCN Pathways open API",
    "DESCRIPTION": (
        "Read-only access to the national clinical management pathways published by the "
        "Scottish Cancer Network: networks, pathways and every published version, with its "
        "sections, references, regimens and fingerprint. Version 1 is stable: fields may be "
        "added, none removed or changed in meaning."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    # Swagger UI from our own static files (drf-spectacular-sidecar): no CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

# --- Email ----------------------------------------------------------------------------------
# Console by default; SMTP as soon as EMAIL_HOST is set.
EMAIL_HOST = env_str("EMAIL_HOST", default="")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = env_int("EMAIL_PORT", default=587, minimum=1)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=True)
# Seconds before a mail server that stops answering is given up on (the send is retried).
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", default=10, minimum=1)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", default="SCN Pathways <pathways@example.org>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Where links in email point.
PORTAL_BASE_URL = env_str("PORTAL_BASE_URL", default="http://127.0.0.1:8000")

# A current version's review counts as "due soon" this many days ahead: the oversight page,
# the admin's filter and the review reminders all read it (PathwayVersion.objects.due_within).
REVIEW_DUE_SOON_DAYS = env_int("REVIEW_DUE_SOON_DAYS", default=90, minimum=1)

# Changes the public pages' ETags, so caches revalidate after a deploy changes templates.
RELEASE_ID = env_str("RELEASE_ID", default="dev")

# --- Logging --------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        # Security events are single JSON lines (see accounts/security_log.py).
        "json": {"format": "%(message)s"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain"},
        "security": {"class": "logging.StreamHandler", "formatter": "json"},
    },
    "loggers": {
        "scn_portal.security": {"handlers": ["security"], "level": "INFO", "propagate": False},
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", default="INFO")},
}
