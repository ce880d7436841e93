"""The programme team keeps each network's governance in the admin (lead clinician and manager
terms, steering group) and sets annual reports' due dates there; work plans, reports and
proposals are read there and changed only in the workspace, through the services."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Programme team"
PERMISSIONS = {
    "appointment": ["add", "change", "delete", "view"],
    "steeringgroupmember": ["add", "change", "delete", "view"],
    "annualreport": ["change", "view"],
    "objective": ["view"],
    "proposal": ["view"],
}


def grant(apps, schema_editor):
    # Permissions are normally made after all migrations; make the registry's now to grant them.
    app_config = apps.get_app_config("networks")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0)
    app_config.models_module = None
    group, _ = apps.get_model("auth", "Group").objects.get_or_create(name=GROUP)
    group.permissions.add(
        *apps.get_model("auth", "Permission").objects.filter(
            content_type__app_label="networks",
            codename__in=[
                f"{action}_{model}" for model, actions in PERMISSIONS.items() for action in actions
            ],
        )
    )


def take_back(apps, schema_editor):
    group = apps.get_model("auth", "Group").objects.filter(name=GROUP).first()
    if group:
        group.permissions.remove(
            *apps.get_model("auth", "Permission").objects.filter(
                content_type__app_label="networks", content_type__model__in=list(PERMISSIONS)
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("pathways", "0018_public_revision_for_network_oversight"),
        ("networks", "0009_accepted_reports_frozen"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, take_back)]
