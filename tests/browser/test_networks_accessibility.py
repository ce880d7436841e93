from datetime import date

import pytest
from django.utils import timezone

from networks.models import AnnualReport, HealthBoard, Network, Objective
from tests.browser.conftest import assert_accessible, assert_no_sideways_scroll
from tests.factories import make_network

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


@pytest.fixture
def overseen_network(demo_content):
    """A network with a steering group, a work plan and accepted reports, and one merged into
    it and one retired: made here, whatever the demo content holds."""
    network = make_network(
        "OVS",
        name="Oversight Test Network",
        slug="oversight-test",
        kind=Network.Kind.NATIONAL_MCN,
        host_board=HealthBoard.objects.get(slug="lothian"),
        status_since=date(2016, 4, 1),
    )
    network.appointments.create(post="lead_clinician", name="Dr A Lead", starts_on=date(2021, 1, 1))
    network.appointments.create(post="manager", name="B Manager", starts_on=date(2022, 5, 1))
    network.steering_group.create(
        name="Professor C Chair", role="Chair", board=HealthBoard.objects.get(slug="fife")
    )
    network.steering_group.create(
        name="D Voice", role="Patient representative", organisation="A national cancer charity"
    )
    year = timezone.localdate().year
    for status in Objective.Status.values:
        network.objectives.create(
            year=year,
            title=f"Agree the regional referral criteria ({status})",
            owner="Clinical lead for radiotherapy",
            due_on=date(year, 11, 30),
            status=status,
            note="Waiting for the second round of comments from the three regional networks.",
        )
    for report_year in (year - 2, year - 1):
        AnnualReport.objects.create(
            network=network,
            year=report_year,
            due_on=date(report_year + 1, 3, 31),
            status=AnnualReport.Status.ACCEPTED,
            submitted_at=timezone.now(),
            accepted_at=timezone.now(),
            summary="Two pathways reviewed.\n\nA new steering group chair.",
            risks="Recruitment of specialist nurses.",
        )
    make_network(
        "MRG", status=Network.Status.MERGED, status_since=date(2024, 4, 1), merged_into=network
    )
    make_network("RTD", status=Network.Status.RETIRED, status_since=date(2025, 3, 31))
    return network


@pytest.mark.parametrize(
    "path", ["/networks/", "/networks/oversight-test/", "/networks/mrg/", "/networks/rtd/"]
)
def test_network_pages_with_oversight_pass_axe_and_fit_the_screen(
    overseen_network, live_url, page, path
):
    response = page.goto(live_url + path)
    assert response.status == 200
    assert_accessible(page)
    assert_no_sideways_scroll(page)


def test_an_annual_report_page_passes_axe_and_fits_the_screen(overseen_network, live_url, page):
    page.goto(live_url + "/networks/oversight-test/")
    year = timezone.localdate().year - 1
    page.get_by_role("link", name=f"Annual report {year}").click()
    assert page.get_by_role("heading", level=1).inner_text() == f"Annual report {year}"
    assert_accessible(page)
    assert_no_sideways_scroll(page)
