"""What changed between two texts: paragraph by paragraph, word by word within a paragraph.

Differences are marked with <ins> and <del> for sight, and with visually hidden words for
screen readers, which do not announce those elements by default. Every piece of text is
escaped here: the result is safe to insert into a page.
"""

import re
from difflib import SequenceMatcher

from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
WORD = re.compile(r"\S+|\s+")


def _paragraphs(text):
    return [
        block.strip()
        for block in PARAGRAPH_BREAK.split(text.replace("\r\n", "\n"))
        if block.strip()
    ]


def _mark(tag, label, text):
    return format_html(
        '<{tag}><span class="nhsuk-u-visually-hidden">[{label}: </span>{text}'
        '<span class="nhsuk-u-visually-hidden">]</span></{tag}>',
        tag=mark_safe(tag),
        label=label,
        text=text,
    )


def _words(old, new):
    old_words, new_words = WORD.findall(old), WORD.findall(new)
    parts = []
    matcher = SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(escape("".join(old_words[a1:a2])))
            continue
        if op in ("delete", "replace"):
            parts.append(_mark("del", "removed", "".join(old_words[a1:a2])))
        if op in ("insert", "replace"):
            parts.append(_mark("ins", "added", "".join(new_words[b1:b2])))
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
            {"status": "removed", "html": _mark("del", "removed", text)}
            for text in removed[paired:]
        ]
        blocks += [
            {"status": "added", "html": _mark("ins", "added", text)} for text in added[paired:]
        ]
    return blocks


def has_changes(blocks):
    return any(block["status"] != "unchanged" for block in blocks)
