"""Search: snippets from readable text, a vocabulary for correcting misspelt words, and
indexes that rank a common word's matches without reading them all.

- `body_text`: the plain text of each version's rendered body (`pathways.markdown.plain_text`),
  set with the rest of the content from now on and filled in here for every existing version,
  published ones included: the guard on published versions is disabled for that one update
  and enabled again, so it refuses every change afterwards as before (as 0007 does).
- `pathways_searchword`: every word of the readable text (title, summary, plain body) of every
  published version. PostgreSQL adds a version's words when it becomes published, however that
  happens (services, admin, SQL), in the one function `pathways_words_of`. Words are never
  removed: whether a word is in a current version is decided when searching, as currency is.
- fuzzystrmatch: `levenshtein_less_equal`, to find the words a few letters from a misspelt one.
"""

import django.contrib.postgres.indexes
import django.db.models.functions.text
from django.contrib.postgres.operations import CreateExtension
from django.db import migrations, models

GUARD_OFF = """
-- Deferred checks queued by the update would otherwise forbid re-enabling the guard.
SET CONSTRAINTS ALL IMMEDIATE;
ALTER TABLE pathways_pathwayversion DISABLE TRIGGER pathways_version_guard;
"""
GUARD_ON = "ALTER TABLE pathways_pathwayversion ENABLE TRIGGER pathways_version_guard;"

WORDS = r"""
-- The words search may correct to: lower-case runs of letters from the readable text. Codes
-- with digits (CA125) and one-letter words are left out.
CREATE FUNCTION pathways_words_of(title text, summary text, body_text text)
RETURNS SETOF text LANGUAGE sql IMMUTABLE AS $$
    SELECT lexeme
    FROM unnest(to_tsvector('simple', title || E'\n' || summary || E'\n' || body_text))
    WHERE lexeme ~ '^[[:alpha:]]{2,40}$'
$$;

-- Statement-level, so a bulk load reads each new version once. Words are inserted in order,
-- so two publications adding the same new words wait for each other rather than deadlock.
CREATE FUNCTION pathways_learn_words() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO pathways_searchword (word)
        SELECT DISTINCT word
        FROM new_versions v CROSS JOIN LATERAL pathways_words_of(v.title, v.summary, v.body_text) word
        WHERE v.status = 'published'
        ORDER BY word
        ON CONFLICT DO NOTHING;
    ELSE
        INSERT INTO pathways_searchword (word)
        SELECT DISTINCT word
        FROM new_versions v
        JOIN old_versions o ON o.id = v.id
        CROSS JOIN LATERAL pathways_words_of(v.title, v.summary, v.body_text) word
        WHERE v.status = 'published' AND o.status <> 'published'
        ORDER BY word
        ON CONFLICT DO NOTHING;
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER pathways_version_inserted_words
    AFTER INSERT ON pathways_pathwayversion
    REFERENCING NEW TABLE AS new_versions
    FOR EACH STATEMENT EXECUTE FUNCTION pathways_learn_words();

CREATE TRIGGER pathways_version_published_words
    AFTER UPDATE ON pathways_pathwayversion
    REFERENCING OLD TABLE AS old_versions NEW TABLE AS new_versions
    FOR EACH STATEMENT EXECUTE FUNCTION pathways_learn_words();

INSERT INTO pathways_searchword (word)
SELECT DISTINCT word
FROM pathways_pathwayversion v CROSS JOIN LATERAL pathways_words_of(v.title, v.summary, v.body_text) word
WHERE v.status = 'published'
ORDER BY word;
"""

REMOVE_WORDS = """
DROP TRIGGER pathways_version_published_words ON pathways_pathwayversion;
DROP TRIGGER pathways_version_inserted_words ON pathways_pathwayversion;
DROP FUNCTION pathways_learn_words();
DROP FUNCTION pathways_words_of(text, text, text);
"""


def fill_plain_text(apps, schema_editor):
    # The same function set_content uses from now on, so old and new versions read alike.
    from pathways.markdown import plain_text

    Version = apps.get_model("pathways", "PathwayVersion")
    for pk, html in Version.objects.values_list("pk", "body_html").iterator():
        Version.objects.filter(pk=pk).update(body_text=plain_text(html))


class Migration(migrations.Migration):
    dependencies = [("pathways", "0008_pathway_state_function")]

    operations = [
        CreateExtension("fuzzystrmatch"),
        migrations.CreateModel(
            name="SearchWord",
            fields=[
                ("word", models.CharField(max_length=40, primary_key=True, serialize=False)),
            ],
        ),
        migrations.AddIndex(
            model_name="searchword",
            index=models.Index(
                django.db.models.functions.text.Length("word"),
                models.F("word"),
                name="search_word_length",
            ),
        ),
        migrations.AddField(
            model_name="pathwayversion",
            name="body_text",
            field=models.TextField(blank=True, editable=False),
        ),
        migrations.RunSQL(GUARD_OFF, GUARD_ON),
        migrations.RunPython(fill_plain_text, migrations.RunPython.noop),
        migrations.RunSQL(GUARD_ON, GUARD_OFF),
        migrations.RunSQL(WORDS, REMOVE_WORDS),
        migrations.AddIndex(
            model_name="pathwayversion",
            index=django.contrib.postgres.indexes.GinIndex(
                condition=models.Q(("superseded_at__isnull", True)),
                fields=["heading_vector"],
                name="unsuperseded_heading_vector",
            ),
        ),
        migrations.AddIndex(
            model_name="pathwayversion",
            index=models.Index(
                condition=models.Q(("superseded_at__isnull", True)),
                fields=["title", "id"],
                name="unsuperseded_title",
            ),
        ),
    ]
