"""Migrations that rewrite existing rows, run on a database that has some."""

from datetime import timedelta

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from pathways.markdown import render
from pathways.models import PathwayVersion, SearchWord

# The registry as those migrations knew it (networks 0006 and later reshape it).
OLD_REGISTRY = ("networks", "0005_constituencies_and_profiles")
BEFORE = [("pathways", "0006_programme_team_group"), OLD_REGISTRY]


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


@pytest.mark.django_db(transaction=True)
def test_0009_gives_existing_versions_plain_text_and_words_and_keeps_them_immutable(
    reference_data,
):
    old = migrate([("pathways", "0008_pathway_state_function"), OLD_REGISTRY])
    try:
        now = timezone.now()
        user = old.get_model("auth", "User").objects.create(username="author")
        network = old.get_model("networks", "Network").objects.create(
            name="Network", short_name="N", slug="n", kind="regional"
        )
        pathway = old.get_model("pathways", "Pathway").objects.create(
            slug="breast",
            title="Breast cancer",
            network=network,
            cancer_type=old.get_model("networks", "CancerType").objects.first(),
            created_by=user,
            first_published_at=now,
        )
        Version = old.get_model("pathways", "PathwayVersion")
        for minor, status in enumerate(["published", "draft"]):
            body = f"## Staging\n\nOffer **carboplatin** (SMC2689){' and olaparib' * minor}.\n"
            Version.objects.create(
                pathway=pathway,
                major=1 if status == "published" else None,
                minor=0 if status == "published" else None,
                title="Breast cancer",
                summary="For adults.",
                body=body,
                body_html=render(body)[0],
                author=user,
                status=status,
                change_type="major",
                content_hash=str(minor),
                published_at=now if status == "published" else None,
                published_by=user if status == "published" else None,
                effective_from=now if status == "published" else None,
                next_review_on=now.date() if status == "published" else None,
            )
    finally:
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    published, draft = PathwayVersion.objects.order_by("pk")
    assert published.body_text == "Staging\nOffer carboplatin (SMC2689)."
    assert draft.body_text == "Staging\nOffer carboplatin (SMC2689) and olaparib."
    words = set(SearchWord.objects.values_list("word", flat=True))
    assert {"breast", "adults", "staging", "offer", "carboplatin"} <= words
    assert "olaparib" not in words and "smc2689" not in words  # a draft's; a code
    with pytest.raises(IntegrityError), transaction.atomic():
        PathwayVersion.objects.filter(pk=published.pk).update(body_text="Forged.")
