"""HTTP caching for public pages: validators computed from the few rows that identify what a
page shows, so a conditional request is answered before any rendering.

An ETag covers everything the page depends on (the version, which version is current, the
withdrawal, whether the review is overdue, the release of the code), so it changes the moment
any of them does; a cache can only ever keep a page that is still true.
"""

import hashlib

from django.conf import settings
from django.utils.cache import get_conditional_response
from django.utils.http import http_date

# Pages that change when anything is published: caches must ask every time (a 304 is cheap).
REVALIDATE = 0
# A superseded version's page: it already says it is not current, and only a withdrawal could
# add to that, so a day's freshness is safe.
SUPERSEDED_MAX_AGE = 24 * 60 * 60


def make_etag(request, *parts):
    signed_in = request.COOKIES.get(settings.SESSION_COOKIE_NAME, "")
    material = "|".join(str(part) for part in (settings.RELEASE_ID, signed_in, *parts))
    return '"' + hashlib.sha256(material.encode()).hexdigest()[:32] + '"'


def not_modified(request, etag, last_modified=None):
    """The 304 (or 412) response for a conditional request that matches, else None."""
    timestamp = int(last_modified.timestamp()) if last_modified else None
    return get_conditional_response(request, etag=etag, last_modified=timestamp)


def cacheable(request, response, *, etag, last_modified=None, max_age=REVALIDATE):
    response["ETag"] = etag
    if last_modified:
        response["Last-Modified"] = http_date(last_modified.timestamp())
    scope = "private" if settings.SESSION_COOKIE_NAME in request.COOKIES else "public"
    response["Cache-Control"] = f"{scope}, max-age={max_age}" + (
        ", must-revalidate" if not max_age else ""
    )
    return response
