"""Atom feeds of publications: the whole portal, and one pathway."""

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from pathways.models import Pathway, PathwayVersion

FEED_LENGTH = 50


class PublicationsFeed(Feed):
    feed_type = Atom1Feed
    title = "SCN Pathways: new versions published"
    subtitle = "Every version of a National Clinical Management Pathway as it takes effect."

    def link(self):
        return reverse("home")

    def items(self):
        return self.publications()[:FEED_LENGTH]

    def publications(self):
        return (
            PathwayVersion.objects.in_effect()
            .select_related("pathway__network")
            .order_by("-effective_from")
        )

    def item_title(self, version):
        return f"{version.title} version {version.number}"

    def item_description(self, version):
        return version.change_note or version.summary

    def item_link(self, version):
        return version.get_absolute_url()

    def item_pubdate(self, version):
        return version.effective_from

    def item_updateddate(self, version):
        return version.effective_from

    def item_author_name(self, version):
        return version.pathway.network.name


class PathwayFeed(PublicationsFeed):
    def get_object(self, request, slug):
        pathway = get_object_or_404(Pathway, slug=slug)
        if not pathway.is_public:
            raise Http404
        return pathway

    def title(self, pathway):
        return f"{pathway.title}: new versions"

    def link(self, pathway):
        return pathway.get_absolute_url()

    def items(self, pathway):
        return self.publications().filter(pathway=pathway)[:FEED_LENGTH]
