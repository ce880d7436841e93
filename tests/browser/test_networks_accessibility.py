import pytest

from tests.browser.conftest import assert_accessible, assert_no_sideways_scroll

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("path", ["/", "/networks/", "/networks/woscan/", "/networks/sarcoma/"])
def test_public_network_pages_pass_axe_and_fit_the_screen(demo_content, live_url, page, path):
    response = page.goto(live_url + path)
    assert response.status == 200
    assert_accessible(page)
    assert_no_sideways_scroll(page)


def test_the_directory_leads_to_a_network_page(demo_content, live_url, page):
    page.goto(live_url + "/networks/")
    page.get_by_role("link", name="West of Scotland Cancer Network (WoSCAN)").click()
    assert page.get_by_role("heading", level=1).inner_text() == (
        "West of Scotland Cancer Network (WoSCAN)"
    )
    assert page.get_by_role("link", name="woscan.demo@example.org").is_visible()


def test_styles_and_scripts_load_under_the_content_security_policy(demo_content, live_url, page):
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.goto(live_url + "/networks/")
    page.wait_for_function("document.body.classList.contains('js-enabled')")
    header_colour = page.evaluate(
        "getComputedStyle(document.querySelector('.nhsuk-header')).backgroundColor"
    )
    assert header_colour == "rgb(0, 94, 184)"  # NHS blue: the stylesheet applied
    assert errors == []
