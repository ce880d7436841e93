"""The FHIR export of a published version (/pathways/<slug>/versions/<n>/fhir/): a PlanDefinition
the FHIR models accept, for every version a reader can open and for no other, saying whether it
is current by the portal's one rule, with the version's citations, lineage and sections.

fhir.resources 8 has no R4 package: its default models are R5, and R4B (R4's technical
correction, the same PlanDefinition for everything exported here) is the nearest, so the export
is validated with `fhir.resources.R4B`. The models check structure and datatypes but not code
values, so the few codes with a required binding are checked here too.
"""

import io
from datetime import date

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.urls import reverse
from fhir.resources.R4B.plandefinition import PlanDefinition

from networks import demo as network_demo
from pathways import fhir
from pathways.models import PathwayVersion, Reference, Regimen
from tests.lifecycle import BODY, publish_change

pytestmark = pytest.mark.django_db

FHIR_JSON = "application/fhir+json"
PUBLICATION_STATUS = {"draft", "active", "retired", "unknown"}
ARTIFACT_TYPES = {
    "documentation",
    "justification",
    "citation",
    "predecessor",
    "successor",
    "derived-from",
    "depends-on",
    "composed-of",
}
# The public revision, the version, its sections, references and regimens.
QUERIES = 5


def fhir_path(slug, number):
    return reverse("pathways:fhir", kwargs={"slug": slug, "number": number})


def page_url(slug, number, base="http://testserver-base.example"):
    return base + reverse("pathways:version", kwargs={"slug": slug, "number": number})


def export(client, slug, number):
    response = client.get(fhir_path(slug, number))
    assert response.status_code == 200, (slug, number)
    assert response["Content-Type"].split(";")[0] == FHIR_JSON
    return response.json()


def assert_valid(resource):
    """Valid for the FHIR models, with codes from the value sets FHIR requires."""
    PlanDefinition.model_validate(resource)
    assert resource["status"] in PUBLICATION_STATUS
    assert {artifact["type"] for artifact in resource.get("relatedArtifact", [])} <= ARTIFACT_TYPES
    for action in _all_actions(resource.get("action", [])):
        # The CPG pathway profile: every action has a title, a description and a code.
        assert action["title"] and action["description"] and action["code"], action
        for artifact in action.get("documentation", []):
            assert artifact["type"] in ARTIFACT_TYPES
    assert resource["meta"]["profile"] == [fhir.CPG_PATHWAY_PROFILE]
    assert resource["type"]["coding"] == [fhir.PLAN_TYPE]
    assert resource["action"], "the CPG profile needs at least one action"


def _all_actions(actions):
    for action in actions:
        yield action
        yield from _all_actions(action.get("action", []))


def artifacts(resource, kind):
    return [a for a in resource.get("relatedArtifact", []) if a["type"] == kind]


@pytest.fixture(scope="class")
def demo(django_db_setup, django_db_blocker):
    """The demo content, loaded once for the class's tests (it takes seconds): in a transaction
    of its own, inside which each test's transaction is a savepoint, rolled back at the end."""
    network_demo.is_loaded.cache_clear()
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            with override_settings(DEBUG=True):  # load_demo refuses otherwise
                call_command("load_demo", stdout=io.StringIO())
        except BaseException:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            raise
    yield
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        atomic.__exit__(None, None, None)
    network_demo.is_loaded.cache_clear()


@pytest.fixture
def base_url(settings):
    settings.PORTAL_BASE_URL = "http://testserver-base.example/"
    return "http://testserver-base.example"


