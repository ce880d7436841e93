"""What changed between two versions' rendered bodies, shown on the document a reader knows.

Both bodies are the stored, sanitised `body_html`. They are compared section by section (each
`##` heading), then block by block within a section (headings, paragraphs, lists and their
items, tables and their rows and cells), then word by word within a changed block. A changed
table cell shows its old and new words in that cell and an added row is a row marked as added,
so a table still reads as a table. Unchanged sections are folded away under their heading.
"""

from difflib import SequenceMatcher
from typing import NamedTuple

from django.utils.safestring import mark_safe

from pathways.diff import blocks, render

# Blocks whose place says which they are: the head or body of a table, the words loose in a
# list item. Two in the same place are one block changed, whatever their words.
STRUCTURAL = {"#text", "thead", "tbody", "tfoot", "caption"}
# Two blocks sharing this much of their words are one block changed, not one removed and
# another added: below it, a word by word diff is harder to read than the two blocks whole.
ALIKE = 0.5
KINDS = {
    "h2": "section heading",
    **dict.fromkeys(["h3", "h4", "h5", "h6"], "heading"),
    "p": "paragraph",
    **dict.fromkeys(["ul", "ol", "dl"], "list"),
    "table": "table",
    "blockquote": "quotation",
    "pre": "preformatted text",
    "hr": "dividing line",
}
OPENING = "Opening text"  # the name of the text before the first section heading
# difflib's time grows with the product of the two lengths. Past this many word pairs (two
# paragraphs of 2,000 words each), a paragraph is shown removed and added whole, and blocks are
# matched on their vocabulary alone: still correct, and in milliseconds, not minutes.
MAX_WORD_PAIRS = 4_000_000


class Change(NamedTuple):
    anchor: str  # the id of the changed block on the page
    description: str  # "table added", "paragraph changed"


class SectionChanges(NamedTuple):
    name: str
    changes: tuple


class DocumentDiff(NamedTuple):
    html: str  # safe HTML of the whole body, changes marked
    sections: tuple  # a SectionChanges for each changed section, in reading order

    @property
    def summary(self):
        """One line for the top of the page: "3 sections changed: Staging, SACT, Follow-up"."""
        if not self.sections:
            return "No changes to the pathway text."
        count = len(self.sections)
        names = ", ".join(section.name for section in self.sections)
        return f"{count} section{'' if count == 1 else 's'} changed: {names}"


def compare_documents(old_html, new_html):
    """Compare two rendered bodies (`PathwayVersion.body_html`, or "" for none) as a
    `DocumentDiff`: the marked-up document and, for each changed section, its changes."""
    differ = _Differ()
    html = differ.document(blocks.sections(old_html), blocks.sections(new_html))
    return DocumentDiff(mark_safe(html), tuple(differ.sections))


def _similar(old, new):
    old_words, new_words = blocks.words(old), blocks.words(new)
    matcher = SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    ratios = [matcher.real_quick_ratio, matcher.quick_ratio]
    if len(old_words) * len(new_words) <= MAX_WORD_PAIRS:
        ratios.append(matcher.ratio)
    return all(ratio() >= ALIKE for ratio in ratios)


def _alike(old, new, *, lone):
    if old.tag != new.tag:
        return False
    if old.tag == "section":  # kept by its heading, or by its text when renamed
        return blocks.heading(old) == blocks.heading(new) or _similar(old, new)
    return lone or old.tag in STRUCTURAL or _similar(old, new)


def _align(old, new, *, positional):
    """Pair the blocks of one changed stretch in reading order; the rest are removed or added.
    Cells of a row pair by position when the row keeps its width, so a column stays a column."""
    if positional and len(old) == len(new):
        yield from zip(old, new)
        return
    lone, start = len(old) == len(new) == 1, 0
    for before in old:
        found = next((i for i in range(start, len(new)) if _alike(before, new[i], lone=lone)), None)
        if found is None:
            yield before, None
            continue
        yield from ((None, added) for added in new[start:found])
        yield before, new[found]
        start = found + 1
    yield from ((None, added) for added in new[start:])


def _pairs(old, new, *, positional=False):
    """(old block or None, new block or None) for two sequences of blocks, in reading order."""
    matcher = SequenceMatcher(a=old, b=new, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            yield from zip(old[a1:a2], new[b1:b2])
        else:
            yield from _align(old[a1:a2], new[b1:b2], positional=positional)


def _match_key(token):
    return token.text.lstrip(" "), token.marks  # a word is the same word wherever it stands


def _word_diff(old, new):
    if len(old) * len(new) > MAX_WORD_PAIRS:
        return render.marked("removed", old) + render.marked("added", new)
    matcher = SequenceMatcher(
        a=[_match_key(t) for t in old], b=[_match_key(t) for t in new], autojunk=False
    )
    parts = []
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(render.words(new[b1:b2]))
            continue
        removed, added = old[a1:a2], new[b1:b2]
        if removed and added and added[0].text.startswith(" "):
            # One space before the old and new words together, as "with CT." -> "with PET-CT."
            added = (added[0]._replace(text=added[0].text[1:]),) + added[1:]
        parts += [render.marked("removed", removed), render.marked("added", added)]
    return "".join(parts)


def _name(section):
    heading = blocks.heading(section)
    return " ".join(blocks.words(heading)) if heading else OPENING


class _Differ:
    """Walks two documents once, numbering the changes it marks so the summary can link to
    each."""

    def __init__(self):
        self.count = 0
        self.sections = []

    def _anchor(self):
        # Capitalised: heading ids are lower case (pathways.markdown), so a page that also
        # shows the version itself, as the review page does, never holds one id twice.
        self.count += 1
        return f"Change-{self.count}"

    def document(self, old_sections, new_sections):
        parts = []
        for old, new in _pairs(old_sections, new_sections):
            if old == new:
                parts.append(render.unchanged_section(new, _name(new)))
            elif old is None or new is None:
                status, section = ("added", new) if old is None else ("removed", old)
                anchor = self._anchor()
                self.sections.append(
                    SectionChanges(_name(section), (Change(anchor, f"section {status}"),))
                )
                parts.append(render.changed_section(section, status, anchor=anchor))
            else:
                changes = []
                inner = "".join(
                    self._section_block(before, after, changes)
                    for before, after in _pairs(old.children, new.children)
                )
                self.sections.append(SectionChanges(_name(new), tuple(changes)))
                parts.append(render.section(inner, "changed"))
        return "".join(parts)

    def _section_block(self, old, new, changes):
        """A block of a changed section: each change here is one the summary links to."""
        if old == new:
            return render.block(new)
        status = "added" if old is None else "removed" if new is None else "changed"
        anchor = self._anchor()
        changes.append(Change(anchor, f"{KINDS.get((new or old).tag, 'text')} {status}"))
        classes = ("portal-diff__change", f"portal-diff__change--{status}")
        if status == "changed":
            return self._changed(old, new, anchor=anchor, classes=classes)
        return render.block(new or old, status, anchor=anchor, classes=classes)

    def _changed(self, old, new, *, anchor=None, classes=("portal-diff__changed",)):
        if new.tag in blocks.LEAF_TAGS or new.tag == "#text":
            inner = _word_diff(old.tokens, new.tokens)
        else:
            inner = "".join(
                self._nested(before, after)
                for before, after in _pairs(old.children, new.children, positional=new.tag == "tr")
            )
        return render.element(new.tag, inner, attrs=new.attrs, classes=classes, anchor=anchor)

    def _nested(self, old, new):
        if old == new:
            return render.block(new)
        if old is None or new is None:
            return render.block(new or old, "added" if old is None else "removed")
        return self._changed(old, new)
