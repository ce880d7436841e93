"""The public content revision: a number PostgreSQL advances in the same transaction as any
write to what public pages and the open API are made from (migrations 0011, 0013, 0016).
Whatever is built from published content is still true while this number has not moved."""

from django.db import connection


def public_revision():
    """One indexed read of a one-row table."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT number FROM pathways_publicrevision")
        row = cursor.fetchone()
    return row[0] if row else 0