@pytest.mark.usefixtures("demo", "base_url")
class TestDemoVersions:
    def test_every_version_a_reader_can_open_is_a_valid_plan_definition(self, client):
        versions = list(PathwayVersion.objects.in_effect().select_related("pathway"))
        assert len(versions) >= 15
        for version in versions:
            resource = export(client, version.pathway.slug, version.number)
            assert_valid(resource)
            assert resource["version"] == version.number
            assert resource["title"] == version.title
            assert resource["publisher"] == "Scottish Cancer Network"

    def test_active_only_for_the_current_version(self, client):
        current = set(PathwayVersion.objects.current().values_list("pk", flat=True))
        for version in PathwayVersion.objects.in_effect().select_related("pathway"):
            resource = export(client, version.pathway.slug, version.number)
            assert resource["status"] == ("active" if version.pk in current else "retired")
            assert ("end" in resource["effectivePeriod"]) == (version.pk not in current)

        latest = export(client, "ovarian-cancer", "2.0")
        assert latest["status"] == "active"
        assert "usage" not in latest and not artifacts(latest, "successor")

        superseded = export(client, "ovarian-cancer", "1.1")
        version = PathwayVersion.objects.get(pathway__slug="ovarian-cancer", major=1, minor=1)
        assert superseded["status"] == "retired"
        assert superseded["effectivePeriod"]["end"] == fhir._moment(version.superseded_at)
        assert [a["resource"] for a in artifacts(superseded, "successor")] == [
            page_url("ovarian-cancer", "2.0")
        ]
        assert superseded["usage"].startswith("Superseded by version 2.0 on 16 September 2025")

        withdrawn = export(client, "lymphoma", "1.0")
        assert withdrawn["status"] == "retired"
        assert not artifacts(withdrawn, "successor")
        assert withdrawn["usage"].startswith("The pathway was withdrawn on 15 April 2025")
        assert "Diffuse large B-cell lymphoma" in withdrawn["usage"]

        # Prostate 2.0 is published but takes effect in three weeks: 1.1 is current until then.
        scheduled_over = export(client, "prostate-cancer", "1.1")
        assert scheduled_over["status"] == "active"
        assert "end" not in scheduled_over["effectivePeriod"]
        assert not artifacts(scheduled_over, "successor")

    def test_url_identifier_and_dates(self, client):
        version = PathwayVersion.objects.get(pathway__slug="ovarian-cancer", major=2, minor=0)
        resource = export(client, "ovarian-cancer", "2.0")
        # The portal's public address, whatever host the request named.
        assert (
            resource["url"]
            == "http://testserver-base.example/pathways/ovarian-cancer/versions/2.0/"
        )
        assert resource["identifier"] == [
            {
                "use": "official",
                "system": "http://testserver-base.example/verify/",
                "value": version.fingerprint,
            }
        ]
        # The identifier is the fingerprint the verify page answers for.
        assert client.get(reverse("verify", args=[version.fingerprint])).status_code == 200
        assert resource["name"] == "OvarianCancer"
        assert resource["date"] == fhir._moment(version.published_at)
        assert resource["approvalDate"] == resource["lastReviewDate"] == "2025-09-16"
        assert resource["effectivePeriod"] == {"start": fhir._moment(version.effective_from)}
        assert resource["useContext"][0]["valueCodeableConcept"] == {"text": "Ovarian"}
        assert resource["author"][0]["name"] == version.pathway.network.name

    def test_related_artifacts_are_the_citations_and_the_neighbouring_versions(self, client):
        resource = export(client, "ovarian-cancer", "2.0")
        smc = [a for a in artifacts(resource, "citation") if a.get("label") == "SMC9012"]
        assert len(smc) == 1
        assert smc[0]["display"].startswith("SMC9012: Olaparib")
        assert "accepted for restricted use" in smc[0]["citation"]
        assert artifacts(resource, "predecessor") == [
            {
                "type": "predecessor",
                "display": "Version 1.1",
                "resource": page_url("ovarian-cancer", "1.1"),
            }
        ]
        # Each version cites its own references, all of them.
        for version in PathwayVersion.objects.in_effect().select_related("pathway"):
            resource = export(client, version.pathway.slug, version.number)
            cited = [a["display"] for a in artifacts(resource, "citation")]
            expected = [
                f"{r.identifier}: {r.title}" if r.identifier else r.title
                for r in version.references.order_by("kind", "identifier", "id")
            ]
            assert cited == expected, version

        first = export(client, "ovarian-cancer", "1.0")
        assert not artifacts(first, "predecessor")
        assert [a["resource"] for a in artifacts(first, "successor")] == [
            page_url("ovarian-cancer", "1.1")
        ]

    def test_one_action_for_each_section_in_order_with_its_regimens(self, client):
        version = PathwayVersion.objects.get(pathway__slug="ovarian-cancer", major=2, minor=0)
        resource = export(client, "ovarian-cancer", "2.0")
        sections = list(version.sections.order_by("position"))
        assert len(sections) == 8
        assert [(a["id"], a["title"], a["description"]) for a in resource["action"]] == [
            (s.anchor, s.heading, s.text.strip()) for s in sections
        ]
        by_anchor = {action["id"]: action for action in resource["action"]}
        for regimen in version.regimens.all():
            titles = [a["title"] for a in by_anchor[regimen.section].get("action", [])]
            assert regimen.name in titles
        sact = by_anchor[Regimen.objects.filter(version=version).first().section]
        olaparib = next(a for a in sact["action"] if a["title"] == "Olaparib maintenance")
        assert olaparib["description"].startswith("Maintenance: ")
        assert olaparib["documentation"][0]["label"] == "SMC9012"
        # A reference is cited under each section it informs.
        for reference in version.references.all():
            for anchor in reference.sections:
                labels = [d.get("label") for d in by_anchor[anchor].get("documentation", [])]
                assert reference.identifier in labels

    def test_drafts_scheduled_versions_and_unknown_numbers_are_not_found(self, client):
        scheduled = PathwayVersion.objects.get(pathway__slug="prostate-cancer", major=2, minor=0)
        assert scheduled.is_scheduled
        paths = [fhir_path("prostate-cancer", "2.0"), fhir_path("no-such-pathway", "1.0")]
        # What each pathway's next version would be numbered, drafts in review among them.
        open_versions = PathwayVersion.objects.filter(status__in=PathwayVersion.OPEN_STATUSES)
        assert open_versions.exists()
        for version in PathwayVersion.objects.current().select_related("pathway"):
            paths.append(fhir_path(version.pathway.slug, f"{version.major + 1}.0"))
            paths.append(fhir_path(version.pathway.slug, f"{version.major}.{version.minor + 1}"))
        for path in paths:
            response = client.get(path)
            assert response.status_code == 404, path
            assert response["Content-Type"].split(";")[0] == FHIR_JSON
            assert response.json()["issue"][0]["code"] == "not-found"
        # The same rule as the version's page.
        page = reverse("pathways:version", kwargs={"slug": "prostate-cancer", "number": "2.0"})
        assert client.get(page).status_code == 404

    def test_conditional_get_and_the_kept_rendering(self, client):
        path = fhir_path("ovarian-cancer", "2.0")
        first = client.get(path)
        etag = first["ETag"]
        assert etag and first["Cache-Control"] == "public, max-age=0, must-revalidate"

        unchanged = client.get(path, HTTP_IF_NONE_MATCH=etag)
        assert unchanged.status_code == 304 and not unchanged.content
        assert unchanged["ETag"] == etag

        # Read again, from the rendering kept in memory: the same JSON, still said to be FHIR.
        again = client.get(path)
        assert again.status_code == 200 and again["ETag"] == etag
        assert again.content == first.content
        assert again["Content-Type"] == first["Content-Type"]
        assert again["Content-Type"].split(";")[0] == FHIR_JSON

        # Another version's export, and the version's page, have their own validators.
        assert client.get(fhir_path("ovarian-cancer", "1.1"))["ETag"] != etag
        page = client.get(reverse("pathways:version", args=["ovarian-cancer", "2.0"]))
        assert page["ETag"] != etag
        assert page["Content-Type"].startswith("text/html")

    def test_queries_do_not_grow_with_sections_references_or_regimens(
        self, client, django_assert_num_queries
    ):
        def parts(version):
            return version.sections.count() + version.references.count() + version.regimens.count()

        versions = sorted(PathwayVersion.objects.in_effect().select_related("pathway"), key=parts)
        fewest, most = versions[0], versions[-1]
        assert parts(fewest) < parts(most)
        for version in (fewest, most):
            caches["pages"].clear()
            with django_assert_num_queries(QUERIES):
                export(client, version.pathway.slug, version.number)
            with django_assert_num_queries(1):  # kept: only the public revision is read
                export(client, version.pathway.slug, version.number)


