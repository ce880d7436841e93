"""The query behind every public pathway page, as a PL/pgSQL function.

PostgreSQL keeps a PL/pgSQL function's query plans for the life of each connection, so the
query is planned once per connection rather than on every page view; planning took four
times as long as running it. Found by the benchmark (`make bench`). It reads the newest
published version in effect by walking the (pathway, major, minor) index backwards, so it
costs the same for one version or five hundred. pathways.queries.pathway_state calls it;
tests hold it to the same answers as the ORM's VersionQuerySet.in_effect().
"""

from django.db import migrations

STATE = r"""
CREATE FUNCTION pathways_pathway_state(pathway_slug text, at timestamptz)
RETURNS TABLE (
    pathway_id bigint, title text, first_published_at timestamptz, withdrawn_at timestamptz,
    network_id bigint, network_slug text, network_name text, network_short_name text,
    network_email text, cancer_type text,
    version_id bigint, major integer, minor integer, effective_from timestamptz,
    next_review_on date
)
LANGUAGE plpgsql STABLE AS $$
#variable_conflict use_column
BEGIN
    RETURN QUERY
    SELECT p.id, p.title::text, p.first_published_at, p.withdrawn_at,
           n.id, n.slug::text, n.name::text, n.short_name::text, n.contact_email::text,
           c.name::text,
           v.id, v.major, v.minor, v.effective_from, v.next_review_on
    FROM pathways_pathway p
    JOIN networks_network n ON n.id = p.network_id
    JOIN networks_cancertype c ON c.id = p.cancer_type_id
    CROSS JOIN LATERAL (
        SELECT version.id, version.major, version.minor, version.effective_from,
               version.next_review_on
        FROM pathways_pathwayversion version
        WHERE version.pathway_id = p.id AND version.status = 'published'
          AND version.effective_from <= at
        ORDER BY version.major DESC, version.minor DESC
        LIMIT 1
    ) v
    WHERE p.slug = pathway_slug;
END $$;
"""


class Migration(migrations.Migration):
    dependencies = [("pathways", "0007_current_versions_indexed")]

    operations = [
        migrations.RunSQL(STATE, "DROP FUNCTION pathways_pathway_state(text, timestamptz);"),
    ]
