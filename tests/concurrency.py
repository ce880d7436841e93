"""Run requests truly at once, each on its own PostgreSQL connection.

The test holds a lock on a row (a pathway's, a network's) while the requests start, waits until PostgreSQL
reports every one of them blocked on that lock (so each has already read the old state and
passed its own checks), then lets them all go at the same instant.
"""

import threading
import time

from django.db import connection, connections, transaction


def _waiting_on_locks():
    with connection.cursor() as cursor:
        # Statistics views are a snapshot for the whole transaction unless cleared.
        cursor.execute("SELECT pg_stat_clear_snapshot()")
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity "
            "WHERE datname = current_database() AND wait_event_type = 'Lock'"
        )
        return cursor.fetchone()[0]


def run_at_once(row, *calls, timeout=15):
    """Call each function in its own thread while `row` is locked; return their results."""
    results = [None] * len(calls)
    errors = []

    def worker(index, call):
        try:
            results[index] = call()
        except Exception as error:  # reported to the test below
            errors.append(error)
        finally:
            connections.close_all()

    with transaction.atomic():
        type(row)._default_manager.select_for_update().get(pk=row.pk)
        threads = [threading.Thread(target=worker, args=pair) for pair in enumerate(calls)]
        for thread in threads:
            thread.start()
        deadline = time.monotonic() + timeout
        while _waiting_on_locks() < len(calls):
            if errors:
                raise errors[0]
            if time.monotonic() > deadline:
                raise AssertionError("the requests never reached the lock together")
            time.sleep(0.02)
    for thread in threads:
        thread.join(timeout)
    if errors:
        raise errors[0]
    return results
