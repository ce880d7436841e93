"""A clinician who mistypes a search on the demo content: the portal corrects each word, says
so with a way back to the words as typed, and leads to the pathway they meant."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def search_from_home(page, live_url, text):
    page.goto(live_url + "/")
    page.get_by_label("Search pathways").fill(text)
    page.get_by_role("button", name="Search").click()


def test_braest_reaches_the_breast_cancer_pathway(demo_content, live_url, page):
    search_from_home(page, live_url, "Braest")
    expect(page.get_by_text("Showing results for breast.")).to_be_visible()
    expect(page.get_by_role("heading", level=2, name=re.compile("for “breast”"))).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Breast cancer", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Breast cancer")


def test_search_instead_searches_exactly_as_typed(demo_content, live_url, page):
    search_from_home(page, live_url, "Braest")
    page.get_by_role("link", name="Search instead for Braest").click()
    expect(page.get_by_role("heading", name="No results for “Braest”")).to_be_visible()
    expect(page.get_by_text("Showing results for")).to_have_count(0)
    expect(page.get_by_label("Search for")).to_have_value("Braest")


def test_carboplatn_reaches_a_pathway_that_mentions_carboplatin(demo_content, live_url, page):
    search_from_home(page, live_url, "carboplatn")
    expect(page.get_by_text("Showing results for carboplatin.")).to_be_visible()
    expect(page.locator(".portal-snippet mark", has_text="carboplatin")).to_be_visible()
    assert_accessible(page)

    # Carboplatin is a medicine too: the pathways whose regimens name it are offered above.
    expect(page.locator(".portal-medicine-card")).to_contain_text("Carboplatin in SACT regimens")
    page.locator("ol").get_by_role("link", name="Ovarian cancer", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ovarian cancer")
    expect(page.get_by_text(re.compile("Offer carboplatin-based chemotherapy"))).to_be_visible()
