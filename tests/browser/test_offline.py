"""A reader keeps the pathways they open for reading offline, and is never misled by a kept copy:
offline it says it is a saved copy and when it was saved; online the portal's answer is always
what shows, and it replaces or removes the kept copy (static/js/sw.js)."""

import re

import pytest
from playwright.sync_api import expect

from pathways import services
from public_site import caching
from tests.browser.conftest import assert_no_sideways_scroll
from tests.lifecycle import BODY, publish_change, publish_pathway

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SAVED_COPY = re.compile(
    r"^Saved copy from \d{1,2} [A-Z][a-z]+ \d{4} at \d{2}:\d{2}\. "
    r"It may not be current: connect to check\.$"
)
NEW_BODY = "## Referral\n\nRefer urgently.\n\n## Staging\n\nStage with PET-CT.\n"


@pytest.fixture
def pathway(reference_data, team, woscan):
    return publish_pathway(team, woscan, "Ovarian cancer", body=BODY, cancer="ovarian")


def banner(page):
    return page.locator("main [data-offline-copy]")


def keep(page, url):
    """Open `url` with the service worker in control, so that the page is kept."""
    page.goto(url)
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.wait_for_function("navigator.serviceWorker.controller !== null")
    page.reload()  # the first load came from before the worker: this one it keeps
    assert page.evaluate(
        "caches.open('scn-pages-v1').then((cache) => cache.match(location.href))"
        ".then((kept) => kept ? kept.headers.get('X-SCN-Saved-At') : null)"
    ), f"{url} was not kept"
    expect(banner(page)).to_have_count(0)


def expect_saved_copy(page):
    expect(banner(page)).to_be_visible()
    expect(banner(page).locator("p")).to_have_text(SAVED_COPY)
    # At the top of the main content, before the page's own heading.
    assert page.evaluate(
        "document.querySelector('main').firstElementChild.matches('[data-offline-copy]')"
    )
    assert_no_sideways_scroll(page)


def test_a_kept_pathway_reads_offline_as_a_saved_copy_and_a_new_version_replaces_it(
    live_url, page, pathway, team
):
    context = page.context
    url = f"{live_url}/pathways/{pathway.pathway.slug}/"
    keep(page, url)
    expect(page.get_by_text("Stage with CT.")).to_be_visible()

    context.set_offline(True)
    page.reload()
    expect_saved_copy(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Ovarian cancer")
    expect(page.get_by_text("Stage with CT.")).to_be_visible()

    # While this reader is offline, the network publishes version 2.0.
    publish_change(pathway, **team, body=NEW_BODY)

    context.set_offline(False)
    page.reload()
    expect(page.get_by_text("Stage with PET-CT.")).to_be_visible()
    expect(page.get_by_text("Stage with CT.")).to_have_count(0)
    expect(page.get_by_text("2.0 (current)")).to_be_visible()
    expect(banner(page)).to_have_count(0)

    context.set_offline(True)
    page.reload()
    expect_saved_copy(page)
    expect(page.get_by_text("Stage with PET-CT.")).to_be_visible()
    expect(page.get_by_text("Stage with CT.")).to_have_count(0)
    context.set_offline(False)


def test_a_kept_version_superseded_or_withdrawn_online_is_kept_as_such(
    live_url, page, pathway, team
):
    """A version page kept while current says "superseded" once it is, and its pathway page
    the withdrawal once withdrawn: online and in the saved copy alike."""
    context = page.context
    slug = pathway.pathway.slug
    version_url = f"{live_url}/pathways/{slug}/versions/1.0/"
    pathway_url = f"{live_url}/pathways/{slug}/"
    keep(page, version_url)
    keep(page, pathway_url)
    expect(page.get_by_text("This version has been superseded")).to_have_count(0)

    publish_change(pathway, **team, body=NEW_BODY)
    page.goto(version_url)
    expect(page.get_by_text("This version has been superseded")).to_be_visible()
    services.withdraw(actor=team["lead"], pathway=pathway.pathway, reason="Replaced nationally.")
    page.goto(pathway_url)
    expect(page.get_by_text("This pathway has been withdrawn")).to_be_visible()

    context.set_offline(True)
    page.goto(version_url)
    expect_saved_copy(page)
    expect(page.get_by_text("This version has been superseded")).to_be_visible()
    page.goto(pathway_url)
    expect_saved_copy(page)
    expect(page.get_by_text("This pathway has been withdrawn")).to_be_visible()
    expect(page.get_by_role("heading", name="Staging")).to_have_count(0)
    context.set_offline(False)


def test_an_unchanged_kept_page_is_confirmed_with_a_304_and_shows_as_the_portals(
    live_url, page, pathway, monkeypatch
):
    answers = []
    respond = caching.respond

    def recording(request, render_page):
        response = respond(request, render_page)
        answers.append((request.headers.get("If-None-Match"), response.status_code))
        return response

    monkeypatch.setattr(caching, "respond", recording)
    keep(page, f"{live_url}/pathways/{pathway.pathway.slug}/")
    saved_at = page.evaluate(
        "caches.open('scn-pages-v1').then((cache) => cache.match(location.href))"
        ".then((kept) => kept.headers.get('X-SCN-Saved-At'))"
    )
    answers.clear()
    page.reload()
    expect(page.get_by_text("Stage with CT.")).to_be_visible()
    expect(banner(page)).to_have_count(0)
    [(validator, status)] = answers
    assert validator and status == 304
    confirmed_at = page.evaluate(
        "caches.open('scn-pages-v1').then((cache) => cache.match(location.href))"
        ".then((kept) => kept.headers.get('X-SCN-Saved-At'))"
    )
    assert confirmed_at > saved_at  # the saved copy is as of the portal's latest word


def test_the_portal_is_installable(live_url, page, pathway):
    page.goto(live_url + "/")
    manifest = page.evaluate(
        "fetch(document.querySelector('link[rel=manifest]').href).then((r) => r.json())"
    )
    assert manifest["name"] == "SCN Pathways"
    for icon in manifest["icons"]:
        assert page.request.get(live_url + icon["src"]).ok, icon["src"]
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    scope = page.evaluate("navigator.serviceWorker.ready.then((r) => r.scope)")
    assert scope == live_url + "/"
