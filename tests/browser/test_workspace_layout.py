"""The signed-in workspace, as network members and the programme team see it: every page type
passes axe (WCAG 2.2 AA) and fits a 360 px screen; the header says who is signed in."""

import json
import re

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import expect

from networks.demo import DEMO_PASSWORD
from pathways import services
from pathways.models import Pathway
from tests.browser.conftest import assert_no_sideways_scroll, axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NHS_FONT_STACK = '"Frutiger W01", arial, sans-serif'


def sign_in(page, live_url, username):
    page.goto(live_url + "/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="My pathways")).to_be_visible()


def open_version(slug):
    return Pathway.objects.get(slug=slug).versions.filter(status__in=["draft", "in_review"]).get()


def workspace_pages(person):
    """Every workspace page type the demo lets this person open."""
    cervical = open_version("cervical-cancer")
    lung = open_version("lung-cancer")
    ovarian = Pathway.objects.get(slug="ovarian-cancer").versions.published().newest_first()[0]
    pages = {
        "my pathways": "/workspace/",
        "pathway": "/workspace/pathways/ovarian-cancer/",
        "published version": f"/workspace/versions/{ovarian.pk}/",
        "version in review": f"/workspace/versions/{cervical.pk}/",
        "references of a version in review": f"/workspace/versions/{cervical.pk}/references/",
        "change password": "/accounts/password_change/",
    }
    if person == "author":
        pages |= {
            "create pathway": "/workspace/pathways/new/",
            "editor": f"/workspace/versions/{lung.pk}/edit/",
            "references and regimens": f"/workspace/versions/{lung.pk}/references/",
            "submit for review": f"/workspace/versions/{lung.pk}/submit/",
        }
    if person == "reviewer2":
        pages |= {
            "review queue": "/workspace/reviews/",
            "review": f"/workspace/versions/{cervical.pk}/review/",
        }
    if person == "programme":
        pages |= {
            "oversight": "/workspace/oversight/",
            "recent activity": "/workspace/activity/",
            "withdraw": "/workspace/pathways/ovarian-cancer/withdraw/",  # national: theirs
        }
    return pages


@pytest.mark.parametrize("person", ["author", "reviewer2", "lead", "programme"])
def test_every_workspace_page_type_passes_axe_and_fits_the_screen(
    demo_content, live_url, page, person
):
    sign_in(page, live_url, person)
    problems = {}
    for name, path in workspace_pages(person).items():
        response = page.goto(live_url + path)
        assert response.status == 200, f"{name}: {path} answered {response.status}"
        if found := axe_violations(page):
            problems[name] = found
        assert_no_sideways_scroll(page)
    assert not problems, f"{person} at {page.viewport_name}:\n{json.dumps(problems, indent=1)}"


def test_the_publish_page_passes_axe_and_fits_the_screen(demo_content, live_url, page):
    cervical = open_version("cervical-cancer")
    for reviewer in ["nca-oncologist", "scan-pharmacist"]:  # with woscan-surgeon: consensus
        cervical = services.approve(actor=User.objects.get(username=reviewer), version=cervical)
    assert cervical.status == "approved"
    sign_in(page, live_url, "programme")
    page.goto(live_url + f"/workspace/versions/{cervical.pk}/publish/")
    expect(page.get_by_role("button", name="Publish")).to_be_visible()
    assert axe_violations(page) == []
    assert_no_sideways_scroll(page)


def test_the_header_offers_sign_in_then_says_who_is_signed_in(demo_content, live_url, page):
    page.goto(live_url + "/pathways/ovarian-cancer/")
    account = page.get_by_role("navigation", name="Account")
    account.get_by_role("link", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    page.get_by_label("Username").fill("author")
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    account = page.get_by_role("navigation", name="Account")
    expect(account).to_contain_text("Signed in as")
    expect(account.get_by_role("link", name="My pathways")).to_be_visible()
    expect(account.get_by_role("link", name="Sign in")).to_have_count(0)
    account.get_by_role("button", name="Sign out").click()
    expect(
        page.get_by_role("navigation", name="Account").get_by_role("link", name="Sign in")
    ).to_be_visible()


def test_a_network_member_at_the_admin_sign_in_is_pointed_to_the_workspace(
    demo_content, live_url, page
):
    page.goto(live_url + "/admin/")
    page.get_by_role("link", name="sign in to your workspace").click()
    expect(page).to_have_url(re.compile(r"/accounts/login/$"))


@pytest.mark.parametrize("path", ["/pathways/ovarian-cancer/", "/workspace/"])
def test_text_headings_and_buttons_use_the_nhs_font_stack(demo_content, live_url, page, path):
    if path.startswith("/workspace/"):
        sign_in(page, live_url, "author")
    page.goto(live_url + path)
    for selector in ["main p", "h1", "button"]:
        family = page.locator(selector).first.evaluate("e => getComputedStyle(e).fontFamily")
        assert family == NHS_FONT_STACK, f"{selector} on {path}: {family}"
