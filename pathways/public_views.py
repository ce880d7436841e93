"""Public pathway pages: what a clinician with no account reads."""

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from pathways.models import Pathway


def _get_published_pathway(slug):
    pathway = get_object_or_404(
        Pathway.objects.select_related("network", "cancer_type"), slug=slug
    )
    if pathway.first_published_at is None:
        raise Http404  # drafts are not public
    return pathway


def _crumbs(pathway=None):
    trail = [("Home", reverse("home"))]
    if pathway:
        trail.append((pathway.title, pathway.get_absolute_url()))
    return trail


def pathway_detail(request, slug):
    pathway = _get_published_pathway(slug)
    current = pathway.current_version()
    if current is None and not pathway.is_withdrawn:
        raise Http404  # its first version is scheduled and not yet in effect
    return render(request, "pathways/pathway_detail.html", {
        "pathway": pathway, "version": current, "current": current, "breadcrumbs": _crumbs(),
    })


def version_list(request, slug):
    pathway = _get_published_pathway(slug)
    versions = pathway.versions.in_effect().newest_first()
    return render(request, "pathways/version_list.html", {
        "pathway": pathway,
        "versions": versions,
        "current": versions[0] if versions and not pathway.is_withdrawn else None,
        "breadcrumbs": _crumbs(pathway),
    })


def version_detail(request, slug, number):
    pathway = _get_published_pathway(slug)
    major, minor = number
    version = get_object_or_404(pathway.versions.in_effect(), major=major, minor=minor)
    current = pathway.current_version()
    return render(request, "pathways/version_detail.html", {
        "pathway": pathway,
        "version": version,
        "current": current,
        "is_current": version == current and not pathway.is_withdrawn,
        "breadcrumbs": _crumbs(pathway),
    })
