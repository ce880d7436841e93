"""Seed the benchmark database at a realistic large scale, in SQL, in seconds.

30 networks, 2,000 pathways and 20,000 published versions: one pathway with 500 versions,
one with a single version, the rest with about ten each. Every version carries a realistic
Markdown body (about 6 KB), rendered once as the portal renders it. One pathway holds a rare
word, for search. `grow()` then adds 18,000 single-version pathways, for search at 20,000.
PostgreSQL learns the words of every version as it is inserted published, as it does at any
publication (migration 0009).
"""

import json

from django.db import connection

from bench.corpus import DETAILS, SUPPORT
from networks.models import CancerType, Network
from pathways import markdown, sections

PATHWAYS = 2_000
VERSIONS = 20_000
BIG = 500
RARE_WORD = "zygomycosis"  # in one pathway's text
COMMON_WORD = "staging"  # in every pathway's text
MISSPELT_WORD = "stagign"  # the common word with two letters swapped: search corrects it
# Each statement writes tens of thousands of rows: more than the portal's per-query limit allows.
NO_TIMEOUT = "SET statement_timeout = 0"


def body_text():
    sections = []
    for cancer, details in DETAILS.items():
        for key, text in details.items():
            sections.append(f"## {key.capitalize()} ({cancer})\n\n{text}\n\n{SUPPORT}")
    return "\n\n".join(sections)[:6000]


def seed(author):
    body = body_text()
    html, contents = markdown.render(body)
    html, contents, parts = sections.sectioned(html, contents)
    text = markdown.plain_text(html)
    cancer = CancerType.objects.order_by("pk").first()
    networks = [
        Network(
            name=f"Benchmark Network {n}",
            short_name=f"BN{n}",
            slug=f"bench-{n}",
            kind=Network.Kind.NATIONAL_MCN,
            contact_email=f"bench{n}@example.org",
        )
        for n in range(30)
    ]
    Network.objects.bulk_create(networks)
    network_ids = list(
        Network.objects.filter(slug__startswith="bench-").values_list("pk", flat=True)
    )
    with connection.cursor() as cursor:
        cursor.execute(NO_TIMEOUT)
        cursor.execute(
            """
            INSERT INTO pathways_pathway (slug, title, network_id, cancer_type_id, created_at,
                                          created_by_id, first_published_at, withdrawal_reason)
            SELECT CASE n WHEN 1 THEN 'big' WHEN 2 THEN 'single' ELSE 'pathway-' || n END,
                   CASE n WHEN 1 THEN 'Long-lived pathway' WHEN 2 THEN 'Single-version pathway'
                          ELSE 'Pathway ' || n END,
                   (%(networks)s)[1 + n %% 30], %(cancer)s, now() - interval '20 years', %(author)s,
                   now() - interval '20 years', ''
            FROM generate_series(1, %(count)s) AS n
            """,
            {"networks": network_ids, "cancer": cancer.pk, "author": author.pk, "count": PATHWAYS},
        )
        # Versions: 500 for 'big', 1 for 'single', the rest spread evenly over the others.
        cursor.execute(
            """
            WITH plan AS (
                SELECT p.id AS pathway_id,
                       CASE p.slug WHEN 'big' THEN %(big)s WHEN 'single' THEN 1
                            ELSE %(each)s + (CASE WHEN p.id %% %(others)s < %(extra)s THEN 1 ELSE 0 END)
                       END AS versions
                FROM pathways_pathway p
            )
            INSERT INTO pathways_pathwayversion (
                pathway_id, major, minor, title, summary, body, body_html, body_text, contents,
                content_hash,
                change_type, change_note, status, edit_count, author_id, created_at, updated_at,
                published_at, published_by_id, effective_from, next_review_on,
                reclassification_reason)
            SELECT plan.pathway_id, 1 + v / 10, v %% 10, p.title,
                   'How the network manages adults with this cancer.',
                   %(body)s || added.text, %(html)s, %(text)s || added.text,
                   %(contents)s::jsonb, encode(sha256((p.id || ':' || v)::bytea), 'hex'),
                   'major', 'Revised.', 'published', 0, %(author)s, now(), now(),
                   now() - interval '1 day' * (plan.versions - v),
                   %(author)s, now() - interval '1 day' * (plan.versions - v), current_date + 900, ''
            FROM plan JOIN pathways_pathway p ON p.id = plan.pathway_id,
                 generate_series(0, plan.versions - 1) AS v,
                 LATERAL (
                     SELECT CASE WHEN p.slug = 'pathway-77' THEN ' Exclude ' || %(rare)s || ' first.'
                                 ELSE '' END
                            || E'\\n\\nRevision ' || v AS text
                 ) AS added
            """,
            {
                "big": BIG,
                "each": (VERSIONS - BIG - 1) // (PATHWAYS - 2),
                "others": PATHWAYS - 2,
                "extra": (VERSIONS - BIG - 1) % (PATHWAYS - 2),
                "body": body,
                "html": html,
                "text": text,
                "contents": _json(contents),
                "rare": RARE_WORD,
                "author": author.pk,
            },
        )
        # Each version's sections, as the portal stores them when a version is written. The
        # versions are inserted published, so the guard that freezes a published version's
        # sections (migration 0017) stands aside while they are added, as in that migration.
        cursor.execute(
            "ALTER TABLE pathways_section DISABLE TRIGGER pathways_section_published_guard"
        )
        cursor.execute(
            """
            INSERT INTO pathways_section (version_id, position, anchor, heading, heading_html,
                                          html, text, digest, changed_in_id)
            SELECT v.id, part.position, part.anchor, part.heading, part.heading_html,
                   part.html, part.text, part.digest, v.id
            FROM pathways_pathwayversion v,
                 jsonb_to_recordset(%(parts)s::jsonb) AS part(
                     position int, anchor text, heading text, heading_html text, html text,
                     text text, digest text)
            """,
            {
                "parts": _json(
                    [
                        {
                            "position": position,
                            **{
                                name: getattr(part, name)
                                for name in ("anchor", "heading", "heading_html", "html")
                            },
                            "text": part.text,
                            "digest": part.digest,
                        }
                        for position, part in enumerate(parts)
                    ]
                )
            },
        )
        cursor.execute(
            "ALTER TABLE pathways_section ENABLE TRIGGER pathways_section_published_guard"
        )
    _settle()


