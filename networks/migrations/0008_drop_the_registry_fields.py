"""The fields 0007 carried over: a network's life and terms now say what they said."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("networks", "0007_carry_over_the_registry")]

    operations = [
        migrations.RemoveField(
            model_name='historicalnetwork',
            name='established_on',
        ),
        migrations.RemoveField(
            model_name='historicalnetwork',
            name='is_active',
        ),
        migrations.RemoveField(
            model_name='historicalnetwork',
            name='lead_clinician',
        ),
        migrations.RemoveField(
            model_name='historicalnetwork',
            name='network_manager',
        ),
        migrations.RemoveField(
            model_name='network',
            name='established_on',
        ),
        migrations.RemoveField(
            model_name='network',
            name='is_active',
        ),
        migrations.RemoveField(
            model_name='network',
            name='lead_clinician',
        ),
        migrations.RemoveField(
            model_name='network',
            name='network_manager',
        ),
    ]
