"""Read queries for public pages: which versions are current, search, and the lists.

"Current" is decided at query time (the newest published version whose effective time has
come, of a pathway not withdrawn), so a scheduled version takes over at its moment with no
job needing to run. Each function is one SQL query however many versions exist.
"""

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    TrigramWordSimilarity,
)
from django.db.models import Count, Exists, F, OuterRef, Q
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe

from networks.models import CancerType, Network
from pathways.models import PathwayVersion

SEARCH_CONFIG = "english"
# Private-use characters mark the matches in a snippet, so the snippet can be escaped whole
# (the body is Markdown source and may hold any text) before the marks become <mark>.
MATCH_START, MATCH_END = "\ue000", "\ue001"
# word_similarity above which a misspelt word is taken to mean a title ("ovarain cancr" ~ "Ovarian cancer": 0.44).
SIMILAR_TITLE = 0.4


def current_versions(at=None):
    """The current version of every pathway that has one, with its pathway, network and cancer."""
    at = at or timezone.now()
    newer = (
        PathwayVersion.objects.in_effect(at)
        .filter(pathway=OuterRef("pathway"))
        .filter(
            Q(major__gt=OuterRef("major")) | Q(major=OuterRef("major"), minor__gt=OuterRef("minor"))
        )
    )
    return (
        PathwayVersion.objects.in_effect(at)
        .filter(pathway__withdrawn_at__isnull=True)
        .exclude(Exists(newer))
        .select_related("pathway__network", "pathway__cancer_type")
        .defer("body", "body_html", "contents", "search_vector")
    )


def filtered(versions, *, network=None, cancer_type=None):
    if network:
        versions = versions.filter(pathway__network=network)
    if cancer_type:
        versions = versions.filter(pathway__cancer_type=cancer_type)
    return versions


def search(text, **filters):
    """Current versions matching `text` (web search syntax), best first, with snippets."""
    query = SearchQuery(text, search_type="websearch", config=SEARCH_CONFIG)
    return (
        filtered(current_versions(), **filters)
        .filter(search_vector=query)
        .annotate(
            rank=SearchRank(F("search_vector"), query),
            snippet=SearchHeadline(
                "body",
                query,
                config=SEARCH_CONFIG,
                start_sel=MATCH_START,
                stop_sel=MATCH_END,
                max_words=35,
                min_words=15,
                max_fragments=2,
                fragment_delimiter=" … ",
            ),
        )
        .order_by("-rank", "title")
    )


def highlighted(snippet):
    """A search snippet as safe HTML: its text escaped, its matches in <mark>."""
    html = escape(snippet).replace(MATCH_START, "<mark>").replace(MATCH_END, "</mark>")
    return mark_safe(html)


def similar_titles(text, limit=3, **filters):
    """Current versions whose title looks like `text`: for "did you mean" after a misspelling."""
    return (
        filtered(current_versions(), **filters)
        .annotate(similarity=TrigramWordSimilarity(text, "title"))
        .filter(similarity__gte=SIMILAR_TITLE)
        .order_by("-similarity", "title")[:limit]
    )


def reviews_due(before):
    """Current versions whose next review falls before `before` (a date), soonest first."""
    return current_versions().filter(next_review_on__lt=before).order_by("next_review_on", "title")


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
    """Pathways that readers can open: published (first version in effect) and not withdrawn."""
    return Count(
        relation,
        filter=Q(
            **{
                f"{relation}__first_published_at__lte": timezone.now(),
                f"{relation}__withdrawn_at__isnull": True,
            }
        ),
    )
