"""The API's documentation is a page like the others: served from the portal's own static
files under the strict CSP, and it works."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_api_docs_render_from_our_own_files_under_the_strict_csp(demo_content, live_url, page):
    refused, elsewhere = [], []
    page.on(
        "console",
        lambda message: (
            refused.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.on(
        "request",
        lambda request: (
            elsewhere.append(request.url)
            if not request.url.startswith(live_url) and not request.url.startswith("data:")
            else None
        ),
    )
    response = page.goto(live_url + "/api/docs/")
    # The directives, whatever order the header lists them in.
    policy = dict(
        directive.strip().split(" ", 1)
        for directive in response.headers["content-security-policy"].split(";")
    )
    assert policy["script-src"] == "'self'" and policy["style-src"] == "'self'"
    assert policy["img-src"] == "'self' data:"
    expect(page.get_by_text("SCN Pathways open API")).to_be_visible()
    expect(page.get_by_text("/api/v1/pathways/{slug}/versions/{number}/")).to_be_visible()
    assert not refused, refused
    assert not elsewhere, elsewhere
