"""`make backup` then `make restore` into an empty database gives back every published version
exactly: the same content hashes."""

import os
import subprocess
from pathlib import Path

import psycopg
import pytest
from django.db import connection

from pathways.models import PathwayVersion

pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(__file__).resolve().parents[2]


def url_for(database):
    base, _, _ = os.environ["DATABASE_URL"].rpartition("/")
    return f"{base}/{database}"


def make(target, database, backup):
    env = {**os.environ, "DATABASE_URL": url_for(database)}
    result = subprocess.run(
        ["make", "--no-print-directory", target, f"BACKUP={backup}"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def published_hashes(cursor):
    cursor.execute(
        "SELECT pathway_id, major, minor, content_hash, body FROM pathways_pathwayversion "
        "WHERE status = 'published' ORDER BY pathway_id, major, minor"
    )
    return cursor.fetchall()


def test_a_restored_backup_has_identical_published_versions(reference_data, published, tmp_path):
    source = connection.settings_dict["NAME"]
    copy = f"{source}_restored"
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{copy}"')
        cursor.execute(f'CREATE DATABASE "{copy}"')
    try:
        backup = tmp_path / "portal.dump"
        make("backup", source, backup)
        assert backup.stat().st_size > 0
        make("restore", copy, backup)
        with connection.cursor() as cursor:
            original = published_hashes(cursor)
        with psycopg.connect(url_for(copy)) as restored, restored.cursor() as cursor:
            copied = published_hashes(cursor)
            cursor.execute(
                "SELECT count(*) FROM pg_trigger WHERE tgname = 'pathways_version_guard'"
            )
            guards = cursor.fetchone()[0]
        assert original and copied == original
        assert PathwayVersion.objects.get(pk=published.pk).content_hash == original[0][3]
        assert guards == 1  # the database still refuses to change published text
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{copy}" WITH (FORCE)')
