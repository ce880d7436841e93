"""Migrations that rewrite existing rows, run on a database that has some."""

from datetime import timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from pathways.models import PathwayVersion

BEFORE = [("pathways", "0006_programme_team_group")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_0007_records_when_existing_versions_stopped_being_current(reference_data):
    old = migrate(BEFORE)
    try:
        now = timezone.now()
        user = old.get_model("auth", "User").objects.create(username="author")
        network = old.get_model("networks", "Network").objects.create(
            name="Network", short_name="N", slug="n", kind="regional"
        )
        cancer = old.get_model("networks", "CancerType").objects.first()
        Pathway, Version = (
            old.get_model("pathways", "Pathway"),
            old.get_model("pathways", "PathwayVersion"),
        )
        withdrawn_at = now - timedelta(days=1)
        effective = [now - timedelta(days=30), now - timedelta(days=20), now + timedelta(days=5)]
        for slug, withdrawal in (("kept", None), ("withdrawn", withdrawn_at)):
            pathway = Pathway.objects.create(
                slug=slug,
                title=slug,
                network=network,
                cancer_type=cancer,
                created_by=user,
                first_published_at=effective[0],
                withdrawn_at=withdrawal,
                withdrawal_reason="Replaced." if withdrawal else "",
            )
            for minor, moment in enumerate(effective):
                Version.objects.create(
                    pathway=pathway,
                    major=1,
                    minor=minor,
                    title=slug,
                    author=user,
                    status="published",
                    change_type="minor",
                    content_hash=f"{slug}{minor}",
                    published_at=moment,
                    published_by=user,
                    effective_from=moment,
                    next_review_on=now.date(),
                )
    finally:
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    def superseded(slug):
        versions = PathwayVersion.objects.filter(pathway__slug=slug).order_by("minor")
        return [version.superseded_at for version in versions]

    assert superseded("kept") == [effective[1], effective[2], None]
    assert superseded("withdrawn") == [effective[1], withdrawn_at, withdrawn_at]
