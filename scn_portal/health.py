"""`/healthz`: 200 when the database answers, 503 when it does not, and nothing more."""

from django.db import DatabaseError, connection
from django.http import HttpResponse

HEALTH_PATH = "/healthz"


def database_answers():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError:
        # Drop the broken connection so the next request opens a fresh one.
        connection.close()
        return False


def health_response():
    healthy = database_answers()
    response = HttpResponse(
        "ok\n" if healthy else "unavailable\n",
        status=200 if healthy else 503,
        content_type="text/plain; charset=utf-8",
    )
    response["Cache-Control"] = "no-store"
    return response


class HealthCheckMiddleware:
    """Answers /healthz first, so a load balancer probing by IP address is not refused by
    ALLOWED_HOSTS and is never redirected to HTTPS."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info == HEALTH_PATH:
            return health_response()
        return self.get_response(request)
