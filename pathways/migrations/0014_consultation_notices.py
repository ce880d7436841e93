"""Notices about consultations (closing soon, closed with comments awaiting a response): at
most one of each kind per consultation, so `send_consultation_notices` is safe from cron."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('pathways', '0013_public_revision_for_consensus'),
    ]

    operations = [
        migrations.CreateModel(
            name='ConsultationNotice',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('closing', 'Closing soon'), ('closed', 'Closed: responses needed')], max_length=20)),
                ('sent_on', models.DateField()),
                ('recipients', models.TextField()),
                ('consultation', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='notices', to='pathways.consultation')),
            ],
            options={
                'ordering': ['-sent_on'],
                'constraints': [models.UniqueConstraint(fields=('consultation', 'kind'), name='one_notice_of_each_kind_per_consultation')],
            },
        ),
    ]
