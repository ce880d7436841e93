"""LoginFailure now belongs to the accounts app (accounts/migrations/0001_initial.py)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("networks", "0003_login_failures"),
        ("accounts", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="LoginFailure")],
        ),
    ]
