"""Django's PostgreSQL backend with a health check that costs no round trip when all is well.

Django checks a reused connection before each request's first query (CONN_HEALTH_CHECKS) with
`SELECT 1`: on a page that needs one query, that was a tenth of a worker's time (make bench).
A connection the server has closed, or has sent anything unasked (a restart sends notice of
termination before closing), becomes readable; only then is the query needed to decide.
"""

import select

from django.db.backends.postgresql import base


class DatabaseWrapper(base.DatabaseWrapper):
    def is_usable(self):
        if self.connection is None or self.connection.closed:
            return False
        try:
            readable, _, _ = select.select([self.connection.fileno()], [], [], 0)
        except (OSError, ValueError):  # the socket is gone
            return False
        return not readable or super().is_usable()
