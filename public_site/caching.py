"""HTTP caching for public pages, keyed by the public content revision.

PostgreSQL advances one number, the public revision, in the same transaction as any write to
what public pages are made from (migration 0011). A page's ETag is that number, the local date,
the page's address, the release and the reader's session; it changes the moment anything a
page could show does, without this module knowing what each page shows. The date covers what
changes with time alone: scheduled versions take effect, and reviews fall due, at the start of
a local day (`services.publish` schedules to the start of the day; review dates are dates).

As every cache must revalidate (public_site.cache_policy), a reader is only ever shown a page
that is still true. The ETag is also the key under which `respond` keeps pages rendered for
readers without a session in this process's memory: a write moves the revision, so an old
rendering is simply never asked for again. A page is rendered after its revision is read, so
a kept page can be newer than its key, never older.
"""

import hashlib

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_vary_headers

from pathways.revision import public_revision
from public_site import cache_policy


def make_etag(request, *parts):
    signed_in = request.COOKIES.get(settings.SESSION_COOKIE_NAME, "")
    material = "|".join(str(part) for part in (settings.RELEASE_ID, signed_in, *parts))
    return '"' + hashlib.sha256(material.encode()).hexdigest()[:32] + '"'


def page_etag(request):
    """The validator of the public page at this address, as of now."""
    return make_etag(request, public_revision(), timezone.localdate(), request.get_full_path())


def respond(request, render_page):
    """The response for the public page `render_page()` makes: a 304 when the client already
    has it, this process's kept rendering when there is one, else a fresh one."""
    etag = page_etag(request)
    if response := get_conditional_response(request, etag=etag):
        response["ETag"] = etag
        return cache_policy.revalidate(request, response)
    key = None if cache_policy.is_personal(request) else _page_key(request, etag)
    kept = caches["pages"].get(key) if key else None
    if kept is not None:
        content, content_type = kept  # an HTML page, or a FHIR resource
        response = HttpResponse(content, content_type=content_type)
        patch_vary_headers(response, ["Cookie"])  # as the rendered page has, for shared caches
    else:
        response = render_page()
        if key and response.status_code == 200 and not response.cookies:
            caches["pages"].set(key, (response.content, response["Content-Type"]))
    response["ETag"] = etag
    return cache_policy.revalidate(request, response)


def _page_key(request, etag):
    # The page shows its own address, so the host and scheme are part of what it depends on.
    return f"{etag}|{request.scheme}|{request.get_host()}"
