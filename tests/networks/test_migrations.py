"""The registry's own migrations, run on a database that has networks in it."""

from datetime import date

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

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
        OldNetwork.objects.create(
            name="Old Network",
            short_name="OLD",
            slug="old",
            kind="regional",
            is_active=False,
            established_on=date(2004, 4, 1),
            lead_clinician="Dr Ada Lead",
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
    assert (retired.status, retired.status_since) == ("retired", date(2004, 4, 1))
    assert (live.status, live.status_since) == ("established", None)
    terms = Appointment.objects.order_by("name").values_list("network__slug", "post", "name")
    assert list(terms) == [
        ("old", "lead_clinician", "Dr Ada Lead"),
        ("live", "manager", "Sam Manager"),
    ]
    assert retired.appointments.get().starts_on == date(2004, 4, 1)
