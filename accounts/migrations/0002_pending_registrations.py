"""Pending registrations (an address waiting to be confirmed) and the requests that sent mail;
the programme team may look at pending registrations in the admin (read-only)."""

import django.db.models.deletion
from django.contrib.auth.management import create_permissions
import django.db.models.functions.text
import django.utils.timezone
from django.db import migrations, models


def let_programme_team_view(apps, schema_editor):
    # Permissions are normally made after all migrations; make this app's now to grant one.
    app_config = apps.get_app_config("accounts")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0)
    app_config.models_module = None
    # The group is made by pathways' migration 0006, whichever of the two runs first.
    group, _ = apps.get_model("auth", "Group").objects.get_or_create(name="Programme team")
    group.permissions.add(
        apps.get_model("auth", "Permission").objects.get(
            content_type__app_label="accounts", codename="view_pendingregistration"
        )
    )


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0001_initial'),
        ('networks', '0005_constituencies_and_profiles'),
        ('auth', '0012_alter_user_first_name_max_length'),
        ('contenttypes', '0002_remove_content_type_name'),
    ]

    operations = [
        migrations.CreateModel(
            name='RegistrationAttempt',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('email', models.EmailField(max_length=254)),
                ('address', models.GenericIPAddressField(blank=True, null=True)),
                ('at', models.DateTimeField(default=django.utils.timezone.now)),
            ],
            options={
                'indexes': [models.Index(fields=['email', 'at'], name='registration_attempt_email'), models.Index(fields=['address', 'at'], name='registration_attempt_address')],
            },
        ),
        migrations.CreateModel(
            name='PendingRegistration',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('email', models.EmailField(max_length=254, unique=True, verbose_name='email address')),
                ('first_name', models.CharField(max_length=150)),
                ('last_name', models.CharField(max_length=150)),
                ('job_title', models.CharField(max_length=200)),
                ('password', models.CharField(editable=False, max_length=128)),
                ('token_hash', models.CharField(editable=False, max_length=64, unique=True)),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now, editable=False)),
                ('board', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='networks.healthboard', verbose_name='NHS board')),
            ],
            options={
                'ordering': ['-created_at'],
                'constraints': [models.CheckConstraint(condition=models.Q(('email', django.db.models.functions.text.Lower('email'))), name='pending_registration_email_lower')],
            },
        ),
        migrations.RunPython(let_programme_team_view, migrations.RunPython.noop),
    ]
