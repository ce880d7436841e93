"""A version's text as a reader sees it: its sections in order, each with when it last changed
and why (the references of that change attached to it), and its regimens under the sections
they belong to. Three queries, however long the pathway or its history."""

from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.dateformat import format as format_date

from pathways.content_models import Reference, Regimen


@dataclass
class PageSection:
    section: object
    # When it last changed, in words (`history_of`): "" when there is nothing worth saying.
    history: str
    # Why: the references of that change attached to this section.
    references: list = field(default_factory=list)
    regimens: list = field(default_factory=list)
    # Whether its text is the first version's, unchanged: its references are then its basis.
    original: bool = False

    @property
    def note(self):
        """What the reader is told under the heading: "Updated in version 1.1, 12 March 2025,
        following SMC2689." A first version's text is not an update: it is "based on" them."""
        labels = ", ".join(reference.label for reference in self.references)
        if not labels:
            return f"{self.history}." if self.history else ""
        if not self.history:
            return f"Based on {labels}."
        if self.original:
            return f"{self.history}; based on {labels}."
        return f"{self.history}, following {labels}."


@dataclass
class Structure:
    sections: list
    # What this version cites, for its change note and the list at the end.
    references: list
    # Regimens not placed under a section: a table after the text.
    regimens: list
    # The contents list, its section entries pointing at the sections' anchors.
    contents: list

    def __bool__(self):
        # A version stored without sections (none in the text) shows its text whole.
        return bool(self.sections)


def _day(moment):
    return format_date(timezone.localtime(moment), "j F Y")


def history_of(section, version):
    """When `section` of `version` last changed, as the reader is told it. In a first version
    everything is new, so nothing is said; a draft says which sections it changes."""
    if not section.heading:
        return ""
    changed = section.changed_in
    if changed.pk != version.pk:
        if changed.number == "1.0":
            return f"Unchanged since version 1.0, {_day(changed.effective_from)}"
        return f"Updated in version {changed.number}, {_day(changed.effective_from)}"
    if version.number is None:
        return "Changed in this draft" if version.based_on_id else ""
    if version.number == "1.0":
        return ""
    return f"Updated in this version ({version.number}), {_day(version.effective_from)}"


def _contents(version, sections):
    """`version.contents` with each section's entry pointing at its anchor (a version stored
    before sections had anchors has its renderer's ids there)."""
    headed = iter([section for section in sections if section.heading])
    upcoming = next(headed, None)
    entries = []
    for entry in version.contents:
        if upcoming and entry["level"] == 2 and entry["text"] == upcoming.heading:
            entry = {**entry, "id": upcoming.anchor}
            upcoming = next(headed, None)
        entries.append(entry)
    return entries


def structure_of(version):
    sections = list(
        version.sections.select_related("changed_in").only(
            "version_id",
            "position",
            "anchor",
            "heading",
            "heading_html",
            "html",
            "changed_in__major",
            "changed_in__minor",
            "changed_in__effective_from",
            "changed_in__status",
        )
    )
    changes = {section.changed_in_id for section in sections} | {version.pk}
    cited = list(Reference.objects.filter(version_id__in=changes).order_by("kind", "identifier"))
    regimens = list(Regimen.objects.filter(version=version).select_related("advice"))
    parts = []
    for section in sections:
        parts.append(
            PageSection(
                section=section,
                history=history_of(section, version),
                original=section.changed_in.number == "1.0",
                references=[
                    reference
                    for reference in cited
                    if reference.version_id == section.changed_in_id
                    and section.anchor in reference.sections
                ],
                regimens=[regimen for regimen in regimens if regimen.section == section.anchor],
            )
        )
    placed = {section.anchor for section in sections}
    return Structure(
        sections=parts,
        references=[reference for reference in cited if reference.version_id == version.pk],
        regimens=[regimen for regimen in regimens if regimen.section not in placed],
        contents=_contents(version, sections),
    )
