"""With DEBUG on and the demo loaded, every page says, under its header, that it is a
demonstration: readable on a phone, and accessible."""

import pytest
from playwright.sync_api import expect

from networks import demo as network_demo
from tests.browser.conftest import assert_accessible, assert_no_sideways_scroll

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def debug_on(settings):
    settings.DEBUG = True
    yield
    network_demo.is_loaded.cache_clear()  # the next test's database starts afresh


@pytest.mark.parametrize("path", ["/", "/pathways/ovarian-cancer/", "/accounts/login/"])
def test_the_demonstration_banner_is_under_the_header_accessible_and_fits(
    demo_content, debug_on, live_url, page, path
):
    page.goto(live_url + path)
    banner = page.get_by_role("region", name="Demonstration")
    expect(banner).to_be_visible()
    expect(banner).to_contain_text("Demonstration content: not clinical guidance")
    header = page.locator("header.nhsuk-header").bounding_box()
    assert banner.bounding_box()["y"] >= header["y"] + header["height"]
    assert_accessible(page)
    assert_no_sideways_scroll(page)
