"""LoginFailure moves here from the networks app: its table is renamed, its rows kept."""

import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("networks", "0003_login_failures"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="LoginFailure",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("username", models.CharField(max_length=150)),
                        ("address", models.GenericIPAddressField(blank=True, null=True)),
                        ("at", models.DateTimeField(default=django.utils.timezone.now)),
                    ],
                    options={
                        "db_table": "networks_loginfailure",
                        "indexes": [
                            models.Index(fields=["username", "at"], name="login_failure_user_time"),
                            models.Index(fields=["address", "at"], name="login_failure_address_time"),
                        ],
                    },
                ),
            ],
        ),
        migrations.AlterModelTable(name="loginfailure", table=None),
    ]
