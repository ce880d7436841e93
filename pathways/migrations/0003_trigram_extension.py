from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("pathways", "0002_database_guards")]

    operations = [TrigramExtension()]
