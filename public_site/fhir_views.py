"""A published version for machines: /pathways/<slug>/versions/<major>.<minor>/fhir/, the
version as a FHIR R4 PlanDefinition (`pathways.fhir`).

Public exactly when the version's page is (published and in effect: drafts and scheduled
versions are not found), with the same conditional GET as the pages (`caching.respond`). Five
queries, however many sections, references or regimens: the public revision, the version (with
its pathway, network, cancer type, and the numbers of its current, previous and next
versions), its sections, references and regimens.
"""

import json

from django.db.models import CharField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Cast, Concat
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404

from pathways import fhir, queries
from pathways.models import PathwayVersion
from public_site import caching

CONTENT_TYPE = f"{fhir.CONTENT_TYPE}; charset=utf-8"
NOT_FOUND = {
    "resourceType": "OperationOutcome",
    "issue": [
        {
            "severity": "error",
            "code": "not-found",
            "diagnostics": "No published version in effect has this address.",
        }
    ],
}


def plan_definition(request, slug, number):
    def render_page():
        version = _version(slug, number)
        resource = fhir.plan_definition(
            version,
            # Ordered by their own columns: the models' default orderings join their version.
            sections=list(
                version.sections.only("version_id", "anchor", "heading", "text").order_by(
                    "position"
                )
            ),
            references=list(version.references.order_by("kind", "identifier", "id")),
            regimens=list(version.regimens.select_related("advice").order_by("id")),
            is_current=version.current_number == version.number,
            predecessor_number=version.predecessor_number,
            successor_number=version.successor_number,
        )
        return _response(resource)

    try:
        return caching.respond(request, render_page)
    except Http404:
        return _response(NOT_FOUND, status=404)


def _version(slug, number):
    """The version at this address if it is in effect (as `version_detail` finds it), with
    `current_number` and `successor_number` (`with_current_and_successor`) and
    `predecessor_number`: the version in effect before it, or None for a first version."""
    major, minor = number
    label = Concat(Cast("major", CharField()), Value("."), Cast("minor", CharField()))
    predecessor = (
        PathwayVersion.objects.in_effect()
        .filter(pathway=OuterRef("pathway"))
        .filter(
            Q(major__lt=OuterRef("major")) | Q(major=OuterRef("major"), minor__lt=OuterRef("minor"))
        )
        .order_by("-major", "-minor")
        .annotate(label=label)
        .values("label")[:1]
    )
    versions = queries.with_current_and_successor(PathwayVersion.objects.in_effect())
    return get_object_or_404(
        versions.annotate(predecessor_number=Subquery(predecessor))
        .select_related("pathway__network", "pathway__cancer_type")
        .defer(
            "body",
            "body_html",
            "body_text",
            "contents",
            "agreement",
            "search_vector",
            "heading_vector",
        ),
        pathway__slug=slug,
        major=major,
        minor=minor,
    )


def _response(resource, status=200):
    return HttpResponse(
        json.dumps(resource, ensure_ascii=False, indent=2),
        content_type=CONTENT_TYPE,
        status=status,
    )
