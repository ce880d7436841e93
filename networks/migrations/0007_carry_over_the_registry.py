"""Carries what the registry said into the network's life and terms (0006), in a migration of
its own: PostgreSQL refuses to alter a table in the transaction that wrote rows referring to it."""

from django.db import migrations


def carry_over_the_registry(apps, schema_editor):
    """What the registry said before it kept a life and terms: an inactive network is taken as
    retired, its establishment date as the date of its status, and the lead clinician and
    manager it named as terms running from that date (or from today, when it had none)."""
    from datetime import date

    Network = apps.get_model("networks", "Network")
    Appointment = apps.get_model("networks", "Appointment")
    for network in Network.objects.all():
        network.status = "established" if network.is_active else "retired"
        network.status_since = network.established_on
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
