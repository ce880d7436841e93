"""An anonymous clinician on the demo content: find, read, check history, compare, and never
mistake superseded or withdrawn text for current guidance."""

import json
import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_no_sideways_scroll, axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGE_TYPES = {
    "home": "/",
    "pathway list": "/pathways/",
    "filtered list": "/pathways/?network=woscan&sort=newest",
    "pathway": "/pathways/ovarian-cancer/",
    "version history": "/pathways/ovarian-cancer/versions/",
    "superseded version": "/pathways/ovarian-cancer/versions/1.0/",
    "compare": "/pathways/ovarian-cancer/compare/?from=1.0&to=2.0",
    "as at a date": "/pathways/ovarian-cancer/as-at/2024-01-15/",
    "as at a date before it existed": "/pathways/ovarian-cancer/as-at/2022-01-15/",
    "medicines": "/medicines/",
    "medicine": "/medicines/pembrolizumab/",
    "medicine no pathway names": "/medicines/no-such-medicine/",
    "search for a medicine": "/search/?q=pembrolizumab",
    "verify form": "/verify/",
    "verify unknown": "/verify/000000000000/",
    "search results": "/search/?q=staging",
    "search suggestion": "/search/?q=ovarain",
    "withdrawn pathway": "/pathways/lymphoma/",
    "bad request": "/pathways/ovarian-cancer/compare/?from=x",
    "not found": "/pathways/no-such-pathway/",
}


def test_search_with_a_misspelling_then_read_history_and_compare(demo_content, live_url, page):
    page.goto(live_url + "/")
    page.get_by_label("Search pathways").fill("ovarain cancr")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_text("Showing results for ovarian cancer.")).to_be_visible()
    expect(page.get_by_role("link", name="Search instead for ovarain cancr")).to_be_visible()
    page.get_by_role("link", name="Ovarian cancer", exact=True).click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Ovarian cancer")
    expect(page.get_by_text("2.0 (current)")).to_be_visible()
    expect(page.get_by_role("heading", name="Staging")).to_be_visible()

    page.get_by_role("link", name="All versions of this pathway").click()
    page.get_by_role("link", name="Version 1.0").click()
    expect(page.get_by_text("This version has been superseded")).to_be_visible()
    page.get_by_role("link", name="Read the current version (2.0)").click()
    expect(page.get_by_text("2.0 (current)")).to_be_visible()

    page.get_by_role("link", name="What changed since version 1.1").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "What changed from version 1.1 to 2.0"
    )
    inserted = page.locator("ins", has_text="BRCA mutation")
    expect(inserted).to_be_visible()
    assert "[added:" in inserted.text_content()  # announced to screen readers


def test_a_withdrawn_pathway_shows_its_notice_not_its_guidance(demo_content, live_url, page):
    page.goto(live_url + "/pathways/lymphoma/")
    expect(page.get_by_text("This pathway has been withdrawn")).to_be_visible()
    expect(
        page.get_by_text(re.compile("Replaced by the Diffuse large B-cell lymphoma pathway"))
    ).to_be_visible()
    expect(page.get_by_role("heading", name="Staging")).to_have_count(0)


def test_every_public_page_type_passes_axe_and_fits_the_screen(demo_content, live_url, page):
    problems = {}
    for name, path in PAGE_TYPES.items():
        page.goto(live_url + path)
        found = axe_violations(page)
        if found:
            problems[name] = found
        assert_no_sideways_scroll(page)
    assert not problems, f"at {page.viewport_name}:\n{json.dumps(problems, indent=1)}"


def test_keyboard_focus_is_visible_and_headings_are_in_order(demo_content, live_url, page):
    page.goto(live_url + "/pathways/ovarian-cancer/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Skip to main content"
    outline = page.evaluate(
        "getComputedStyle(document.activeElement).outlineStyle + ' ' + "
        "getComputedStyle(document.activeElement).boxShadow"
    )
    assert outline.strip() not in ("none none", "none")
    levels = page.evaluate(
        "[...document.querySelectorAll('main h1, main h2, main h3')].map(h => +h.tagName[1])"
    )
    assert levels[0] == 1
    assert all(later - earlier <= 1 for earlier, later in zip(levels, levels[1:])), levels


def test_the_pathway_prints_as_a_clean_document(demo_content, live_url, page):
    page.goto(live_url + "/pathways/ovarian-cancer/")
    page.emulate_media(media="print")
    assert page.locator("header.nhsuk-header").is_hidden()
    assert page.locator("nav[aria-label='Pathway contents']").is_hidden()
    for fact in ["Version", "Published", "Next review due", "Owned by", "Permanent address"]:
        expect(page.locator("dt", has_text=fact)).to_be_visible()
    permanent = page.locator("dd", has_text=re.compile(r"/pathways/ovarian-cancer/versions/2\.0/"))
    expect(permanent).to_be_visible()


def test_a_superseded_version_prints_when_it_stopped_being_in_use(demo_content, live_url, page):
    page.goto(live_url + "/pathways/ovarian-cancer/versions/1.0/")
    page.emulate_media(media="print")
    expect(page.get_by_text("This version has been superseded")).to_be_visible()
    expect(page.locator("dt", has_text="No longer in use")).to_be_visible()
    expect(
        page.get_by_text(re.compile(r"Superseded on \d+ \w+ \d{4} by version 1\.1"))
    ).to_be_visible()
    expect(page.locator("dt", has_text="Next review due")).to_have_count(0)
    page.goto(live_url + "/pathways/lymphoma/versions/1.0/")
    page.emulate_media(media="print")
    expect(page.get_by_text(re.compile(r"Withdrawn on \d+ \w+ \d{4}"))).to_be_visible()
    expect(page.locator("dt", has_text="Next review due")).to_have_count(0)


def test_the_search_button_keeps_its_word_on_one_line_beside_the_box(demo_content, live_url, page):
    page.goto(live_url + "/")
    button = page.get_by_role("button", name="Search")
    lines = button.evaluate(
        "b => { const r = document.createRange(); r.selectNodeContents(b); "
        "return new Set([...r.getClientRects()].map(rect => Math.round(rect.top))).size }"
    )
    assert lines == 1  # "Searc / h" wrapped onto two lines at 1280 px
    box = page.get_by_label("Search pathways").bounding_box()
    assert box["width"] >= 150  # the box is not squeezed to nothing on a phone
    assert abs(button.bounding_box()["y"] - box["y"]) < 10  # side by side


def test_a_printed_copy_says_when_it_was_printed_and_carries_a_qr_code_to_check_it(
    demo_content, live_url, page
):
    page.goto(live_url + "/pathways/ovarian-cancer/versions/1.0/")
    stamp = page.locator(".portal-print-footer")
    expect(stamp).to_be_hidden()  # on screen, "Cite this version" says it
    page.emulate_media(media="print")
    expect(stamp).to_be_visible()
    expect(stamp).to_contain_text(
        re.compile(r"Printed \d{1,2} \w+ \d{4}\. This copy may be out of date")
    )
    expect(stamp.locator("svg")).to_be_visible()
    expect(stamp).to_contain_text("/verify/")
