"""The open read-only API, version 1: networks, pathways with their current version inline,
and published versions with their sections, references and regimens.

Only what public pages show is reachable: public networks, pathways whose first version has
taken effect, versions in effect (drafts and scheduled versions never; superseded and withdrawn
ones marked as such). Which version is current is asked of `PathwayVersion.objects.current()`
and `queries.with_current_and_successor`, as the pages ask it. Every response costs a constant
number of queries, carries an ETag and answers If-None-Match with 304 (api.conditional)."""

from datetime import datetime, time

from django.db.models import Case, OuterRef, Prefetch, Subquery, When
from django.db.models.functions import Greatest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.views import APIView

from api.conditional import Revalidated
from api.serializers import (
    NetworkSerializer,
    PathwaySerializer,
    VersionSerializer,
)
from networks.models import CancerType, Network
from pathways import queries
from pathways.content_models import Section
from pathways.models import Pathway, PathwayVersion


class Pages(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200


FILTERS = [
    OpenApiParameter("network", str, description="A network's slug."),
    OpenApiParameter("cancer_type", str, description="A cancer type's slug."),
    OpenApiParameter(
        "updated_since",
        str,
        description="An ISO 8601 date or date-time: only what changed at or after it (see "
        "`updated_at`). Results are in `updated_at` order, so the last one's `updated_at` is "
        "the next sync's `updated_since`.",
    ),
]


def _filters(request):
    """The network, cancer type and moment the request filters by; a clear 400 for bad ones."""
    params = request.query_params
    chosen = {}
    for name, model in (("network", Network), ("cancer_type", CancerType)):
        if slug := params.get(name):
            found = model.objects.filter(slug=slug).first()
            if found is None:
                raise ValidationError({name: f"No {name.replace('_', ' ')} has the slug “{slug}”."})
            chosen[name] = found
    if text := params.get("updated_since"):
        moment = parse_datetime(text)
        if moment is None and (day := parse_date(text)):
            moment = datetime.combine(day, time.min)
        if moment is None:
            raise ValidationError(
                {"updated_since": "Give a date or date-time as in 2025-03-12 or 2025-03-12T09:30Z."}
            )
        chosen["since"] = moment if timezone.is_aware(moment) else timezone.make_aware(moment)
    return chosen


def _with_changed_at(versions):
    """`versions`, each with `changed_at` (`updated_at` in the API): when it took effect, was
    superseded, or its pathway was withdrawn, whichever is latest and has happened."""
    now = timezone.now()
    return versions.annotate(
        changed_at=Greatest(
            "effective_from",
            Case(When(superseded_at__lte=now, then="superseded_at")),
            Case(When(pathway__withdrawn_at__lte=now, then="pathway__withdrawn_at")),
        )
    )


def _versions_updated():
    """Published versions in effect, with `changed_at` and their current and successor."""
    return _with_changed_at(
        queries.with_current_and_successor(PathwayVersion.objects.in_effect())
        .select_related("pathway")
        .defer("body", "body_html", "body_text", "contents", "search_vector", "heading_vector")
    )


def _narrowed(rows, chosen, *, via=""):
    """Pathways (or versions, `via="pathway__"`) as the request filters them (`_filters`), in
    `updated_at` order: the order an incremental sync reads them in."""
    for name in ("network", "cancer_type"):
        if name in chosen:
            rows = rows.filter(**{via + name: chosen[name]})
    if "since" in chosen:
        rows = rows.filter(changed_at__gte=chosen["since"])
    return rows.order_by("changed_at", "id")


def _with_content(versions):
    sections = Section.objects.select_related("changed_in").only(
        *("version", "position", "anchor", "heading", "text", "html", "changed_in"),
        *("changed_in__major", "changed_in__minor"),
    )
    return versions.prefetch_related(
        Prefetch("sections", queryset=sections),
        "references",
        "regimens__advice",
    )


class VersionList(Revalidated, generics.ListAPIView):
    """Every published version of one pathway, newest first."""

    serializer_class = VersionSerializer
    pagination_class = Pages

    def get_queryset(self):
        pathway = get_object_or_404(Pathway.objects.public(), slug=self.kwargs["slug"])
        versions = _versions_updated().filter(pathway=pathway).order_by("-major", "-minor")
        return _with_content(versions)


class VersionDetail(Revalidated, generics.RetrieveAPIView):
    """One published version, with its sections, references and regimens."""

    serializer_class = VersionSerializer

    def get_object(self):
        major, _, minor = self.kwargs["number"].partition(".")
        if not (major.isdigit() and minor.isdigit()):
            raise ValidationError({"number": "Give a version number as in 2.0."})
        return get_object_or_404(
            _with_content(_versions_updated()),
            pathway__slug=self.kwargs["slug"],
            major=int(major),
            minor=int(minor),
        )


@extend_schema(parameters=FILTERS)
class AllVersions(Revalidated, generics.ListAPIView):
    """Every published version of every pathway, in `updated_at` order: for syncing a copy."""

    serializer_class = VersionSerializer
    pagination_class = Pages

    def get_queryset(self):
        chosen = _filters(self.request)
        return _with_content(_narrowed(_versions_updated(), chosen, via="pathway__"))


def _public_pathways():
    latest = (
        PathwayVersion.objects.in_effect()
        .filter(pathway=OuterRef("pk"))
        .order_by("-effective_from")
        .values("effective_from")[:1]
    )
    current = _with_changed_at(queries.current_versions())
    return (
        Pathway.objects.public()
        .select_related("network", "cancer_type")
        .annotate(changed_at=Greatest(Subquery(latest), "withdrawn_at"))
        .prefetch_related(Prefetch("versions", queryset=current, to_attr="current_now"))
    )


@extend_schema(parameters=FILTERS)
class PathwayList(Revalidated, generics.ListAPIView):
    """Every public pathway, in use or withdrawn, with its current version inline."""

    serializer_class = PathwaySerializer
    pagination_class = Pages

    def get_queryset(self):
        return _narrowed(_public_pathways(), _filters(self.request))


class PathwayDetail(Revalidated, generics.RetrieveAPIView):
    serializer_class = PathwaySerializer
    lookup_field = "slug"

    def get_queryset(self):
        return _public_pathways()


class NetworkList(Revalidated, generics.ListAPIView):
    serializer_class = NetworkSerializer
    pagination_class = Pages

    def get_queryset(self):
        return Network.objects.active().with_current_terms(timezone.localdate()).order_by("name")


class NetworkDetail(Revalidated, generics.RetrieveAPIView):
    serializer_class = NetworkSerializer
    lookup_field = "slug"

    def get_queryset(self):
        return Network.objects.active().with_current_terms(timezone.localdate())


class Root(Revalidated, APIView):
    """Where each collection is, and where the description of them all is."""

    @extend_schema(exclude=True)
    def get(self, request):
        return Response(
            {
                "networks": reverse("api:network-list", request=request),
                "pathways": reverse("api:pathway-list", request=request),
                "versions": reverse("api:all-versions", request=request),
                "schema": reverse("api:schema", request=request),
                "docs": reverse("api:docs", request=request),
            }
        )
