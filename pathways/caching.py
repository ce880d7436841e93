"""HTTP caching for public pages: validators computed from the few rows that identify what a
page shows, so a conditional request is answered before any rendering.

An ETag covers everything the page depends on (the version, which version is current, the
withdrawal, whether the review is overdue, the network's details, the release of the code), so
it changes the moment any of them does; as every cache must revalidate (scn_portal.cache_policy),
it can only ever show a page that is still true.
That makes the ETag a safe key for the rendered page itself: `respond` keeps pages rendered
for readers without a session in this process's memory and serves them again without
rendering. A publication changes the ETag, so the old rendering is simply never asked for.
"""

import hashlib

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date

from scn_portal import cache_policy


def make_etag(request, *parts):
    signed_in = request.COOKIES.get(settings.SESSION_COOKIE_NAME, "")
    material = "|".join(str(part) for part in (settings.RELEASE_ID, signed_in, *parts))
    return '"' + hashlib.sha256(material.encode()).hexdigest()[:32] + '"'


def _not_modified(request, etag, last_modified=None):
    """The 304 (or 412) response for a conditional request that matches, else None."""
    timestamp = int(last_modified.timestamp()) if last_modified else None
    return get_conditional_response(request, etag=etag, last_modified=timestamp)


def _cacheable(request, response, *, etag, last_modified=None):
    response["ETag"] = etag
    if last_modified:
        response["Last-Modified"] = http_date(last_modified.timestamp())
    # Superseded pages too: a withdrawal can still add to what they say (cache_policy).
    return cache_policy.revalidate(request, response)


def respond(request, etag, render_page, *, last_modified=None):
    """The response for a page whose content `etag` identifies: a 304 when the client already
    has it, this process's stored rendering when there is one, else a fresh one.

    `render_page()` returns the response and whether it shows exactly what `etag` was made
    from (it may not, if an edit landed in between): only then is it kept.
    """
    if response := _not_modified(request, etag, last_modified):
        return response
    key = None if cache_policy.is_personal(request) else _page_key(request, etag)
    html = caches["pages"].get(key) if key else None
    if html is not None:
        response = HttpResponse(html)
        patch_vary_headers(response, ["Cookie"])  # as the rendered page has, for shared caches
    else:
        response, shows_etag = render_page()
        if key and shows_etag and response.status_code == 200 and not response.cookies:
            caches["pages"].set(key, response.content)
    return _cacheable(request, response, etag=etag, last_modified=last_modified)


def _page_key(request, etag):
    # The page shows its own address, so the host is part of what it depends on.
    return f"{etag}|{request.scheme}|{request.get_host()}"
