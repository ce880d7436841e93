"""Read queries for public pages: which versions are current, search, and the lists.

"Current" is `PathwayVersion.objects.current()` (pathways/models.py), decided at query time,
so a scheduled version takes over at its moment with no job needing to run; "in use" is
`Pathway.objects.in_use()`. Each function here costs the same number of queries however many
versions exist.
"""

import re

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db.models import Case, CharField, Count, F, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Cast, Concat
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe

from networks.models import CancerType, Network
from pathways.models import Pathway, PathwayVersion, Regimen

SEARCH_CONFIG = "english"
# Private-use characters mark the matches in a snippet, so the snippet can be escaped whole
# (the text may hold any characters, "<" included) before the marks become <mark>.
MATCH_START, MATCH_END = "\ue000", "\ue001"
WORD = re.compile(r"\w+")


def current_versions(at=None):
    """The current version of every pathway that has one, with its pathway, network and cancer:
    in effect and not superseded (by a newer version in effect, or the pathway's withdrawal)."""
    return (
        PathwayVersion.objects.current(at)
        .select_related("pathway__network", "pathway__cancer_type")
        .defer("body", "body_html", "body_text", "contents", "search_vector", "heading_vector")
    )


# The two ways a version in effect is current: not superseded (the indexed case, by far the
# commoner), or superseded only at a time still to come (a successor is scheduled).
NOT_SUPERSEDED = Q(superseded_at__isnull=True)


def _superseded_after(at):
    return Q(superseded_at__gt=at)


def current_ways(at, **filters):
    """`PathwayVersion.objects.current(at)` as two querysets, one for each way of being
    current: kept apart (as parts of a UNION, or two subqueries) so that each is answered from
    its own index, nearly all from the index of unsuperseded versions. Unordered: the model's
    ordering would join and sort by pathway."""
    return [
        filtered(PathwayVersion.objects.current(at).filter(way), **filters).order_by()
        for way in (NOT_SUPERSEDED, _superseded_after(at))
    ]


def with_current_and_successor(versions):
    """`versions`, each with `current_number`: its pathway's current version now ("2.0"; None
    once withdrawn), and `successor_number`: the version that superseded it, or None while it
    is current or when a withdrawal, not a new version, ended its use."""
    number = Concat(Cast("major", CharField()), Value("."), Cast("minor", CharField()))
    current = PathwayVersion.objects.current().filter(pathway=OuterRef("pathway"))
    successor = (
        PathwayVersion.objects.published()
        .filter(pathway=OuterRef("pathway"), effective_from=OuterRef("superseded_at"))
        .filter(
            Q(major__gt=OuterRef("major")) | Q(major=OuterRef("major"), minor__gt=OuterRef("minor"))
        )
        .order_by("major", "minor")
    )
    return versions.annotate(
        current_number=Subquery(current.annotate(number=number).values("number")[:1]),
        successor_number=Subquery(successor.annotate(number=number).values("number")[:1]),
    )


def filtered(versions, *, network=None, cancer_type=None):
    if network:
        versions = versions.filter(pathway__network=network)
    if cancer_type:
        versions = versions.filter(pathway__cancer_type=cancer_type)
    return versions


