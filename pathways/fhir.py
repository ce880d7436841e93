"""A published version as a FHIR R4 PlanDefinition, shaped as the HL7 Clinical Practice
Guidelines (CPG) implementation guide's pathway definition (CPGPathwayDefinition, CPG STU2).

`plan_definition` is a pure function: it reads only what it is given (the version, with its
pathway, network and cancer type loaded, and its sections, references and regimens) and makes
no query and no request, so the caller decides what is fetched, and how often. Whether the
version is current, and what superseded it, is the caller's answer from the one rule for
"current" (`pathways.queries.with_current_and_successor`); nothing here decides it again.

The export carries the text a reader reads, not executable logic: each section is one action,
its description the section's plain text; each regimen is an action under the section it is
shown under. References become citations, of the whole version and of the sections they inform.
"""

import re

from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as format_date

from accounts.links import absolute_url
from pathways.content_models import Reference, Regimen

CONTENT_TYPE = "application/fhir+json"
FHIR_VERSION = "4.0.1"
PUBLISHER = "Scottish Cancer Network"

CPG_PATHWAY_PROFILE = "http://hl7.org/fhir/uv/cpg/StructureDefinition/cpg-pathwaydefinition"
# The profile fixes the type to this code (CPG STU2, StructureDefinition-cpg-pathwaydefinition).
PLAN_TYPE = {
    "system": "http://terminology.hl7.org/CodeSystem/plan-definition-type",
    "code": "clinical-protocol",
    "display": "Clinical Protocol",
}
# Each action of a pathway needs a code from the CPG common processes (extensible binding):
# a section of a national pathway is guideline-based care.
ACTION_CODE = {
    "coding": [
        {
            "system": "http://hl7.org/fhir/uv/cpg/CodeSystem/cpg-common-process-cs",
            "code": "guideline-based-care",
            "display": "Guideline-based Care",
        }
    ]
}
KNOWLEDGE_CAPABILITY = "http://hl7.org/fhir/StructureDefinition/cqf-knowledgeCapability"
KNOWLEDGE_LEVEL = "http://hl7.org/fhir/StructureDefinition/cqf-knowledgeRepresentationLevel"
SCOTLAND = {
    "coding": [{"system": "urn:iso:std:iso:3166:-2", "code": "GB-SCT", "display": "Scotland"}]
}
USAGE_CONTEXT_TYPE = "http://terminology.hl7.org/CodeSystem/usage-context-type"

INTRODUCTION = "Introduction"  # the title of the text before the first heading


def plan_definition(
    version,
    *,
    sections,
    references,
    regimens,
    is_current,
    predecessor_number=None,
    successor_number=None,
    base_url=None,
):
    """`version` (published and in effect) as a PlanDefinition, a dict ready for JSON.

    `sections`, `references` and `regimens` are the version's own, in order (regimens with
    their advice loaded); `is_current` and `successor_number` are those of
    `with_current_and_successor`; `predecessor_number` is the version before it, if any.
    Links start with `base_url`, by default the portal's public address."""
    pathway = version.pathway

    def link(path):
        return base_url.rstrip("/") + path if base_url else absolute_url(path)

    def version_url(number):
        return link(reverse("pathways:version", kwargs={"slug": pathway.slug, "number": number}))

    resource = {
        "resourceType": "PlanDefinition",
        "id": resource_id(pathway.slug, version.number),
        "meta": {"profile": [CPG_PATHWAY_PROFILE]},
        "extension": [
            {"url": KNOWLEDGE_CAPABILITY, "valueCode": "shareable"},
            {"url": KNOWLEDGE_LEVEL, "valueCode": "semi-structured"},
        ],
        "url": version_url(version.number),
        "identifier": [
            {
                "use": "official",
                "system": link(reverse("verify_form")),
                "value": version.fingerprint,
            }
        ],
        "version": version.number,
        "name": machine_name(pathway.slug),
        "title": version.title,
        "type": {"coding": [PLAN_TYPE]},
        "status": "active" if is_current else "retired",
        "experimental": False,
        "date": _moment(version.published_at),
        "publisher": PUBLISHER,
        "author": [_author(pathway.network, link)],
        "description": version.summary.strip() or _introduction(sections) or version.title,
        "useContext": [
            {
                "code": {
                    "system": USAGE_CONTEXT_TYPE,
                    "code": "focus",
                    "display": "Clinical Focus",
                },
                "valueCodeableConcept": {"text": pathway.cancer_type.name},
            }
        ],
        "jurisdiction": [SCOTLAND],
        "approvalDate": _day(version.published_at),
        # Every version is reviewed, and agreed, before it is published: no other record.
        "lastReviewDate": _day(version.published_at),
        "effectivePeriod": _period(version, is_current),
        "relatedArtifact": [
            *(citation(reference) for reference in references),
            *_lineage(is_current, predecessor_number, successor_number, version_url),
        ],
        "action": actions(sections, references, regimens),
    }
    usage = _usage(version, is_current, successor_number)
    if usage:
        resource["usage"] = usage
    return _without_empty(resource)


