"""The programme team may look at subscriptions and deliveries in the admin (read-only)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MODELS = ["subscriber", "subscription", "delivery", "fannedoutevent"]


def let_programme_team_view(apps, schema_editor):
    # Permissions are normally made after all migrations; make this app's now to grant them.
    app_config = apps.get_app_config("subscriptions")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0)
    app_config.models_module = None
    # The group is made by pathways' migration 0006 (a dependency below).
    group, _ = apps.get_model("auth", "Group").objects.get_or_create(name="Programme team")
    group.permissions.add(
        *apps.get_model("auth", "Permission").objects.filter(
            content_type__app_label="subscriptions",
            codename__in=[f"view_{model}" for model in MODELS],
        )
    )


def take_it_back(apps, schema_editor):
    group = apps.get_model("auth", "Group").objects.filter(name="Programme team").first()
    if group:
        group.permissions.remove(
            *apps.get_model("auth", "Permission").objects.filter(
                content_type__app_label="subscriptions"
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("subscriptions", "0001_initial"),
        ("pathways", "0006_programme_team_group"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(let_programme_team_view, take_it_back)]
