"""Conditional GET for the open API, on the same validator as public pages: the public content
revision (pathways.revision), which PostgreSQL advances with any change to published content,
plus the local date (scheduled versions take effect at the start of a day), the address with
its query, the representation asked for and the release. A client syncing with If-None-Match
is answered 304 after one indexed read, before anything is serialised.

As for pages (public_site.caching), each worker keeps the JSON it makes under that ETag: a
change moves the revision, so a kept answer is never asked for again once it is untrue. The
throttle still counts every request, kept answers included."""

import hashlib

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response

from pathways.revision import public_revision


def api_etag(request):
    material = "|".join(
        str(part)
        for part in (
            settings.RELEASE_ID,
            public_revision(),
            timezone.localdate(),
            request.get_full_path(),
            request.META.get("HTTP_ACCEPT", ""),
        )
    )
    return '"' + hashlib.sha256(material.encode()).hexdigest()[:32] + '"'


class Revalidated:
    """A view mixin: GET and HEAD carry an ETag, answer If-None-Match with 304, and are served
    from this worker's kept JSON while it is still true."""

    def dispatch(self, request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            return super().dispatch(request, *args, **kwargs)
        etag = api_etag(request)
        not_modified = get_conditional_response(request, etag=etag)
        if not_modified is not None:
            not_modified["ETag"] = etag
            return not_modified
        # Absolute links in the JSON name the host it was asked of.
        self.kept_key = f"api|{etag}|{request.scheme}|{request.get_host()}"
        response = super().dispatch(request, *args, **kwargs)
        if response.status_code == 200:
            response["ETag"] = etag
            if not getattr(response, "was_kept", False):
                response.render()
                caches["pages"].set(self.kept_key, response.content)
        return response

    def get(self, request, *args, **kwargs):
        # After the throttle (in `initial`), before any query for the answer itself.
        kept = caches["pages"].get(self.kept_key)
        if kept is not None:
            response = HttpResponse(kept, content_type="application/json")
            response.was_kept = True
            return response
        return super().get(request, *args, **kwargs)