def resource_id(slug, number):
    """The resource's logical id ("ovarian-cancer-2.0"), within FHIR's 64 characters of
    letters, digits, "-" and "."."""
    suffix = f"-{number}"
    return re.sub(r"[^A-Za-z0-9.-]", "-", slug)[: 64 - len(suffix)] + suffix


def machine_name(slug):
    """A computable name for the pathway, as FHIR wants it (`[A-Z]([A-Za-z0-9_]){0,254}`):
    "ovarian-cancer" is "OvarianCancer"."""
    name = "".join(part[:1].upper() + part[1:] for part in re.split(r"[^A-Za-z0-9]+", slug))
    if not name[:1].isalpha():
        name = "Pathway" + name
    return name[:255]


def citation(reference):
    """A reference as a related artifact: "SMC2689: title", with its address when it has one."""
    kind = Reference.Kind(reference.kind).label
    details = [f"{kind} {reference.identifier}".strip()]
    if reference.medicine:
        details.append(reference.medicine)
    if reference.decision:
        details.append(Reference.Decision(reference.decision).label.lower())
    if reference.issued_on:
        details.append(f"issued {format_date(reference.issued_on, 'j F Y')}")
    return {
        "type": "citation",
        "label": reference.identifier or None,
        "display": (
            f"{reference.identifier}: {reference.title}"
            if reference.identifier
            else reference.title
        ),
        "citation": f"{reference.title}. {', '.join(details)}.",
        "url": reference.url or None,
    }


def actions(sections, references, regimens):
    """One action for each section, in order, each with the references that inform it and the
    regimens shown under it; regimens shown after the text follow, as one more action."""
    anchors = {section.anchor for section in sections}
    result = []
    for section in sections:
        result.append(
            {
                "id": section.anchor,
                "title": section.heading or INTRODUCTION,
                "description": section.text.strip() or section.heading or INTRODUCTION,
                "code": [ACTION_CODE],
                "documentation": [
                    citation(reference)
                    for reference in references
                    if section.anchor in reference.sections
                ],
                "action": [
                    regimen_action(regimen)
                    for regimen in regimens
                    if regimen.section == section.anchor
                ],
            }
        )
    after_text = [regimen for regimen in regimens if regimen.section not in anchors]
    if after_text:
        anchor = "regimens"
        while anchor in anchors:
            anchor += "-table"
        result.append(
            {
                "id": anchor,
                "title": "Regimens",
                "description": "Systemic anti-cancer therapy regimens this pathway names.",
                "code": [ACTION_CODE],
                "action": [regimen_action(regimen) for regimen in after_text],
            }
        )
    return result


def regimen_action(regimen):
    """A regimen as an action: its intent, setting and medicines, and the advice it rests on."""
    intent = Regimen.Intent(regimen.intent).label
    medicines = ", ".join(regimen.medicines)
    return {
        "id": f"regimen-{regimen.pk}",
        "title": regimen.name,
        "description": f"{intent}: {regimen.setting.strip()}. Medicines: {medicines}.",
        "code": [ACTION_CODE],
        "documentation": [citation(regimen.advice)] if regimen.advice_id else [],
    }


def _author(network, link):
    return {
        "name": network.name,
        "telecom": [
            {
                "system": "url",
                "value": link(reverse("networks:detail", kwargs={"slug": network.slug})),
            }
        ],
    }


def _introduction(sections):
    for section in sections:
        if not section.heading:
            return section.text.strip()
    return ""


def _lineage(is_current, predecessor_number, successor_number, version_url):
    if predecessor_number:
        yield {
            "type": "predecessor",
            "display": f"Version {predecessor_number}",
            "resource": version_url(predecessor_number),
        }
    if successor_number and not is_current:
        yield {
            "type": "successor",
            "display": f"Version {successor_number}",
            "resource": version_url(successor_number),
        }


def _period(version, is_current):
    # A version stops being current when a later one takes effect or the pathway is withdrawn
    # (`superseded_at`); while it is current, its period is open, even with a successor
    # scheduled.
    period = {"start": _moment(version.effective_from)}
    if not is_current and version.superseded_at:
        period["end"] = _moment(version.superseded_at)
    return period


def _usage(version, is_current, successor_number):
    """What a system showing a version no longer current should tell its reader."""
    if is_current or not version.superseded_at:
        return ""
    day = format_date(timezone.localtime(version.superseded_at), "j F Y")
    if successor_number:
        return f"Superseded by version {successor_number} on {day}: do not use for care."
    pathway = version.pathway
    reason = f" {pathway.withdrawal_reason.strip()}" if pathway.withdrawal_reason else ""
    return f"The pathway was withdrawn on {day}: do not use for care.{reason}"


def _moment(moment):
    return timezone.localtime(moment).isoformat(timespec="seconds")


def _day(moment):
    return timezone.localtime(moment).date().isoformat()


def _without_empty(value):
    """FHIR has no empty strings, lists or objects: an element without a value is left out."""
    if isinstance(value, dict):
        kept = {key: _without_empty(item) for key, item in value.items()}
        return {key: item for key, item in kept.items() if item not in (None, "", [], {})}
    if isinstance(value, list):
        kept = [_without_empty(item) for item in value]
        return [item for item in kept if item not in (None, "", [], {})]
    return value
