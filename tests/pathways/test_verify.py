"""Cite and verify: every version page gives a citation with a fingerprint of its text, and
/verify/ says whether the version with that fingerprint is current, superseded or withdrawn;
an unknown fingerprint reveals nothing."""

import pytest
from django.urls import reverse

from pathways import services
from pathways.models import PathwayVersion
from tests.lifecycle import BODY, publish_change, write

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_versions(published, author, reviewer, second_reviewer, lead):
    team = {"author": author, "reviewers": [reviewer, second_reviewer], "lead": lead}
    second = publish_change(published, body=BODY + "\nOffer PET-CT.\n", **team)
    return PathwayVersion.objects.get(pk=published.pk), second


def verify(client, fingerprint):
    response = client.get(reverse("verify", args=[fingerprint]))
    return response.status_code, response.content.decode()


def test_every_version_page_cites_it_with_its_fingerprint(client, two_versions):
    first, second = two_versions
    html = client.get(reverse("pathways:version", args=["ovarian-cancer", "1.0"])).content.decode()
    assert "Cite this version" in html
    assert f"(fingerprint {first.fingerprint})" in html
    assert "/pathways/ovarian-cancer/versions/1.0/" in html
    assert len(first.fingerprint) == 12 and first.content_hash.startswith(first.fingerprint)


def test_the_current_version_is_said_to_be_current(client, two_versions):
    status, html = verify(client, two_versions[1].fingerprint)
    assert status == 200
    assert "Ovarian cancer, version 2.0, is the current version" in html


def test_a_superseded_version_says_by_which_since_when_and_what_changed(client, two_versions):
    status, html = verify(client, two_versions[0].fingerprint)
    assert status == 200
    assert "version 1.0, has been superseded" in html and "by version 2.0" in html
    assert "/pathways/ovarian-cancer/compare/?from=1.0&amp;to=2.0" in html


def test_a_withdrawn_version_says_so(client, two_versions, lead):
    services.withdraw(actor=lead, pathway=two_versions[1].pathway, reason="Replaced nationally.")
    _, html = verify(client, two_versions[1].fingerprint)
    assert "version 2.0, has been withdrawn" in html and "Replaced nationally." in html


def test_an_unknown_fingerprint_reveals_nothing(client, two_versions, author):
    draft = services.start_new_version(actor=author, pathway=two_versions[1].pathway)
    draft = write(author, draft, body=BODY + "\nA draft.\n")
    for unknown in ["0" * 12, draft.fingerprint]:  # nothing, and a draft's text
        status, html = verify(client, unknown)
        assert status == 404
        assert "No published version has this fingerprint" in html
        assert "Ovarian" not in html.split("<main")[1]


def test_the_form_accepts_a_fingerprint_as_printed_and_refuses_what_is_not_one(
    client, two_versions
):
    fingerprint = two_versions[1].fingerprint
    spaced = " ".join([fingerprint[:4], fingerprint[4:8], fingerprint[8:]]).upper()
    response = client.get(reverse("verify_form"), {"fingerprint": spaced})
    assert response.status_code == 302 and response["Location"] == f"/verify/{fingerprint}/"
    assert client.get(reverse("verify_form"), {"fingerprint": "xyz"}).status_code == 400
    assert client.get("/verify/not-a-fingerprint/").status_code == 400
    assert client.get(reverse("verify_form")).status_code == 200


def test_the_printed_stamp_points_its_qr_code_at_the_verify_address(client, two_versions, settings):
    settings.PORTAL_BASE_URL = "https://pathways.example.scot"
    html = client.get(reverse("pathways:version", args=["ovarian-cancer", "1.0"])).content.decode()
    stamp = html.split('class="portal-print-only portal-print-footer"')[1].split("</div>")[0]
    address = f"https://pathways.example.scot/verify/{two_versions[0].fingerprint}/"
    assert "<svg" in stamp and address in stamp and "This copy may be out of date" in stamp
