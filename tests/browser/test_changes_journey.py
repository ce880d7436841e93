"""A clinician reads what changed between two versions of the demo's ovarian cancer pathway: on
the rendered document, a table as a table, each change marked for eyes and for screen readers,
each one reached from the summary by keyboard, on a phone and on a desktop."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, assert_no_sideways_scroll

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

COMPARE = "/pathways/ovarian-cancer/compare/"


def announced(text):
    """The accessible name of added words: the bracketed words are visually hidden, and a
    browser puts a space before the closing bracket (its own element)."""
    return re.compile(rf"^\[added: {re.escape(text)}\s*\]$")


def tab_to(page, name, presses=60):
    """Press Tab until the link called `name` has the focus, as a keyboard user would."""
    for _ in range(presses):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == name:
            return
    pytest.fail(f"{name!r} was not reached by keyboard in {presses} presses")


def test_an_added_table_reads_as_a_table_with_its_new_cells_seen_and_announced(
    demo_content, live_url, page
):
    page.goto(f"{live_url}{COMPARE}?from=1.0&to=1.1")
    expect(page.locator("#changes-summary")).to_have_text("1 section changed: Staging")

    tab_to(page, "table added")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile("#Change-2$"))
    table = page.locator(".portal-diff--document").get_by_role("table")
    expect(table).to_have_count(1)
    expect(table).to_be_in_viewport()

    header = table.get_by_role("columnheader", name=announced("Standard"))
    expect(header).to_be_visible()
    cell = table.get_by_role("cell", name=announced("62 days"))
    expect(cell).to_be_visible()
    inserted = cell.locator("ins")
    expect(inserted).to_have_css("background-color", "rgb(204, 229, 214)")
    for label in inserted.locator(".nhsuk-u-visually-hidden").all():  # brackets for ears only
        box = label.bounding_box()
        assert box["width"] <= 1 and box["height"] <= 1
    expect(table.get_by_role("row")).to_have_count(3)
    expect(page.get_by_text("| Step |")).to_have_count(0)

    assert_accessible(page)
    assert_no_sideways_scroll(page)


def test_a_changed_sentence_is_one_keypress_from_the_summary_and_nothing_else_is_in_the_way(
    demo_content, live_url, page
):
    page.goto(f"{live_url}{COMPARE}?from=1.1&to=2.0")
    expect(page.locator("#changes-summary")).to_have_text(
        "1 section changed: Systemic anti-cancer therapy (SACT)"
    )
    tab_to(page, "paragraph changed")
    page.keyboard.press("Enter")
    change = page.locator("#Change-1")
    expect(change).to_be_in_viewport()
    expect(change.locator("ins", has_text="BRCA mutation")).to_be_visible()
    removed = change.locator("del")
    expect(removed).to_have_count(1)
    assert removed.text_content().startswith("[removed: ")
    expect(removed).to_have_css("text-decoration-line", "line-through")

    # Unchanged sections are folded under their heading, and open for whoever wants them.
    staging = page.locator(".portal-diff__section--unchanged").filter(
        has=page.get_by_role("heading", name="Staging", exact=True)
    )
    expect(staging.get_by_text("62 days")).to_be_hidden()
    staging.locator("summary").click()
    expect(staging.get_by_role("table")).to_be_visible()

    assert_accessible(page)
    assert_no_sideways_scroll(page)
