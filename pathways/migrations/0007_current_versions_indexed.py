"""Current versions found by index: each published version records when it stops being current.

`superseded_at` is the earliest of: the effective time of any higher-numbered published version
of the same pathway (a scheduled successor gives a time still to come), and the pathway's
withdrawal. PostgreSQL keeps it, whatever path publishes or withdraws, so "current at time t" is
`effective_from <= t < superseded_at (or none)`, still decided at query time: a scheduled
version takes over at its moment with no job to run.

The guard on published versions now lets that one column change, and only from within these
triggers: no form, admin action, ORM save or SQL statement can set it.
"""

import django.contrib.postgres.indexes
import django.contrib.postgres.search
from django.conf import settings
from django.db import migrations, models

GUARD = r"""
CREATE OR REPLACE FUNCTION pathways_version_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- Only pathways_mark_superseded, run by a trigger (so nested: depth 2), may
    -- change a published version, and only its superseded_at. Generated columns are not yet
    -- computed in a BEFORE trigger's NEW; they follow the text.
    IF OLD.status = 'published' AND (
        TG_OP = 'DELETE'
        OR pg_trigger_depth() < 2
        OR to_jsonb(NEW) - '{superseded_at,search_vector,heading_vector}'::text[]
           IS DISTINCT FROM to_jsonb(OLD) - '{superseded_at,search_vector,heading_vector}'::text[]
    ) THEN
        RAISE EXCEPTION 'published pathway version % is immutable', OLD.id
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF TG_OP = 'UPDATE' AND NEW.author_id <> OLD.author_id THEN
        RAISE EXCEPTION 'the author of pathway version % cannot change', OLD.id
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;
"""

OLD_GUARD = r"""
CREATE OR REPLACE FUNCTION pathways_version_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.status = 'published' THEN
        RAISE EXCEPTION 'published pathway version % is immutable', OLD.id
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF TG_OP = 'UPDATE' AND NEW.author_id <> OLD.author_id THEN
        RAISE EXCEPTION 'the author of pathway version % cannot change', OLD.id
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;
"""

SUPERSEDE = r"""
CREATE FUNCTION pathways_mark_superseded(pathway_pk bigint) RETURNS void LANGUAGE sql AS $$
    UPDATE pathways_pathwayversion version
    SET superseded_at = later.superseded_at
    FROM (
        SELECT v.id, LEAST(
            min(v.effective_from) OVER (
                ORDER BY v.major DESC, v.minor DESC
                ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING
            ),
            p.withdrawn_at
        ) AS superseded_at
        FROM pathways_pathwayversion v JOIN pathways_pathway p ON p.id = v.pathway_id
        WHERE v.pathway_id = pathway_pk AND v.status = 'published'
    ) later
    WHERE version.id = later.id AND version.superseded_at IS DISTINCT FROM later.superseded_at
$$;

CREATE FUNCTION pathways_version_published() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pathways_mark_superseded(NEW.pathway_id);
    RETURN NULL;
END $$;

CREATE FUNCTION pathways_pathway_withdrawn() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pathways_mark_superseded(NEW.id);
    RETURN NULL;
END $$;

CREATE TRIGGER pathways_pathway_withdrawn
    AFTER UPDATE OF withdrawn_at ON pathways_pathway
    FOR EACH ROW WHEN (NEW.withdrawn_at IS DISTINCT FROM OLD.withdrawn_at)
    EXECUTE FUNCTION pathways_pathway_withdrawn();

-- Fires on publication only: the function's own UPDATE sets superseded_at, not status.
CREATE TRIGGER pathways_version_published
    AFTER INSERT OR UPDATE OF status ON pathways_pathwayversion
    FOR EACH ROW WHEN (NEW.status = 'published')
    EXECUTE FUNCTION pathways_version_published();

-- Deferred checks queued by the update below would otherwise forbid re-enabling the guard.
SET CONSTRAINTS ALL IMMEDIATE;
ALTER TABLE pathways_pathwayversion DISABLE TRIGGER pathways_version_guard;
SELECT pathways_mark_superseded(id) FROM pathways_pathway;
ALTER TABLE pathways_pathwayversion ENABLE TRIGGER pathways_version_guard;
"""

REMOVE_SUPERSEDE = """
DROP TRIGGER pathways_pathway_withdrawn ON pathways_pathway;
DROP FUNCTION pathways_pathway_withdrawn();
DROP TRIGGER pathways_version_published ON pathways_pathwayversion;
DROP FUNCTION pathways_version_published();
DROP FUNCTION pathways_mark_superseded(bigint);
"""


class Migration(migrations.Migration):

    dependencies = [
        ('pathways', '0006_programme_team_group'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='pathwayversion',
            name='version_search_vector',
        ),
        migrations.AddField(
            model_name='pathwayversion',
            name='heading_vector',
            field=models.GeneratedField(db_persist=True, expression=django.contrib.postgres.search.CombinedSearchVector(django.contrib.postgres.search.SearchVector('title', config='english', weight='A'), '||', django.contrib.postgres.search.SearchVector('summary', config='english', weight='B'), django.contrib.postgres.search.SearchConfig('english')), output_field=django.contrib.postgres.search.SearchVectorField()),
        ),
        migrations.AddField(
            model_name='pathwayversion',
            name='superseded_at',
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.RunSQL(GUARD, OLD_GUARD),
        migrations.RunSQL(SUPERSEDE, REMOVE_SUPERSEDE),
        migrations.AddIndex(
            model_name='pathwayversion',
            index=django.contrib.postgres.indexes.GinIndex(condition=models.Q(('superseded_at__isnull', True)), fields=['search_vector'], name='unsuperseded_search_vector'),
        ),
        migrations.AddIndex(
            model_name='pathwayversion',
            index=models.Index(condition=models.Q(('superseded_at__isnull', False)), fields=['superseded_at'], name='version_superseded_at'),
        ),
    ]
