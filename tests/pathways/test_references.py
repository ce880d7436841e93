"""References as records and SACT regimens: validated by kind, part of what is agreed and
fingerprinted, frozen at publication, and found by medicine."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from pathways import content_services, services
from pathways.content_models import Reference, Regimen
from tests.lifecycle import BODY, publish_change, publish_pathway

pytestmark = pytest.mark.django_db

SMC = {
    "kind": "smc",
    "identifier": "SMC2689",
    "title": "Pembrolizumab for first-line treatment",
    "medicine": "Pembrolizumab",
    "decision": "accepted",
}


def cite(version, actor, **fields):
    return content_services.cite(actor=actor, version=version, **{**SMC, **fields})


@pytest.mark.parametrize(
    "kind, typed, stored",
    [
        ("smc", "smc 2689", "SMC2689"),
        ("smc", "SMC2689", "SMC2689"),
        ("ncmag", "ncmag105", "NCMAG105"),
        ("sign", "sign143", "SIGN 143"),
        ("sign", "SIGN  143", "SIGN 143"),
        ("trial", "isrctn12345678", "ISRCTN12345678"),
        ("trial", "NCT01234567", "NCT01234567"),
        ("other", "", ""),
        ("other", "Local audit 2024", "Local audit 2024"),
    ],
)
def test_an_identifier_is_stored_in_its_kinds_one_form(draft, author, kind, typed, stored):
    medicines = {"medicine": "x", "decision": "accepted"} if kind in ("smc", "ncmag") else {}
    reference = content_services.cite(
        actor=author,
        version=draft,
        kind=kind,
        identifier=typed,
        title="Some evidence",
        **({"medicine": "", "decision": ""} | medicines),
    )
    assert reference.identifier == stored


@pytest.mark.parametrize(
    "kind, identifier, message",
    [
        ("smc", "2689", "Enter SMC and its number, such as SMC2689."),
        ("smc", "SIGN 143", "Enter SMC and its number"),
        ("smc", "SMC26890000", "Enter SMC and its number"),
        ("sign", "SMC2689", "Enter SIGN and the guideline's number"),
        ("sign", "", "Enter SIGN and the guideline's number"),
        ("ncmag", "NCMAG", "Enter NCMAG and its number"),
        ("trial", "12345678", "Enter a trial registration number"),
    ],
)
def test_an_identifier_that_does_not_look_like_its_kind_is_refused(
    draft, author, kind, identifier, message
):
    before = draft.content_hash
    with pytest.raises(ValidationError) as refusal:
        cite(draft, author, kind=kind, identifier=identifier)
    assert message in refusal.value.message_dict["identifier"][0]
    draft.refresh_from_db()
    assert draft.references.count() == 0 and draft.content_hash == before


def test_medicines_advice_names_its_medicine_and_decision_and_other_evidence_does_not(
    draft, author
):
    with pytest.raises(ValidationError) as refusal:
        cite(draft, author, medicine="", decision="")
    assert set(refusal.value.message_dict) == {"medicine", "decision"}
    with pytest.raises(ValidationError):
        cite(draft, author, kind="sign", identifier="SIGN 143", decision="")


def test_the_database_refuses_what_the_form_would_have_refused(draft):
    for fields in (
        {"kind": "smc", "identifier": "2689", "medicine": "x", "decision": "accepted"},
        {"kind": "sign", "identifier": "SIGN 1", "medicine": "x", "decision": ""},
        {"kind": "smc", "identifier": "SMC2689", "medicine": "", "decision": ""},
    ):
        with pytest.raises(IntegrityError), transaction.atomic():
            Reference.objects.create(version=draft, title="Forged", **fields)


def test_the_same_advice_is_cited_once(draft, author):
    cite(draft, author)
    with pytest.raises(ValidationError):
        cite(draft, author, identifier="smc2689")
    assert draft.references.count() == 1


def test_a_reference_informs_only_sections_of_its_version(draft, author):
    reference = cite(draft, author, sections=["staging"])
    assert reference.sections == ["staging"]
    with pytest.raises(ValidationError):
        cite(draft, author, identifier="SMC2690", sections=["forged-anchor"])


def test_citing_changes_the_fingerprint_and_is_recorded_as_an_edit(draft, author):
    before = draft.content_hash
    cite(draft, author)
    draft.refresh_from_db()
    assert draft.content_hash != before
    assert draft.events.last().note == "Cited SMC2689."


def test_only_the_drafts_authors_network_may_cite_and_only_while_it_is_a_draft(
    draft, author, outsider, reviewer
):
    with pytest.raises(PermissionDenied):
        cite(draft, outsider)
    version = services.submit(actor=author, version=draft, change_type="major")
    with pytest.raises(services.TransitionError):
        cite(version, author)


def test_a_published_versions_references_and_regimens_are_frozen(published):
    with pytest.raises(IntegrityError), transaction.atomic():
        Reference.objects.create(version=published, kind="other", title="Added afterwards")
    with pytest.raises(IntegrityError), transaction.atomic():
        Regimen.objects.create(
            version=published, name="X", medicines=["x"], intent="curative", setting="Any"
        )


def test_a_regimen_rests_only_on_medicines_advice_of_its_own_pathway(draft, author, woscan, team):
    other = publish_pathway(team, woscan, "Lung cancer", body=BODY)
    foreign = Reference.objects.create(
        version=services.start_new_version(actor=author, pathway=other.pathway),
        **SMC,
    )
    guideline = cite(draft, author, kind="sign", identifier="SIGN 143", medicine="", decision="")
    for advice in (foreign, guideline):
        with pytest.raises(ValidationError):
            content_services.add_regimen(
                actor=author,
                version=draft,
                name="Pembrolizumab",
                medicines=["pembrolizumab"],
                intent="palliative",
                setting="First line",
                advice_id=advice.pk,
            )
    assert draft.regimens.count() == 0


def test_advice_a_regimen_rests_on_cannot_be_removed_under_it(draft, author):
    advice = cite(draft, author)
    content_services.add_regimen(
        actor=author,
        version=draft,
        name="Pembrolizumab",
        medicines=["pembrolizumab"],
        intent="palliative",
        setting="First line, PD-L1 50% or more",
        advice_id=advice.pk,
    )
    with pytest.raises(services.TransitionError, match="Pembrolizumab rests on SMC2689"):
        content_services.uncite(actor=author, version=draft, reference_id=advice.pk)


def test_regimens_carry_into_the_next_version_still_resting_on_the_advice_cited_then(
    draft, author, team
):
    advice = cite(draft, author)
    content_services.add_regimen(
        actor=author,
        version=draft,
        name="Pembrolizumab",
        medicines=["pembrolizumab"],
        intent="palliative",
        setting="First line",
        advice_id=advice.pk,
    )
    version = services.submit(actor=author, version=draft, change_type="major")
    for reviewer in team["reviewers"]:
        if version.status == "in_review":
            version = services.approve(actor=reviewer, version=version)
    first = services.publish(actor=team["lead"], version=version)
    second = publish_change(first, body=BODY + "\nMore.\n", **team)
    regimen = second.regimens.get()
    assert regimen.advice == advice and second.references.count() == 0
    assert first.content_hash != second.content_hash


def test_a_medicine_finds_the_current_pathways_naming_it(client, published, author, team):
    second = services.start_new_version(actor=author, pathway=published.pathway)
    content_services.add_regimen(
        actor=author,
        version=second,
        name="Carboplatin and paclitaxel",
        medicines=["carboplatin", "paclitaxel"],
        intent="adjuvant",
        setting="Stage IC and above",
    )
    response = client.get(reverse("medicine", args=["carboplatin"]))
    assert response.status_code == 404  # only a draft names it
    assert "No current pathway names carboplatin" in response.content.decode()
    second.refresh_from_db()
    services.save_draft(
        actor=author,
        version=second,
        title=second.title,
        summary="",
        body=BODY + "\nChemotherapy after surgery.\n",
        edit_count=second.edit_count,
    )
    version = services.submit(
        actor=author, version=second, change_type="major", change_note="Adjuvant therapy."
    )
    for reviewer in team["reviewers"]:
        if version.status == "in_review":
            version = services.approve(actor=reviewer, version=version)
    services.publish(actor=team["lead"], version=version)
    html = client.get(reverse("medicine", args=["Carboplatin"])).content.decode()
    assert "Ovarian cancer" in html and "Carboplatin and paclitaxel" in html
    html = client.get(reverse("medicines")).content.decode()
    assert 'href="/medicines/carboplatin/"' in html and 'href="/medicines/paclitaxel/"' in html


def _publish_with_regimen(team, woscan, title, medicines):
    first = publish_pathway(team, woscan, title, body=BODY)
    draft = services.start_new_version(actor=team["author"], pathway=first.pathway)
    content_services.add_regimen(
        actor=team["author"],
        version=draft,
        name=" and ".join(medicines).capitalize(),
        medicines=medicines,
        intent="palliative",
        setting="First line",
    )
    return publish_change(first, body=BODY + "\nSACT.\n", **team, draft=draft)


def test_searching_a_medicines_name_shows_the_pathways_whose_regimens_name_it(client, team, woscan):
    _publish_with_regimen(team, woscan, "Lung cancer", ["pembrolizumab"])
    _publish_with_regimen(team, woscan, "Melanoma", ["pembrolizumab", "ipilimumab"])
    html = client.get(reverse("search"), {"q": " Pembrolizumab "}).content.decode()
    assert "Pembrolizumab in SACT regimens" in html
    assert "Named in the regimens of 2 current pathways" in html
    assert 'href="/medicines/pembrolizumab/"' in html
    html = client.get(reverse("search"), {"q": "staging"}).content.decode()
    assert "in SACT regimens" not in html


def test_a_medicines_page_costs_the_same_queries_however_many_pathways_name_it(
    client, team, woscan, django_assert_num_queries
):
    _publish_with_regimen(team, woscan, "Lung cancer", ["pembrolizumab"])
    with django_assert_num_queries(3):  # revision, the regimens, their versions
        assert client.get(reverse("medicine", args=["pembrolizumab"])).status_code == 200
    for title in ("Melanoma", "Cervical cancer", "Head and neck cancer"):
        _publish_with_regimen(team, woscan, title, ["pembrolizumab", "cisplatin"])
    with django_assert_num_queries(3):
        html = client.get(reverse("medicine", args=["pembrolizumab"])).content.decode()
    assert html.count("<table") == 4


def test_a_reference_added_after_decisions_sets_them_aside_like_an_edit(
    in_review, author, reviewer, second_reviewer
):
    services.approve(actor=reviewer, version=in_review)
    version = services.request_changes(
        actor=second_reviewer, version=in_review, comment="Cite the SMC advice."
    )
    assert version.status == "changes_requested"
    cite(version, author)
    version.refresh_from_db()
    assert version.status == "draft"
    assert not version.reviews.filter(voided_at__isnull=True).exists()