def grow(author, to_pathways=20_000):
    """Add single-version pathways until there are `to_pathways`, for search at scale."""
    body = body_text()
    html, contents = markdown.render(body)
    text = markdown.plain_text(html)
    with connection.cursor() as cursor:
        cursor.execute(NO_TIMEOUT)
        cursor.execute(
            """
            WITH new AS (
                INSERT INTO pathways_pathway (slug, title, network_id, cancer_type_id, created_at,
                                              created_by_id, first_published_at, withdrawal_reason)
                SELECT 'more-' || n, 'Further pathway ' || n, network_id, cancer_type_id, now(),
                       created_by_id, now() - interval '1 year', ''
                FROM generate_series(1, %(count)s) AS n,
                     (SELECT network_id, cancer_type_id, created_by_id FROM pathways_pathway LIMIT 1) AS t
                RETURNING id, title
            )
            INSERT INTO pathways_pathwayversion (
                pathway_id, major, minor, title, summary, body, body_html, body_text, contents,
                content_hash,
                change_type, change_note, status, edit_count, author_id, created_at, updated_at,
                published_at, published_by_id, effective_from, next_review_on,
                reclassification_reason)
            SELECT id, 1, 0, title, 'How the network manages adults with this cancer.',
                   %(body)s, %(html)s, %(text)s, %(contents)s::jsonb,
                   encode(sha256(id::text::bytea), 'hex'),
                   'major', '', 'published', 0, %(author)s, now(), now(), now() - interval '1 year',
                   %(author)s, now() - interval '1 year', current_date + 900, ''
            FROM new
            """,
            {
                "count": to_pathways - PATHWAYS,
                "body": body,
                "html": html,
                "text": text,
                "contents": _json(contents),
                "author": author.pk,
            },
        )
    _settle()


def _settle():
    """What autovacuum and the checkpointer would do in the minutes after a bulk load, done
    now, so that the measurements that follow do not share the machine with them."""
    with connection.cursor() as cursor:
        cursor.execute(NO_TIMEOUT)
        cursor.execute("VACUUM ANALYZE")
        cursor.execute("CHECKPOINT")


def _json(value):
    return json.dumps(value)
