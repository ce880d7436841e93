"""Markdown to safe HTML: the one place that decides what a pathway body may contain.

Rendering happens once, when a version's content is set; pages serve the stored result.
Python-Markdown does the conversion (tables, heading anchors); bleach then keeps only the
allowlist below, so raw HTML typed into the Markdown can never add script, styles, frames,
forms, event handlers or links other than http, https, mailto and in-page anchors.
`plain_text` then reads the text a reader sees out of that HTML, for search.
"""

import re
from html import unescape
from html.parser import HTMLParser

import bleach
import markdown
from bleach.html5lib_shim import Filter
from django.utils.text import slugify

ALLOWED_TAGS = frozenset(
    {
        "a",
        "abbr",
        "b",
        "blockquote",
        "br",
        "caption",
        "code",
        "dd",
        "del",
        "dl",
        "dt",
        "em",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "i",
        "ins",
        "li",
        "ol",
        "p",
        "pre",
        "strong",
        "sub",
        "sup",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
    }
)
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})
HEADING_TAGS = {"h2", "h3", "h4", "h5", "h6"}
# Anchors are made by the renderer from heading text: lower-case words and hyphens only, so a
# typed id can never shadow a property of the page's `document` (DOM clobbering).
ANCHOR_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]{0,90}$")
LEVEL_ONE_HEADING = re.compile(r"<(/?)h1\b")
CONTENTS_LEVELS = (2, 3)


def _allowed_attribute(tag, name, value):
    if tag == "a" and name in {"href", "title"}:
        return True
    if tag in HEADING_TAGS and name == "id":
        return bool(ANCHOR_PATTERN.match(value))
    if tag in {"td", "th"} and name in {"colspan", "rowspan"}:
        return value.isdigit()
    if tag == "th" and name == "scope":
        return value in {"col", "row"}
    if tag == "abbr" and name == "title":
        return True
    return False


class _SafeLinks(Filter):
    """Every remaining link opens nothing that can reach back into the portal."""

    def __iter__(self):
        for token in super().__iter__():
            if token["type"] == "StartTag" and token["name"] == "a":
                attributes = {
                    key: value for key, value in token["data"].items() if key != (None, "rel")
                }
                attributes[(None, "rel")] = "noopener noreferrer"
                token["data"] = attributes
            yield token


_cleaner = bleach.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=_allowed_attribute,
    protocols=ALLOWED_PROTOCOLS,
    strip=True,
    strip_comments=True,
    filters=[_SafeLinks],
)


def _anchor(text, separator):
    return slugify(text)[:80].strip("-") or "section"


def render(source):
    """Return (sanitised HTML, contents) for a Markdown body.

    The contents list holds the level 2 and 3 headings as dicts of `id`, `text` and `level`,
    so a page can link to each section. Sections start at `##`; a `#` heading is demoted to
    h2 as well, because the page's only h1 is the pathway's title.
    """
    converter = markdown.Markdown(
        extensions=["tables", "sane_lists", "toc"],
        extension_configs={"toc": {"slugify": _anchor, "permalink": False}},
        output_format="html",
    )
    html = _cleaner.clean(LEVEL_ONE_HEADING.sub(r"<\1h2", converter.convert(source)))
    contents = []

    def collect(tokens):
        for token in tokens:
            level = max(token["level"], 2)
            if level in CONTENTS_LEVELS and ANCHOR_PATTERN.match(token["id"]):
                contents.append(
                    {"id": token["id"], "text": unescape(token["name"]), "level": level}
                )
            collect(token["children"])

    collect(converter.toc_tokens)
    return html, contents


# Elements that end a line of text: every other tag sits inside a line ("<em>", "<a>").
_LINE_BREAKING = {
    "blockquote",
    "br",
    "caption",
    "dd",
    "dl",
    "dt",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "li",
    "ol",
    "p",
    "pre",
    "table",
    "td",
    "th",
    "tr",
    "ul",
}


class _TextCollector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.lines, self.line = [], []

    def handle_starttag(self, tag, attrs):
        if tag in _LINE_BREAKING:
            self.end_line()

    def handle_endtag(self, tag):
        if tag in _LINE_BREAKING:
            self.end_line()

    def handle_data(self, data):
        self.line.append(data)

    def end_line(self):
        text = " ".join("".join(self.line).split())
        if text:
            self.lines.append(text)
        self.line = []


def plain_text(html):
    """The readable text of rendered `html` (from `render`), as a reader sees it: no Markdown
    or HTML syntax, entities decoded, a line per heading, paragraph, list item or table cell.

    Search cuts its snippets from this text and learns its vocabulary from it, so neither
    shows nor offers "##", "|---|" or a link's address.
    """
    collector = _TextCollector()
    collector.feed(html)
    collector.close()
    collector.end_line()  # text after the last block
    return "\n".join(collector.lines)
