"""A version's text as a sequence of sections, each under one `##` heading, with an anchor that
outlives the version.

A reader links to "#staging" of a pathway and expects the link to land on staging next year,
however the heading is reworded. So a section inherits its anchor from the section of the
version it was started from (`based_on`) that it continues: one with the same heading, else the
most alike by heading or by text. A section whose text is unchanged also inherits the version
it last changed in, which is what the public page shows ("Updated in version 1.1").

Sections are cut from the rendered HTML, not the Markdown, so they are exactly what the reader
sees: a `##` inside a quotation or a list is not a section, a setext heading is.
"""

import hashlib
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from html.parser import HTMLParser

from django.utils.html import escape
from django.utils.text import slugify

from pathways import markdown

# Text before the first heading, when there is any: a section without a heading.
INTRODUCTION = "introduction"
# How alike a reworded heading, or a section's text, must be to continue an earlier section.
SAME_HEADING, SAME_TEXT = 0.6, 0.7
_VOID = {"br", "hr", "img", "input", "meta", "link", "col", "wbr"}


@dataclass
class Part:
    """A section before it is stored: `changed_in` is None while it is new in this version."""

    anchor: str
    heading: str
    heading_html: str
    html: str
    text: str
    digest: str
    changed_in: int | None = None
    subheadings: list = field(default_factory=list)


class _TopLevelHeadings(HTMLParser):
    """Finds where each top-level `<h2>` starts and ends in rendered HTML."""

    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.depth, self.found, self.open_heading = 0, [], None

    def handle_starttag(self, tag, attrs):
        if tag in _VOID:
            return
        if tag == "h2" and self.depth == 0:
            self.open_heading = {"start": self.getpos(), "id": dict(attrs).get("id")}
        self.depth += 1

    def handle_startendtag(self, tag, attrs):
        pass

    def handle_endtag(self, tag):
        if tag in _VOID:
            return
        self.depth -= 1
        if tag == "h2" and self.depth == 0 and self.open_heading:
            self.open_heading["end"] = self.getpos()
            self.found.append(self.open_heading)
            self.open_heading = None


def _offsets(html):
    starts, total = [], 0
    for line in html.splitlines(keepends=True):
        starts.append(total)
        total += len(line)
    return lambda position: starts[position[0] - 1] + position[1] if starts else 0


def digest(heading, text):
    return hashlib.sha256(f"{heading}\n{text}".encode()).hexdigest()


def split(html):
    """The sections of rendered `html` (from `markdown.render`), anchors not yet assigned: each
    Part's `anchor` is the id the renderer gave its heading."""
    parser = _TopLevelHeadings()
    parser.feed(html)
    parser.close()
    offset = _offsets(html)
    bounds = [(offset(h["start"]), offset(h["end"]) + len("</h2>"), h["id"]) for h in parser.found]
    parts = []
    preamble = html[: bounds[0][0]] if bounds else html
    if preamble.strip():
        parts.append(_part(INTRODUCTION, "", preamble))
    for index, (start, end, renderer_id) in enumerate(bounds):
        following = bounds[index + 1][0] if index + 1 < len(bounds) else len(html)
        heading_html = html[start:end]
        heading_html = heading_html[heading_html.index(">") + 1 : -len("</h2>")]
        parts.append(_part(renderer_id or "", heading_html, html[end:following]))
    return parts


def _part(anchor, heading_html, html):
    heading = " ".join(markdown.plain_text(heading_html).split())
    text = markdown.plain_text(html)
    return Part(
        anchor=anchor,
        heading=heading,
        heading_html=heading_html,
        html=html.strip(),
        text=text,
        digest=digest(heading, text),
    )


def _similarity(a, b):
    return SequenceMatcher(None, a, b, autojunk=False).ratio() if a and b else 0.0


def _unique(anchor, taken):
    base = anchor if markdown.ANCHOR_PATTERN.match(anchor) else "section"
    candidate, number = base, 1
    while candidate in taken:
        number += 1
        candidate = f"{base[:80]}-{number}"
    return candidate


def continue_from(parts, earlier, reserved=()):
    """Give each of `parts` its anchor and `changed_in`, continuing the `earlier` version's
    sections (objects with anchor, heading, text, digest and changed_in_id). `reserved` are ids
    the page already uses for other elements (sub-headings). Changes `parts` in place."""
    # An earlier anchor now used by a sub-heading would be a second element with that id.
    unmatched = [old for old in earlier if old.anchor not in reserved]
    matches = {}
    # First, the same heading; then the most alike remaining section by heading or by text.
    for index, part in enumerate(parts):
        same = next((old for old in unmatched if old.heading == part.heading), None)
        if same:
            matches[index] = same
            unmatched.remove(same)
    for index, part in enumerate(parts):
        if index in matches or not part.heading:
            continue
        scored = [
            (
                max(
                    _similarity(old.heading.lower(), part.heading.lower()) / SAME_HEADING,
                    _similarity(old.text, part.text) / SAME_TEXT,
                ),
                old,
            )
            for old in unmatched
            if old.heading
        ]
        best = max(scored, key=lambda pair: pair[0], default=(0, None))
        if best[0] >= 1:
            matches[index] = best[1]
            unmatched.remove(best[1])
    taken = set(reserved)
    for index, old in matches.items():
        part = parts[index]
        part.anchor = old.anchor
        part.changed_in = old.changed_in_id if old.digest == part.digest else None
        taken.add(part.anchor)
    for index, part in enumerate(parts):
        if index not in matches:
            wanted = part.anchor if part.heading else INTRODUCTION
            part.anchor = _unique(wanted or slugify(part.heading)[:80], taken)
            taken.add(part.anchor)
    return parts


def sectioned(html, contents, earlier=()):
    """Split rendered `html` into sections continuing `earlier` ones; returns (html with each
    section heading's id set to its anchor, contents with the same ids, parts)."""
    parts = split(html)
    section_ids = [part.anchor for part in parts if part.heading]
    other_ids = {entry["id"] for entry in contents} - set(section_ids)
    continue_from(parts, earlier, reserved=other_ids)
    renamed = dict(zip(section_ids, (part.anchor for part in parts if part.heading)))
    pieces = []
    for part in parts:
        if part.heading:
            pieces.append(f'<h2 id="{escape(part.anchor)}">{part.heading_html}</h2>')
        pieces.append(part.html)
    contents = [
        {**entry, "id": renamed.get(entry["id"], entry["id"])} if entry["level"] == 2 else entry
        for entry in contents
    ]
    return "\n".join(pieces), contents, parts
