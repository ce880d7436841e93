"""The registry's own migrations, run on a database that has networks in it."""

from datetime import date

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from networks.models import Appointment, Network


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_0007_carries_what_the_registry_said_into_life_and_terms(reference_data):
    old = migrate([("networks", "0005_constituencies_and_profiles")])
    try:
        OldNetwork = old.get_model("networks", "Network")
        disbanded = OldNetwork.objects.create(
            name="Old Network",
            short_name="OLD",
            slug="old",
            kind="regional",
            is_active=False,
            established_on=date(2004, 4, 1),
            lead_clinician="Dr Ada Lead",
        )
        old.get_model("networks", "HistoricalNetwork").objects.create(
            id=disbanded.pk,
            name=disbanded.name,
            short_name=disbanded.short_name,
            slug=disbanded.slug,
            kind=disbanded.kind,
            is_active=False,
            history_date=timezone.now(),
            history_type="~",
        )
        OldNetwork.objects.create(
            name="Live Network",
            short_name="LIVE",
            slug="live",
            kind="national_mcn",
            lead_clinician="  ",
            network_manager="Sam Manager",
        )
    finally:
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    retired, live = Network.objects.get(slug="old"), Network.objects.get(slug="live")
    # When it stopped was never recorded: not its founding date.
    assert (retired.status, retired.status_since) == ("retired", None)
    assert (live.status, live.status_since) == ("established", None)
    # Its old lead no longer leads it; the live network's manager runs on.
    terms = Appointment.objects.values_list("network__slug", "post", "name")
    assert list(terms) == [("live", "manager", "Sam Manager")]
    # Its history says retired throughout, as the registry said inactive.
    assert list(retired.history.values_list("status", flat=True)) == ["retired"]
