"""One public content revision: a number PostgreSQL advances in the same transaction as any
write to what public pages are made from, whatever makes the write (a service, the admin, the
ORM, SQL). Public pages' ETags and the per-worker page cache are keyed by it (pathways/caching.py),
so they hold no copy of which facts a page shows, and a field added to a page later cannot make
a kept page stale.

The table is not a Django model on purpose: test runs that empty every model's table leave
its single row alone. `pathways_pathway_state()` (migration 0008), which held a second
definition of "current" for the validators, goes.
"""

import importlib

from django.db import migrations

# What public pages are made from. Events and reviews too: the record of how a version was
# agreed is public.
TABLES = [
    "pathways_pathway",
    "pathways_pathwayversion",
    "pathways_event",
    "pathways_review",
    "networks_network",
    "networks_network_member_boards",
    "networks_network_cancer_types",
    "networks_healthboard",
    "networks_cancertype",
]

CREATE = """
CREATE TABLE pathways_publicrevision (
    id smallint PRIMARY KEY CHECK (id = 1),
    number bigint NOT NULL
);
INSERT INTO pathways_publicrevision VALUES (1, 1);

CREATE FUNCTION pathways_advance_public_revision() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE pathways_publicrevision SET number = number + 1;
    RETURN NULL;
END $$;
""" + "".join(
    f"""
CREATE TRIGGER {table}_public_revision
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table}
    FOR EACH STATEMENT EXECUTE FUNCTION pathways_advance_public_revision();
"""
    for table in TABLES
)

DROP = "".join(f"DROP TRIGGER {table}_public_revision ON {table};\n" for table in TABLES) + """
DROP FUNCTION pathways_advance_public_revision();
DROP TABLE pathways_publicrevision;
"""

STATE = importlib.import_module("pathways.migrations.0008_pathway_state_function").STATE


class Migration(migrations.Migration):
    dependencies = [
        ("pathways", "0010_review_not_by_contributors"),
        ("networks", "0002_boards_and_cancer_types"),
    ]

    operations = [
        migrations.RunSQL(CREATE, DROP),
        migrations.RunSQL("DROP FUNCTION pathways_pathway_state(text, timestamptz);", STATE),
    ]
