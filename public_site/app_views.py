"""What makes the portal an installable app: its web app manifest and its service worker.

The worker keeps the pathway pages a reader has opened for reading without a network, and
marks every copy it serves from that store as a saved copy (static/js/sw.js says how). It is
served from the site root, not from /static/, so that its scope is the whole portal, and it is
never kept stale: `no-cache`, and read afresh on every request from the same place the other
static files are served from (the `collectstatic` output, or the source folders under DEBUG).
The list of static files it keeps is prepended here, with the content-hashed names the pages
themselves use, so a release that changes any of them changes the worker's bytes and browsers
install the new worker (which drops the old files).
"""

import hashlib
import json

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.http import Http404, HttpResponse, JsonResponse
from django.templatetags.static import static
from django.urls import reverse
from django.utils.cache import get_conditional_response
from django.views.decorators.http import require_safe

NHS_BLUE = "#005eb8"
NHS_GREY_5 = "#f0f4f5"  # NHS.UK's page background
ICON_SIZES = (192, 512)

WORKER_SOURCE = "js/sw.js"
# What a pathway page needs to render offline as it does online (pages load these through
# base.html; the NHS.UK frontend's few icon images are kept as pages ask for them).
WORKER_PRECACHE = (
    "nhsuk/nhsuk-frontend.css",
    "css/portal.css",
    "css/print.css",
    "js/portal.js",
    "nhsuk/nhsuk-frontend.min.js",
    "nhsuk/assets/images/favicon.ico",
    "nhsuk/assets/images/favicon.svg",
    *(f"icons/icon-{size}.png" for size in ICON_SIZES),
)


@require_safe
def manifest(request):
    icons = [
        {"src": static(f"icons/icon-{size}.png"), "sizes": f"{size}x{size}", "type": "image/png"}
        for size in ICON_SIZES
    ]
    # The same picture, whose text sits well inside the safe zone, for platforms that crop.
    icons.append({**icons[-1], "purpose": "maskable"})
    data = {
        "name": "SCN Pathways",
        "short_name": "SCN Pathways",
        "description": (
            "National Clinical Management Pathways for cancer in Scotland, "
            "from the Scottish Cancer Network."
        ),
        "id": "/",
        "start_url": reverse("home"),
        "scope": "/",
        "display": "standalone",
        "lang": "en-GB",
        "dir": "ltr",
        "theme_color": NHS_BLUE,
        "background_color": NHS_GREY_5,
        "icons": icons,
    }
    return JsonResponse(data, content_type="application/manifest+json")


@require_safe
def service_worker(request):
    precache = [static(name) for name in WORKER_PRECACHE]
    config = {
        # Names the worker's cache of static files: a new one whenever any of them changes.
        "version": hashlib.sha256("\n".join(precache).encode()).hexdigest()[:12],
        "precache": precache,
        "staticUrl": settings.STATIC_URL,
    }
    body = (
        "// Written by public_site/app_views.py: the static files this release's pages use.\n"
        f"self.SCN_WORKER = {json.dumps(config, indent=1)};\n\n{_worker_source()}"
    ).encode()
    etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
    response = get_conditional_response(request, etag=etag) or HttpResponse(
        body, content_type="application/javascript; charset=utf-8"
    )
    response["ETag"] = etag
    # Revalidated on every update check, so a new release reaches readers at once.
    response["Cache-Control"] = "no-cache"
    return response


def _worker_source():
    """The worker's source as the static files are served: from `collectstatic`'s output in
    production (read each time, so a new collection is served at once), and from the source
    folders under DEBUG, as Django's own static file view does."""
    if not settings.DEBUG and staticfiles_storage.exists(WORKER_SOURCE):
        with staticfiles_storage.open(WORKER_SOURCE) as source:
            return source.read().decode()
    path = finders.find(WORKER_SOURCE)
    if path is None:
        raise Http404("The service worker's source is missing: run collectstatic.")
    with open(path, encoding="utf-8") as source:
        return source.read()
