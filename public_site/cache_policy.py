"""How long a browser or a CDN may keep what the portal sends: one rule for every response.

Any page can change what it tells a reader at any moment: a publication supersedes a version, a
scheduled version takes over, a pathway is withdrawn. A kept copy that still says "current", or
"superseded" without the withdrawal, could guide care wrongly. So every page may be kept but must
be revalidated before it is shown again (cheap where the page has an ETag: a 304). Only static
files, whose content-hashed names change with their content, are kept for good (whitenoise sets
that before this middleware is reached); `/healthz` is never kept (it sets `no-store`).
"""

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage

# A kept copy is never fresh: show it only after the origin has said it is still true.
REVALIDATE = "max-age=0, must-revalidate"


def revalidate(request, response):
    """Mark `response` as keepable only with revalidation; `private` when it is one person's
    (made for a session, or setting a cookie), so no shared cache ever stores it."""
    scope = "private" if is_personal(request, response) else "public"
    response["Cache-Control"] = f"{scope}, {REVALIDATE}"
    return response


def is_personal(request, response=None):
    """Whether a response may hold something of this reader's own: a session, a message
    waiting to be shown, or a cookie it sets."""
    cookies = request.COOKIES
    return (
        settings.SESSION_COOKIE_NAME in cookies
        or CookieStorage.cookie_name in cookies
        or bool(response is not None and response.cookies)
    )


class RevalidateByDefaultMiddleware:
    """Gives every response that has not chosen its own caching (lists, search, feeds, the
    network directory, error pages, the workspace) the revalidating default."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not response.has_header("Cache-Control"):
            revalidate(request, response)
        return response
