"""The public record of consensus is made from these too: advance the public content revision
(migration 0011) on every write to them. People's names appear on it, so a change of name
counts; a sign-in (which updates only `last_login`) does not."""

from django.db import migrations

TABLES = [
    "networks_constituency",
    "networks_constituency_members",
    "networks_networkrole",
    "networks_profile",
    "pathways_pathway_major_change_constituencies",
    "pathways_pathway_minor_change_constituencies",
    "pathways_consultation",
    "pathways_consultationcomment",
]

CREATE = "".join(
    f"""
CREATE TRIGGER {table}_public_revision
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table}
    FOR EACH STATEMENT EXECUTE FUNCTION pathways_advance_public_revision();
"""
    for table in TABLES
) + """
CREATE TRIGGER auth_user_name_public_revision
    AFTER UPDATE OF first_name, last_name ON auth_user
    FOR EACH STATEMENT EXECUTE FUNCTION pathways_advance_public_revision();
"""

DROP = "".join(f"DROP TRIGGER {table}_public_revision ON {table};\n" for table in TABLES) + (
    "DROP TRIGGER auth_user_name_public_revision ON auth_user;\n"
)


class Migration(migrations.Migration):
    dependencies = [
        ("pathways", "0012_national_consensus"),
        ("networks", "0005_constituencies_and_profiles"),
    ]

    operations = [migrations.RunSQL(CREATE, DROP)]
