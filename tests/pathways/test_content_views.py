"""The draft's References and regimens page: what authors do there, and what a forged form,
another network's member or a published version gets."""

import pytest
from django.urls import reverse

from pathways import content_services, services
from pathways.content_models import Reference

pytestmark = pytest.mark.django_db

SMC = {
    "kind": "smc",
    "identifier": "smc 2689",
    "title": "Pembrolizumab, first line",
    "medicine": "Pembrolizumab",
    "decision": "accepted",
    "issued_on": "2025-03-10",
    "url": "https://www.example.org/smc2689",
    "sections": ["staging"],
}


def url(name, version):
    return reverse(f"workspace:{name}", args=[version.pk])


def test_an_author_cites_advice_and_sees_it_stored_in_its_one_form(client, draft, author):
    client.force_login(author)
    response = client.post(url("cite", draft), SMC)
    assert response.status_code == 302
    reference = draft.references.get()
    assert (reference.identifier, reference.medicine, reference.sections) == (
        "SMC2689",
        "pembrolizumab",
        ["staging"],
    )
    html = client.get(url("content", draft)).content.decode()
    assert "SMC2689" in html and "Reference added." in html


@pytest.mark.parametrize(
    "change, message",
    [
        ({"identifier": "2689"}, "Enter SMC and its number, such as SMC2689."),
        ({"sections": ["forged-anchor"]}, "Select a valid choice."),
        ({"kind": "forged"}, "Select a valid choice."),
        ({"medicine": ""}, "Enter the medicine the advice is about."),
        ({"url": "javascript:alert(1)"}, "Enter a valid URL."),
    ],
)
def test_bad_input_is_explained_and_saves_nothing(client, draft, author, change, message):
    client.force_login(author)
    response = client.post(url("cite", draft), {**SMC, **change})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not draft.references.exists()


def test_another_networks_member_cannot_see_or_change_the_draft(client, draft, outsider):
    client.force_login(outsider)
    assert client.get(url("content", draft)).status_code == 404
    assert client.post(url("cite", draft), SMC).status_code == 404
    assert not draft.references.exists()


def test_a_reviewer_reads_the_references_but_cannot_change_them(client, draft, reviewer):
    client.force_login(reviewer)
    html = client.get(url("content", draft)).content.decode()
    assert "Add a reference" not in html
    assert client.post(url("cite", draft), SMC).status_code == 403


def test_a_reference_of_another_version_cannot_be_removed_through_this_one(
    client, draft, author, woscan, cancer
):
    kept = Reference.objects.create(version=draft, kind="other", title="Kept")
    other = services.create_pathway(
        actor=author, network=woscan, cancer_type=cancer, title="Lung cancer"
    )
    client.force_login(author)
    response = client.post(url("uncite", other), {"reference_id": kept.pk}, follow=True)
    assert "That reference is not cited by this version." in response.content.decode()
    assert draft.references.filter(pk=kept.pk).exists()
    response = client.post(url("uncite", draft), {"reference_id": "x"}, follow=True)
    assert "Choose what to remove." in response.content.decode()


def test_a_published_version_shows_its_references_and_refuses_changes(client, published, author):
    client.force_login(author)
    html = client.get(url("content", published)).content.decode()
    assert "can be changed only while it is a draft" in html
    response = client.post(url("cite", published), SMC, follow=True)
    assert "cannot be changed" in response.content.decode()
    assert not published.references.exists()


def test_a_regimen_is_added_with_its_medicines_and_advice(client, draft, author):
    advice = content_services.cite(
        actor=author,
        version=draft,
        **{**SMC, "sections": [], "issued_on": None, "url": ""},
    )
    client.force_login(author)
    response = client.post(
        url("add_regimen", draft),
        {
            "name": "Pembrolizumab",
            "medicines": "Pembrolizumab,  pembrolizumab , ",
            "intent": "palliative",
            "setting": "First line",
            "advice": advice.pk,
            "section": "staging",
        },
    )
    assert response.status_code == 302
    regimen = draft.regimens.get()
    assert (regimen.medicines, regimen.advice, regimen.section) == (
        ["pembrolizumab"],
        advice,
        "staging",
    )
    forged = client.post(
        url("add_regimen", draft),
        {"name": "X", "medicines": "x", "intent": "palliative", "setting": "Y", "advice": 999999},
    )
    assert forged.status_code == 400 and draft.regimens.count() == 1
