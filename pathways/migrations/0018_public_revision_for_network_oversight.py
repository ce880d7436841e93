"""Public network pages are made from these too (terms, steering group, work plan, accepted
reports, the approved proposal a network came from): advance the public content revision
(migration 0011) on every write to them, so no kept page or API answer outlives a change."""

from django.db import migrations

TABLES = [
    "networks_appointment",
    "networks_steeringgroupmember",
    "networks_objective",
    "networks_annualreport",
    "networks_proposal",
]

CREATE = "".join(
    f"""
CREATE TRIGGER {table}_public_revision
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table}
    FOR EACH STATEMENT EXECUTE FUNCTION pathways_advance_public_revision();
"""
    for table in TABLES
)

DROP = "".join(f"DROP TRIGGER {table}_public_revision ON {table};\n" for table in TABLES)


class Migration(migrations.Migration):
    dependencies = [
        ("pathways", "0017_structured_content"),
        ("networks", "0009_accepted_reports_frozen"),
    ]

    operations = [migrations.RunSQL(CREATE, DROP)]
