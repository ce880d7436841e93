"""Hostile text in every field a person can type reaches every page and every feed inert."""

import pytest
from django.urls import reverse

from pathways import services
from tests.inert import assert_inert, feed_as_a_reader_shows_it
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


def assert_every_page_inert(client, urls):
    """Each page as a browser shows it, and each feed as a feed reader shows it."""
    for url in urls:
        response = client.get(url)
        assert response.status_code in (200, 400), url
        if response["Content-Type"].startswith("text/html"):
            assert_inert(response.content.decode())
        elif response["Content-Type"].startswith("application/atom+xml"):
            assert_inert(feed_as_a_reader_shows_it(response.content), portal_page=False)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_hostile_text_in_every_field_is_shown_inert_on_every_page(
    client,
    payload,
    author,
    reviewer,
    second_reviewer,
    lead,
    woscan,
    cancer,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):  # the e-mails, too
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
        f"/pathways/{slug}/feed/",
        reverse("search") + "?q=" + payload[:200].replace("&", "%26").replace("#", "%23"),
        reverse("search") + "?q=Refer",
    ]
    assert_every_page_inert(client, public_pages)
    services.withdraw(actor=lead, pathway=published.pathway, reason=payload)
    assert_every_page_inert(client, public_pages)
    assert mailoutbox, "the review and publication e-mails"
    for message in mailoutbox:  # plain text only: nothing in a mail client can render markup
        assert message.content_subtype == "plain" and not getattr(message, "alternatives", [])
    client.force_login(lead)
    for url in [
        reverse("workspace:dashboard"),
        reverse("workspace:version", args=[published.pk]),
        reverse("workspace:pathway", args=[slug]),
    ]:
        assert_inert(client.get(url).content.decode())
