"""Whether HTML that holds what people typed can run anything: the test used on every page,
feed and e-mail that shows author-written text."""

from html.parser import HTMLParser

DANGEROUS_TAGS = {
    "script",
    "iframe",
    "object",
    "embed",
    "svg",
    "math",
    "base",
    "form",
    "style",
    "link",
}


# Where no markup at all is the portal's own (a feed entry, an e-mail), these are hostile too:
# a password field or a refresh in a feed reader is phishing, not formatting.
FOREIGN_CONTENT_TAGS = DANGEROUS_TAGS | {"input", "textarea", "button", "meta", "frame", "applet"}


class _ScriptFinder(HTMLParser):
    def __init__(self, dangerous_tags):
        super().__init__(convert_charrefs=True)
        self.dangerous_tags = dangerous_tags
        self.dangerous, self.handlers, self.bad_links = [], [], []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag in self.dangerous_tags:
            self.dangerous.append((tag, attributes))
        for name, value in attrs:
            if name.startswith("on"):
                self.handlers.append((tag, name))
            if name in {"href", "src", "action"} and (value or "").strip().lower().startswith(
                ("javascript:", "data:", "vbscript:")
            ):
                self.bad_links.append((tag, value))


def _is_the_portals_own(tag, attributes):
    """The layout's own script, stylesheets and forms: nothing a person typed."""
    if tag == "script":
        return attributes.get("type") == "module" and attributes.get("src", "").startswith(
            "/static/js/portal."
        )
    if tag == "link":
        href = attributes.get("href", "")
        # Stylesheets and preloads from /static/; the web app manifest (public_site/app_views.py).
        return href.startswith("/static/") or (
            attributes.get("rel") == "manifest" and href == "/manifest.webmanifest"
        )
    if tag == "form":
        return attributes.get("action", "").startswith("/") or "action" not in attributes
    if tag == "svg":  # the NHS logo, the header's account icon, a printed copy's QR code
        return attributes.get("class") in {
            "nhsuk-header__logo",
            "nhsuk-icon nhsuk-icon--user",
            "segno",
        }
    return False


def assert_inert(html, *, portal_page=True):
    """Nothing in `html` can run, load or submit anything. On a portal page the layout's own
    script, stylesheets and forms are allowed; elsewhere (`portal_page=False`) nothing is."""
    finder = _ScriptFinder(DANGEROUS_TAGS if portal_page else FOREIGN_CONTENT_TAGS)
    finder.feed(html)
    allowed = _is_the_portals_own if portal_page else lambda tag, attributes: False
    assert [d for d in finder.dangerous if not allowed(*d)] == []
    assert finder.handlers == []
    assert finder.bad_links == []


ATOM = "{http://www.w3.org/2005/Atom}"
TEXT_CONSTRUCTS = ["title", "subtitle", "summary", "content", "rights"]


def feed_as_a_reader_shows_it(xml):
    """The HTML a feed reader makes of an Atom feed: each text construct as its `type` says
    (`html`: the decoded text is markup; `text`, the default: shown as words), and each link."""
    from html import escape
    from xml.etree import ElementTree

    root = ElementTree.fromstring(xml)
    assert root.tag == f"{ATOM}feed", "not an Atom feed"
    shown = []
    for element in root.iter():
        name = element.tag.removeprefix(ATOM)
        if name in TEXT_CONSTRUCTS:
            kind = element.get("type", "text")
            if kind == "html":
                shown.append(element.text or "")
            elif kind == "xhtml":
                shown.append(ElementTree.tostring(element, encoding="unicode"))
            else:
                shown.append(escape(element.text or ""))
        elif name == "link":
            shown.append(f'<a href="{escape(element.get("href", ""))}">link</a>')
    return "\n".join(shown)
