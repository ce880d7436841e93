"""What changed between two plain texts (a summary): paragraph by paragraph, word by word
within a paragraph, marked as render.marked marks every change. The result is safe to insert
into a page: every piece of text is escaped."""

import re
from difflib import SequenceMatcher

from django.utils.html import escape
from django.utils.safestring import mark_safe

from pathways.diff.blocks import Token
from pathways.diff.render import marked

PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
WORD = re.compile(r"\S+|\s+")


def _paragraphs(text):
    return [
        block.strip()
        for block in PARAGRAPH_BREAK.split(text.replace("\r\n", "\n"))
        if block.strip()
    ]


def _mark(status, text):
    return mark_safe(marked(status, (Token(text),)))


def _words(old, new):
    old_words, new_words = WORD.findall(old), WORD.findall(new)
    parts = []
    matcher = SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(escape("".join(old_words[a1:a2])))
            continue
        if op in ("delete", "replace"):
            parts.append(_mark("removed", "".join(old_words[a1:a2])))
        if op in ("insert", "replace"):
            parts.append(_mark("added", "".join(new_words[b1:b2])))
    return mark_safe("".join(parts))


def compare(old, new):
    """A list of blocks {"status": unchanged|added|removed|changed, "html": safe HTML}."""
    old_blocks, new_blocks = _paragraphs(old), _paragraphs(new)
    blocks = []
    matcher = SequenceMatcher(a=old_blocks, b=new_blocks, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            blocks += [{"status": "unchanged", "html": escape(text)} for text in old_blocks[a1:a2]]
            continue
        removed, added = old_blocks[a1:a2], new_blocks[b1:b2]
        paired = min(len(removed), len(added)) if op == "replace" else 0
        for before, after in zip(removed[:paired], added[:paired]):
            blocks.append({"status": "changed", "html": _words(before, after)})
        blocks += [
            {"status": "removed", "html": _mark("removed", text)} for text in removed[paired:]
        ]
        blocks += [{"status": "added", "html": _mark("added", text)} for text in added[paired:]]
    return blocks


def has_changes(blocks):
    """Whether any block of a `compare` result is other than unchanged."""
    return any(block["status"] != "unchanged" for block in blocks)
