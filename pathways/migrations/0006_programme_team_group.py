"""The "Programme team" group and its permissions, so nobody has to set them up by hand.

Members (with staff status) manage boards, cancer types, networks, people and their roles, and
read everything about pathways; pathway text and state change only in the workspace.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Programme team"
PERMISSIONS = {
    "networks": {
        "healthboard": ["add", "change", "view"],
        "cancertype": ["add", "change", "view"],
        "network": ["add", "change", "view"],
        "networkrole": ["add", "change", "delete", "view"],
    },
    "auth": {"user": ["add", "change", "view"], "group": ["view"]},
    "pathways": {
        "pathway": ["change", "view"],
        "pathwayversion": ["view"],
        "review": ["view"],
        "event": ["view"],
        "reviewreminder": ["view"],
    },
}


def create_group(apps, schema_editor):
    # Permissions are normally made after all migrations; make them now so they can be granted.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP)
    for app_label, models in PERMISSIONS.items():
        for model, actions in models.items():
            codenames = [f"{action}_{model}" for action in actions]
            group.permissions.add(*Permission.objects.filter(
                content_type__app_label=app_label, codename__in=codenames))


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("networks", "0002_boards_and_cancer_types"),
        ("pathways", "0005_version_history_and_reminders"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
