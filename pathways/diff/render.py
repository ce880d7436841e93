"""HTML for blocks and words, safe by construction: every tag and attribute in the output is
written here from the lists below, every attribute value is checked, and every piece of text is
escaped. Nothing from a version's stored HTML is copied through as markup.

Added and removed words are marked with <ins> and <del> for sight, and with visually hidden
"[added: ...]" and "[removed: ...]" for screen readers, which do not announce those elements.
"""

import re

from django.utils.html import escape

from pathways.diff.blocks import BREAK

# Each tag a block or mark may be written as. The page's own headings sit above the document's,
# so the document's h2 sections become h3 and so on. An author's own <ins> and <del> become
# <u> and <s>, so that on a page of changes every <ins> and <del> is a change.
OUTPUT_TAGS = {
    **{tag: tag for tag in ("p", "pre", "hr", "ul", "ol", "li", "blockquote", "dl", "dt", "dd")},
    **{tag: tag for tag in ("table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td")},
    **{tag: tag for tag in ("a", "abbr", "b", "code", "em", "i", "strong", "sub", "sup")},
    **{"h2": "h3", "h3": "h4", "h4": "h5", "h5": "h6", "h6": "h6", "ins": "u", "del": "s"},
}
VOID_TAGS = {"hr", "br"}
# As the sanitiser allows: web and mail links, in-page anchors and links within the portal.
SAFE_HREF = re.compile(r"^(?:https?://|mailto:|#|/|[^:]*$)", re.IGNORECASE)
HIDDEN = '<span class="nhsuk-u-visually-hidden">'
LABELS = {"added": ("ins", "added"), "removed": ("del", "removed")}


def _attributes(tag, attrs):
    safe = []
    for name, value in attrs:
        if (
            (name in {"colspan", "rowspan"} and tag in {"td", "th"} and value.isdigit())
            or (name == "scope" and tag == "th" and value in {"col", "row"})
            or (name == "title" and tag in {"a", "abbr"})
            or (name == "href" and tag == "a" and SAFE_HREF.match(value))
        ):
            safe.append((name, value))
    if tag == "a":
        safe.append(("rel", "noopener noreferrer"))
    return safe


def element(tag, inner="", *, attrs=(), classes=(), anchor=None):
    """One element of a known tag around already safe `inner` HTML."""
    name = OUTPUT_TAGS.get(tag)
    if name is None and anchor:  # words loose in a section still need a place to link to
        name = "div"
    elif name is None:  # "#text", "section" and anything unknown: no element of their own
        return inner
    written = _attributes(tag, attrs)
    if anchor:
        written.insert(0, ("id", anchor))
    if classes:
        written.append(("class", " ".join(classes)))
    opening = "".join(f' {key}="{escape(value)}"' for key, value in written)
    if name in VOID_TAGS:
        return f"<{name}{opening}>"
    return f"<{name}{opening}>{inner}</{name}>"


def words(tokens):
    """Tokens as HTML: runs of words with the same formatting inside one set of its tags."""
    parts, index = [], 0
    while index < len(tokens):
        marks = tokens[index].marks
        end = index
        while end < len(tokens) and tokens[end].marks == marks:
            end += 1
        run = "".join(token.text for token in tokens[index:end])
        if marks and marks[-1] == BREAK:
            html, marks = "<br>" * (end - index), marks[:-1]
        else:
            # A space before a link or emphasis goes outside it, as it came in the source.
            html = escape(run.lstrip(" "))
            parts.append(" " * (len(run) - len(run.lstrip(" "))))
        for tag, attrs in reversed(marks):
            html = element(tag, html, attrs=attrs)
        parts.append(html)
        index = end
    return "".join(parts)


def marked(status, tokens):
    """Tokens inside <ins> or <del>, labelled for screen readers; a leading space stays out."""
    tag, label = LABELS[status]
    leading = " " if tokens and tokens[0].text.startswith(" ") else ""
    if leading:
        tokens = (tokens[0]._replace(text=tokens[0].text[1:]),) + tuple(tokens[1:])
    return (
        f"{leading}<{tag}>{HIDDEN}[{label}: </span>{words(tokens)}{HIDDEN}]</span></{tag}>"
        if tokens
        else ""
    )


def block(item, status=None, *, anchor=None, classes=()):
    """A block as HTML. With `status` "added" or "removed", every word in it is marked so."""
    if status:
        classes = (*classes, f"portal-diff__{status}")
    if item.tokens or not item.children:
        inner = marked(status, item.tokens) if status else words(item.tokens)
    else:
        inner = "".join(block(child, status) for child in item.children)
    return element(item.tag, inner, attrs=item.attrs, classes=classes, anchor=anchor)


def section(inner, status, *, anchor=None):
    """The wrapper of one section of the document."""
    classes = ["portal-diff__section", f"portal-diff__section--{status}"]
    if anchor:  # a whole section added or removed is one change
        classes += ["portal-diff__change", f"portal-diff__change--{status}"]
    written = f' id="{escape(anchor)}"' if anchor else ""
    return f'<div{written} class="{" ".join(classes)}">{inner}</div>'


def changed_section(item, status, *, anchor):
    """A section added or removed whole: every word in it marked."""
    return section("".join(block(child, status) for child in item.children), status, anchor=anchor)


def unchanged_section(item, name):
    """An unchanged section: its heading, and its text folded away, a click or a key to open.
    Folded, it cannot be mistaken for changed text, and the changes are all a reader scrolls."""
    heading = item.children[0] if item.children and item.children[0].tag == "h2" else None
    rest = item.children[1:] if heading else item.children
    folded = ""
    if rest:
        label = (
            "Show the unchanged text"
            f'<span class="nhsuk-u-visually-hidden"> of {escape(name)}</span>'
        )
        folded = (
            '<details class="nhsuk-details"><summary class="nhsuk-details__summary">'
            f'<span class="nhsuk-details__summary-text">{label}</span></summary>'
            f'<div class="nhsuk-details__text">{"".join(block(child) for child in rest)}</div>'
            "</details>"
        )
    return section((block(heading) if heading else "") + folded, "unchanged")
