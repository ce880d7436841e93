"""Carries what the registry said into the network's life and terms (0006), in a migration of
its own: PostgreSQL refuses to alter a table in the transaction that wrote rows referring to it."""

from datetime import date

from django.db import migrations
from django.db.models import F


def carry_over_the_registry(apps, schema_editor):
    """What the registry said before it kept a life and terms.

    An active network is established since its establishment date. An inactive one is taken as
    retired on a date nobody recorded (not its founding date, which would misstate when it
    stopped), and the people it named are not carried over: they no longer lead or manage it,
    and when they stopped is not known. Its history's earlier rows are marked retired where
    they said inactive, so its page's history does not claim it was ever only established.
    An active network's lead clinician and manager become terms running from its establishment
    date (or from today, when it had none)."""
    Network = apps.get_model("networks", "Network")
    HistoricalNetwork = apps.get_model("networks", "HistoricalNetwork")
    Appointment = apps.get_model("networks", "Appointment")
    HistoricalNetwork.objects.filter(is_active=False).update(status="retired")
    HistoricalNetwork.objects.filter(is_active=True).update(status_since=F("established_on"))
    for network in Network.objects.all():
        if not network.is_active:
            network.status, network.status_since = "retired", None
            network.save(update_fields=["status", "status_since"])
            continue
        network.status, network.status_since = "established", network.established_on
        network.save(update_fields=["status", "status_since"])
        for post, name in [
            ("lead_clinician", network.lead_clinician),
            ("manager", network.network_manager),
        ]:
            if name.strip():
                Appointment.objects.create(
                    network=network,
                    post=post,
                    name=name.strip(),
                    starts_on=network.established_on or date.today(),
                )


class Migration(migrations.Migration):
    dependencies = [("networks", "0006_network_life_and_oversight")]

    operations = [migrations.RunPython(carry_over_the_registry, migrations.RunPython.noop)]
