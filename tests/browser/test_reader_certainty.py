"""A reader proves which version they read: the citation copied under the strict CSP, the
printed QR code decoded as a phone would and followed, the sections saying when and why they
changed."""

import io
import re
from urllib.parse import urlsplit

import pytest
import zxingcpp
from django.conf import settings
from PIL import Image
from playwright.sync_api import expect

from pathways.models import PathwayVersion
from tests.browser.conftest import VIEWPORTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def decode_printed_qr(page):
    """The text of the QR code on the printed page, read from its pixels."""
    page.emulate_media(media="print")
    qr = page.locator(".portal-print-footer svg")
    expect(qr).to_be_visible()
    image = Image.open(io.BytesIO(qr.screenshot(scale="device"))).convert("L")
    # Scale up with a white margin, as a camera would see it on paper.
    image = image.resize((image.width * 4, image.height * 4), Image.NEAREST)
    framed = Image.new("L", (image.width + 80, image.height + 80), 255)
    framed.paste(image, (40, 40))
    codes = zxingcpp.read_barcodes(framed)
    assert len(codes) == 1, "no QR code could be read from the printed page"
    return codes[0].text


@pytest.mark.parametrize(
    "path, number, verdict",
    [
        ("/pathways/ovarian-cancer/", "2.0", "is the current version"),
        ("/pathways/ovarian-cancer/versions/1.0/", "1.0", "has been superseded"),
        ("/pathways/lymphoma/versions/1.0/", "1.0", "has been withdrawn"),
    ],
)
def test_the_printed_qr_code_leads_to_the_verdict_on_that_very_version(
    demo_content, live_url, page, path, number, verdict
):
    page.goto(live_url + path)
    expect(page.locator(".portal-print-footer")).to_be_hidden()
    address = decode_printed_qr(page)
    version = PathwayVersion.objects.get(
        pathway__slug=path.split("/")[2], major=number[0], minor=number[2]
    )
    # The portal's permanent address (PORTAL_BASE_URL), whatever host served the page.
    assert address == f"{settings.PORTAL_BASE_URL}/verify/{version.fingerprint}/"
    expect(page.locator(".portal-print-footer")).to_contain_text(
        re.compile(r"Printed \d{1,2} \w+ \d{4}\. This copy may be out of date: check it is current")
    )
    page.emulate_media(media="screen")
    page.goto(live_url + urlsplit(address).path)
    expect(page.locator("main h2").first).to_contain_text(f"version {number}, {verdict}")


def test_the_citation_is_copied_with_one_press_under_the_strict_csp(
    demo_content, live_url, browser
):
    context = browser.new_context(
        viewport=VIEWPORTS["phone"], permissions=["clipboard-read", "clipboard-write"]
    )
    page = context.new_page()
    refused = []
    page.on(
        "console",
        lambda message: (
            refused.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    response = page.goto(live_url + "/pathways/ovarian-cancer/versions/2.0/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    page.get_by_text("Cite this version").click()
    citation = page.locator("#citation").inner_text().strip()
    version = PathwayVersion.objects.get(pathway__slug="ovarian-cancer", major=2, minor=0)
    assert citation.startswith("Ovarian cancer, version 2.0. Scottish Cancer Network;")
    assert f"(fingerprint {version.fingerprint})" in citation
    page.get_by_role("button", name="Copy the citation").click()
    expect(page.get_by_role("button", name="Citation copied")).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()") == citation
    assert not refused, refused
    context.close()


def test_each_section_says_when_it_last_changed_and_why(demo_content, live_url, page):
    page.goto(live_url + "/pathways/ovarian-cancer/")
    sact = page.locator("#systemic-anti-cancer-therapy-sact + .portal-section-history")
    expect(sact).to_contain_text(
        re.compile(r"Updated in this version \(2\.0\), 16 September 2025, following SMC9012")
    )
    expect(sact).to_contain_text("Olaparib")
    staging = page.locator("#staging + .portal-section-history")
    expect(staging).to_contain_text("Updated in version 1.1, 21 May 2024")
    referral = page.locator("#referral-and-diagnosis + .portal-section-history")
    expect(referral).to_contain_text("Unchanged since version 1.0, 14 March 2023")
    # The regimens are a table a screen reader reads by its headers, linking to each medicine.
    table = page.get_by_role("table", name=re.compile("Regimens: Systemic anti-cancer therapy"))
    expect(table.get_by_role("columnheader", name="Advice")).to_be_attached()
    expect(table).to_contain_text("SMC9012: accepted for restricted use")
    table.get_by_role("link", name="olaparib").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Olaparib")
    expect(page.get_by_role("link", name="Ovarian cancer")).to_be_visible()