def search(text, *, offset, count, **filters):
    """`count` current versions matching `text` (web search syntax) from the `offset`th, and
    whether more follow. Those whose title or summary hold a word of the query come first, the
    best match first, then the rest by title; each has a `snippet` of its readable text around
    the matches.

    The ranking reads only titles and summaries, and a version whose title and summary hold no
    word of the query ranks 0: so only those that do are ranked, few even for a word in every
    pathway's text, and the rest are read in title order (an index) until the page is full.
    Superseded versions are never read (see `current_ways`). Snippets need the whole text:
    only the shown get them.
    """
    at = timezone.now()
    query = SearchQuery(text, search_type="websearch", config=SEARCH_CONFIG)
    any_word = SearchQuery(
        " or ".join(WORD.findall(text)), search_type="websearch", config=SEARCH_CONFIG
    )
    rank = Case(
        When(heading_vector=any_word, then=SearchRank(F("heading_vector"), query)),
        default=Value(0.0),
    )
    unsuperseded, superseded_later = (
        way.filter(search_vector=query).annotate(rank=rank).values_list("pk", "rank", "title")
        for way in current_ways(at, **filters)
    )
    headed = unsuperseded.filter(heading_vector=any_word)
    rest = unsuperseded.exclude(heading_vector=any_word).order_by("title", "pk")
    best = headed.union(rest[: offset + count + 1], superseded_later, all=True)
    found = [pk for pk, _, _ in best.order_by("-rank", "title", "pk")[offset : offset + count + 1]]
    shown = found[:count]
    if not shown:
        return [], len(found) > count
    versions = (
        PathwayVersion.objects.filter(pk__in=shown)
        .select_related("pathway__network", "pathway__cancer_type")
        .defer("body", "body_html", "body_text", "contents", "search_vector", "heading_vector")
        .annotate(
            snippet=SearchHeadline(
                "body_text",
                query,
                config=SEARCH_CONFIG,
                start_sel=MATCH_START,
                stop_sel=MATCH_END,
                max_words=35,
                min_words=15,
                max_fragments=2,
                fragment_delimiter=" … ",
            )
        )
        .in_bulk()
    )
    return [versions[pk] for pk in shown], len(found) > count


def highlighted(snippet):
    """A search snippet as safe HTML: its text escaped, its matches in <mark>, its lines (a
    heading, a paragraph) kept apart on the one line it is shown on."""
    html = escape(snippet).replace(MATCH_START, "<mark>").replace(MATCH_END, "</mark>")
    return mark_safe(html.replace("\n", " · "))


def finds_anything(text, **filters):
    """Whether `search` finds any current version for `text`, in one query."""
    return search(text, offset=0, count=0, **filters)[1]


def recently_published(limit=6):
    return current_versions().order_by("-effective_from")[:limit]


def networks_with_pathway_counts():
    return (
        Network.objects.active().annotate(pathway_count=_count_of_live("pathways")).order_by("name")
    )


def cancer_types_with_pathway_counts():
    return (
        CancerType.objects.annotate(pathway_count=_count_of_live("pathways"))
        .filter(pathway_count__gt=0)
        .order_by("name")
    )


def _count_of_live(relation):
    """Pathways that readers can follow: `Pathway.objects.in_use()`, counted per row."""
    return Count(relation, filter=Q(**{f"{relation}__in": Pathway.objects.in_use().values("pk")}))


def medicines_in_use():
    """Each medicine a current version's regimens name, with the number of pathways naming it,
    alphabetically: [(name, count)]. One query (regimens are tens, not thousands)."""
    pathways_by_medicine = {}
    rows = Regimen.objects.filter(version__in=PathwayVersion.objects.current()).values_list(
        "medicines", "version__pathway_id"
    )
    for medicines, pathway_id in rows:
        for medicine in medicines:
            pathways_by_medicine.setdefault(medicine, set()).add(pathway_id)
    return [(name, len(ids)) for name, ids in sorted(pathways_by_medicine.items())]


MEDICINE_NAME = re.compile(r"^[a-z][a-z -]{1,59}$")


def naming(medicine):
    """The current versions whose regimens name `medicine` (as a reader typed it), by title:
    what search shows beside its results. For words no regimen names (nearly every search),
    one look-up in the regimens' index; none for text that cannot be a medicine's name."""
    medicine = " ".join(medicine.split()).lower()
    if not MEDICINE_NAME.match(medicine):
        return medicine, []
    if not Regimen.objects.filter(medicines__contains=[medicine]).exists():
        return medicine, []
    versions = (
        current_versions()
        .filter(regimens__medicines__contains=[medicine])
        .distinct()
        .order_by("title")
    )
    return medicine, list(versions)


def uses_of(medicine):
    """The current versions whose regimens name `medicine`, by pathway title, each with those
    regimens (and their advice) as `regimens_naming`. Two queries."""
    regimens = (
        Regimen.objects.filter(
            medicines__contains=[medicine], version__in=PathwayVersion.objects.current()
        )
        .select_related("advice")
        .order_by("id")
    )
    by_version = {}
    for regimen in regimens:
        by_version.setdefault(regimen.version_id, []).append(regimen)
    versions = list(current_versions().filter(pk__in=by_version).order_by("pathway__title"))
    for version in versions:
        version.regimens_naming = by_version[version.pk]
    return versions
