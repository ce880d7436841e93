"""Hostile text in every field a person can type reaches every page inert."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from pathways import services
from tests.lifecycle import BODY, write
from tests.pathways.hostile_markdown import HOSTILE_MARKDOWN

pytestmark = pytest.mark.django_db

# A few more from the OWASP XSS filter evasion cheat sheet, aimed at attribute and text contexts.
EXTRA = [
    '"><script>alert(1)</script>',
    "'><img src=x onerror=alert(1)>",
    "</textarea><script>alert(1)</script>",
    "</title><script>alert(1)</script>",
    '" onfocus="alert(1)" autofocus="',
    "{{ request }}{% debug %}",
]
PAYLOADS = HOSTILE_MARKDOWN + EXTRA


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


class _ScriptFinder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.dangerous, self.handlers, self.bad_links = [], [], []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag in DANGEROUS_TAGS:
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
        return attributes.get("href", "").startswith("/static/")
    if tag == "form":
        return attributes.get("action", "").startswith("/") or "action" not in attributes
    if tag == "svg":
        return attributes.get("class") == "nhsuk-header__logo"
    return False


def assert_inert(html):
    finder = _ScriptFinder()
    finder.feed(html)
    assert [d for d in finder.dangerous if not _is_the_portals_own(*d)] == []
    assert finder.handlers == []
    assert finder.bad_links == []


@pytest.mark.parametrize("payload", PAYLOADS)
def test_hostile_text_in_every_field_is_shown_inert_on_every_page(
    client, payload, author, reviewer, second_reviewer, lead, woscan, cancer
):
    version = services.create_pathway(
        actor=author, network=woscan, cancer_type=cancer, title=payload[:200]
    )
    version = write(
        author, version, title=payload[:200], summary=payload, body=BODY + "\n" + payload
    )
    services.submit(actor=author, version=version, change_type="major", change_note=payload)
    services.request_changes(actor=reviewer, version=version, comment=payload)
    version = write(
        author,
        version,
        title=payload[:200],
        summary=payload,
        body=BODY + "\n\n" + payload + " revised",
    )
    version = services.submit(
        actor=author, version=version, change_type="major", change_note=payload
    )
    services.approve(actor=reviewer, version=version, comment=payload)
    services.approve(actor=second_reviewer, version=version, comment=payload)
    published = services.publish(actor=lead, version=version)
    slug = published.pathway.slug
    minor = services.start_new_version(actor=author, pathway=published.pathway)
    minor = write(
        author,
        minor,
        title=payload[:200],
        summary=payload + " again",
        body=BODY + "\n\n" + payload + " again",
    )
    minor = services.submit(actor=author, version=minor, change_type="minor", change_note=payload)
    services.publish(actor=lead, version=services.approve(actor=reviewer, version=minor))
    public_pages = [
        "/",
        "/pathways/",
        f"/pathways/{slug}/",
        f"/pathways/{slug}/versions/",
        f"/pathways/{slug}/versions/1.0/",
        f"/pathways/{slug}/compare/?from=1.0&to=1.1",
        "/feeds/",
        reverse("search") + "?q=" + payload[:200].replace("&", "%26").replace("#", "%23"),
        reverse("search") + "?q=Refer",
    ]
    for url in public_pages:
        response = client.get(url)
        assert response.status_code in (200, 400), url
        if response["Content-Type"].startswith("text/html"):
            assert_inert(response.content.decode())
    client.force_login(lead)
    for url in [
        reverse("workspace:dashboard"),
        reverse("workspace:version", args=[published.pk]),
        reverse("workspace:pathway", args=[slug]),
    ]:
        assert_inert(client.get(url).content.decode())
