"""A version's rendered body as a tree of blocks: the units in which a reader sees a change.

The input is `PathwayVersion.body_html`, sanitised when the version was saved; this module only
reads its structure and never returns markup. Sections start at each h2. Inside one, a block
is either a leaf holding words (a heading, paragraph, preformatted text, rule, or "#text": words
loose in a list item or table cell) or a container holding blocks (a list, list item, table,
row, cell, quotation). Words keep their inline formatting (emphasis, code, links) as marks, so
a change of formatting is a change, and the diff can show the words as they were formatted.
"""

import re
from html.parser import HTMLParser
from typing import NamedTuple

LEAF_TAGS = frozenset({"h2", "h3", "h4", "h5", "h6", "p", "pre", "hr"})
CONTAINER_TAGS = frozenset(
    {"ul", "ol", "li", "blockquote", "dl", "dt", "dd"}
    | {"table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td"}
)
INLINE_TAGS = frozenset(
    {"a", "abbr", "b", "br", "code", "del", "em", "i", "ins", "strong", "sub", "sup"}
)
VOID_TAGS = frozenset({"br", "hr"})
# The attributes that mean something to a reader. Heading ids do not: the diff makes its own
# anchors, and a renamed heading is already a change of its words.
KEPT_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
}
BREAK = ("br", ())
PIECES = re.compile(r"\s+|\S+")


class Token(NamedTuple):
    """A word with the space before it (" " or "", verbatim in preformatted text) and the inline
    elements around it, outermost first, as (tag, attributes) pairs. A line break is a token
    with no text whose innermost mark is BREAK."""

    text: str
    marks: tuple = ()


class Block(NamedTuple):
    """A leaf (`tokens`) or a container (`children`). Blocks are hashable and compare equal
    exactly when a reader would see the same thing, so difflib can match them."""

    tag: str
    attrs: tuple = ()
    tokens: tuple = ()
    children: tuple = ()


class _Element:
    def __init__(self, tag, attrs):
        self.tag, self.children = tag, []
        kept = KEPT_ATTRIBUTES.get(tag, ())
        self.attrs = tuple(sorted((k, v or "") for k, v in attrs if k in kept))


class _TreeBuilder(HTMLParser):
    """The elements this module knows, nested as in the document. Any other tag is dropped and
    its text kept; the sanitiser allows none, so this only matters to a corrupt row."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = _Element("#root", ())
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        if tag not in LEAF_TAGS | CONTAINER_TAGS | INLINE_TAGS:
            return
        element = _Element(tag, attrs)
        self.stack[-1].children.append(element)
        if tag not in VOID_TAGS:
            self.stack.append(element)

    def handle_endtag(self, tag):
        open_tags = [element.tag for element in self.stack]
        if tag in open_tags[1:]:
            del self.stack[len(open_tags) - 1 - open_tags[::-1].index(tag) :]

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def _tokens(nodes, *, preformatted=False):
    tokens, space = [], ""

    def walk(nodes, marks):
        nonlocal space
        for node in nodes:
            if isinstance(node, _Element):
                if node.tag == "br":
                    tokens.append(Token("", marks + (BREAK,)))
                    space = ""
                else:
                    inline = node.tag in INLINE_TAGS
                    walk(node.children, marks + ((node.tag, node.attrs),) if inline else marks)
                continue
            for piece in PIECES.findall(node):
                if piece.isspace():
                    space += piece
                    continue
                if not preformatted:  # HTML shows any run of white space as one space
                    line_start = not tokens or tokens[-1].marks[-1:] == (BREAK,)
                    space = " " if space and not line_start else ""
                tokens.append(Token(space + piece, marks))
                space = ""

    walk(nodes, ())
    return tuple(tokens)


def _blocks(nodes):
    blocks, loose = [], []

    def flush():
        tokens = _tokens(loose)
        if tokens:
            blocks.append(Block("#text", tokens=tokens))
        loose.clear()

    for node in nodes:
        if isinstance(node, str) or node.tag in INLINE_TAGS:
            loose.append(node)
            continue
        flush()
        if node.tag in LEAF_TAGS:
            tokens = _tokens(node.children, preformatted=node.tag == "pre")
            blocks.append(Block(node.tag, node.attrs, tokens=tokens))
        else:
            blocks.append(Block(node.tag, node.attrs, children=tuple(_blocks(node.children))))
    flush()
    return blocks


def sections(html):
    """The blocks of a rendered body, grouped into `Block("section")`s: each starts with its h2,
    except the text before the first h2, if any, which has no heading."""
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    grouped, current = [], []
    for block in _blocks(builder.root.children):
        if block.tag == "h2" and current:
            grouped.append(Block("section", children=tuple(current)))
            current = []
        current.append(block)
    if current:
        grouped.append(Block("section", children=tuple(current)))
    return grouped


def heading(section):
    """A section's h2 block, or None for the text before the first heading."""
    first = section.children[0] if section.children else None
    return first if first is not None and first.tag == "h2" else None


def words(block):
    """The words a reader sees in a block, without spaces or formatting."""
    if block.tokens:
        return [token.text.strip() for token in block.tokens if token.text.strip()]
    return [word for child in block.children for word in words(child)]
