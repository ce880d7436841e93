"""Atom feeds of what readers must know: each version as it takes effect, and each withdrawal.

Everything in an entry is plain text (`type="text"`), so a feed reader shows what an author
typed as words and never as markup: the pages' sanitiser is for rendered Markdown bodies, and
a feed carries none.
"""

from datetime import datetime
from typing import NamedTuple
from urllib.parse import urljoin

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.formats import date_format

from pathways.models import Pathway, PathwayVersion

FEED_LENGTH = 50


class PlainTextAtomFeed(Atom1Feed):
    """Atom with each entry's summary as text; Django's writes it as HTML."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, {**item, "description": None})
        summary = item["description"]
        if item.get("agreed"):
            # A plain address, on the entry's own host: Django has made `link` absolute.
            record = urljoin(item["link"], item["agreed"])
            summary = f"{summary}\n\nHow this version was agreed: {record}".strip()
        if summary:
            handler.addQuickElement("summary", summary, {"type": "text"})


class Entry(NamedTuple):
    title: str
    summary: str
    link: str  # made absolute by Django; also the entry's id
    updated: datetime
    author: str
    agreed: str = ""  # the address of how a version was agreed; none for a withdrawal


def _publication(version):
    return Entry(
        title=f"{version.title} version {version.number}",
        summary=version.change_note or version.summary,
        link=version.get_absolute_url(),
        updated=version.effective_from,
        author=version.pathway.network.name,
        agreed=reverse(
            "pathways:consensus", kwargs={"slug": version.pathway.slug, "number": version.number}
        ),
    )


def _withdrawal(pathway):
    return Entry(
        title=f"{pathway.title} withdrawn",
        summary=(
            f"Withdrawn on {_day(pathway.withdrawn_at)}. Do not use it to guide care. "
            f"Reason: {pathway.withdrawal_reason}"
        ),
        link=pathway.get_absolute_url() + "#withdrawn",  # the notice on the pathway's page
        updated=pathway.withdrawn_at,
        author=pathway.network.name,
    )


def _day(moment):
    return date_format(timezone.localtime(moment), "j F Y")


def _newest(entries):
    return sorted(entries, key=lambda entry: entry.updated, reverse=True)[:FEED_LENGTH]


class PublicationsFeed(Feed):
    feed_type = PlainTextAtomFeed
    title = "SCN Pathways: versions published and pathways withdrawn"
    subtitle = (
        "Every version of a National Clinical Management Pathway as it takes effect, "
        "and every withdrawal."
    )

    def link(self):
        return reverse("home")

    def items(self):
        versions = self.publications()[:FEED_LENGTH]
        withdrawn = Pathway.objects.withdrawn().select_related("network")[:FEED_LENGTH]
        return _newest([*map(_publication, versions), *map(_withdrawal, withdrawn)])

    def publications(self):
        return (
            PathwayVersion.objects.in_effect()
            .select_related("pathway__network")
            .defer("body", "body_html", "body_text", "contents", "search_vector", "heading_vector")
            .order_by("-effective_from")
        )

    def item_title(self, entry):
        return entry.title

    def item_description(self, entry):
        return entry.summary

    def item_link(self, entry):
        return entry.link

    def item_pubdate(self, entry):
        return entry.updated

    def item_updateddate(self, entry):
        return entry.updated

    def item_author_name(self, entry):
        return entry.author

    def item_extra_kwargs(self, entry):
        return {"agreed": entry.agreed}


class PathwayFeed(PublicationsFeed):
    def get_object(self, request, slug):
        pathway = get_object_or_404(Pathway.objects.select_related("network"), slug=slug)
        if not pathway.is_public:
            raise Http404
        return pathway

    def title(self, pathway):
        return f"{pathway.title}: new versions"

    def link(self, pathway):
        return pathway.get_absolute_url()

    def items(self, pathway):
        versions = self.publications().filter(pathway=pathway)[:FEED_LENGTH]
        withdrawal = [_withdrawal(pathway)] if pathway.is_withdrawn else []
        return _newest([*map(_publication, versions), *withdrawal])
