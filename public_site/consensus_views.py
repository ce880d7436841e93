"""The public record of how a published version was agreed ("How this version was agreed"):
`pathways.record` reads it, this page shows it. Open for every version in effect, superseded
and withdrawn ones included (marked as such), as the version's own page is."""

from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from pathways import queries
from pathways.models import PathwayVersion
from pathways.record import record_of
from public_site import caching


def consensus(request, slug, number):
    def render_page():
        major, minor = number
        versions = queries.with_current_and_successor(PathwayVersion.objects.in_effect())
        version = get_object_or_404(
            versions.select_related(
                "pathway__network", "published_by", "reclassified_by", "consultation"
            ).defer(
                "body", "body_html", "body_text", "contents", "search_vector", "heading_vector"
            ),
            pathway__slug=slug,
            major=major,
            minor=minor,
        )
        pathway = version.pathway
        trail = [
            ("Home", reverse("home")),
            ("Pathways", reverse("pathways:list")),
            (pathway.title, pathway.get_absolute_url()),
            (f"Version {version.number}", version.get_absolute_url()),
        ]
        return render(
            request,
            "pathways/consensus.html",
            {
                "pathway": pathway,
                "version": version,
                "record": record_of(version),
                "is_current": version.current_number == version.number,
                "public": True,
                "breadcrumbs": trail,
            },
        )

    return caching.respond(request, render_page)