def test_a_short_version_costs_the_same_and_names_its_introduction(
    client, published, team, base_url, django_assert_num_queries
):
    with django_assert_num_queries(QUERIES):
        first = export(client, published.pathway.slug, published.number)
    assert_valid(first)
    assert [a["title"] for a in first["action"]] == ["Referral", "Staging"]

    body = "Read with the national referral guidance.\n\n" + BODY
    second = publish_change(published, body=body, **team)
    resource = export(client, second.pathway.slug, second.number)
    assert_valid(resource)
    introduction = resource["action"][0]
    assert (introduction["title"], introduction["description"]) == (
        "Introduction",
        "Read with the national referral guidance.",
    )
    assert [a["title"] for a in resource["action"]] == ["Introduction", "Referral", "Staging"]
    assert artifacts(resource, "predecessor")[0]["resource"] == page_url(
        published.pathway.slug, "1.0"
    )
    assert export(client, published.pathway.slug, "1.0")["status"] == "retired"


def test_the_plan_definition_is_made_from_what_it_is_given(published):
    """The pure function: any base address, odd slugs, and regimens shown after the text."""
    version = PathwayVersion.objects.select_related("pathway__network", "pathway__cancer_type").get(
        pk=published.pk
    )
    version.pathway.slug = "2025_head-and-neck"
    reference = Reference(
        version=version,
        kind="trial",
        identifier="ISRCTN12345678",
        title="A trial",
        url="https://www.isrctn.com/ISRCTN12345678",
        issued_on=date(2024, 1, 2),
        sections=["staging"],
    )
    regimen = Regimen(
        pk=7,
        version=version,
        name="Carboplatin",
        medicines=["carboplatin"],
        intent="palliative",
        setting="Relapse",
        section="",
    )
    resource = fhir.plan_definition(
        version,
        sections=list(version.sections.order_by("position")),
        references=[reference],
        regimens=[regimen],
        is_current=True,
        base_url="https://pathways.example.scot/",
    )
    assert_valid(resource)
    assert (
        resource["url"] == "https://pathways.example.scot/pathways/2025_head-and-neck/versions/1.0/"
    )
    assert resource["id"] == "2025-head-and-neck-1.0"
    assert resource["name"] == "Pathway2025HeadAndNeck"
    trial = artifacts(resource, "citation")[0]
    assert trial["display"] == "ISRCTN12345678: A trial"
    assert trial["url"] == "https://www.isrctn.com/ISRCTN12345678"
    assert [a["id"] for a in resource["action"]] == ["referral", "staging", "regimens"]
    assert [d["label"] for d in resource["action"][1]["documentation"]] == ["ISRCTN12345678"]
    assert resource["action"][-1]["action"][0]["title"] == "Carboplatin"
