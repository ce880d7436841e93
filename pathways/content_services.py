"""Services for a draft's structured content: the references it cites and its SACT regimens.

Each is a change to the draft like an edit of its text (`services.save_draft`): it needs the
same permission and state, counts as contributing (so its author may not review it), moves a
version with changes requested back to draft, advances the editor's lock, and voids decisions
made on the content before it. Invalid input raises `ValidationError` with a message per field,
and changes nothing.
"""

from django.core.exceptions import ValidationError
from django.utils import timezone

from pathways import policy
from pathways.content_models import Reference, Regimen
from pathways.models import Event, PathwayVersion
from pathways.services import TransitionError, _check, _lock_version, _move, service

NOT_EDITABLE = "This version is {status}, so its references and regimens cannot be changed."


def _lock_draft(actor, version):
    version = _lock_version(version)
    _check(actor, policy.Action.EDIT, version, NOT_EDITABLE)
    return version


def _changed(version, actor, note):
    previous = version.content_hash
    version.rehash()
    if version.content_hash != previous:
        version.reviews.filter(voided_at__isnull=True).update(voided_at=timezone.now())
    _move(
        version,
        actor=actor,
        action=Event.Action.SAVED,
        to_status=PathwayVersion.Status.DRAFT,
        note=note,
        edit_count=version.edit_count + 1,
    )


def _check_sections(version, anchors, field):
    known = set(version.sections.values_list("anchor", flat=True))
    unknown = [anchor for anchor in anchors if anchor not in known]
    if unknown:
        raise ValidationError({field: "Choose sections of this version's text."})


@service
def cite(*, actor, version, sections=(), **fields):
    """Add a reference to the draft `version`: `fields` are Reference's (kind, identifier,
    title, medicine, decision, issued_on, url); `sections` the anchors of the sections it
    informs."""
    version = _lock_draft(actor, version)
    reference = Reference(version=version, sections=list(dict.fromkeys(sections)), **fields)
    reference.full_clean()
    _check_sections(version, reference.sections, "sections")
    reference.save()
    _changed(version, actor, f"Cited {reference.label}.")
    return reference


@service
def uncite(*, actor, version, reference_id):
    """Remove a reference from the draft `version`."""
    version = _lock_draft(actor, version)
    reference = version.references.filter(pk=reference_id).first()
    if reference is None:
        raise TransitionError("That reference is not cited by this version.")
    resting = version.regimens.filter(advice=reference).values_list("name", flat=True)
    if resting:
        raise TransitionError(
            f"{', '.join(resting)} rests on {reference.label}: change or remove that regimen first."
        )
    reference.delete()
    _changed(version, actor, f"Removed the reference {reference.label}.")


def medicines_advice_for(version):
    """The medicines advice a regimen of `version` may rest on: cited by it or by any
    published version of its pathway, newest first."""
    return (
        Reference.objects.filter(
            version__pathway_id=version.pathway_id, kind__in=Reference.MEDICINES_ADVICE
        )
        .filter(version__status=PathwayVersion.Status.PUBLISHED)
        .union(version.references.filter(kind__in=Reference.MEDICINES_ADVICE))
        .order_by("-issued_on", "identifier")
    )


@service
def add_regimen(*, actor, version, advice_id=None, **fields):
    """Add a SACT regimen to the draft `version`: `fields` are Regimen's (name, medicines,
    intent, setting, section); `advice_id` names medicines advice from `medicines_advice_for`."""
    version = _lock_draft(actor, version)
    regimen = Regimen(version=version, **fields)
    if advice_id is not None:
        regimen.advice = next(
            (advice for advice in medicines_advice_for(version) if advice.pk == advice_id), None
        )
        if regimen.advice is None:
            raise ValidationError({"advice": "Choose medicines advice this pathway cites."})
    regimen.full_clean()
    if regimen.section:
        _check_sections(version, [regimen.section], "section")
    regimen.save()
    _changed(version, actor, f"Added the regimen {regimen.name}.")
    return regimen


@service
def remove_regimen(*, actor, version, regimen_id):
    version = _lock_draft(actor, version)
    regimen = version.regimens.filter(pk=regimen_id).first()
    if regimen is None:
        raise TransitionError("That regimen is not part of this version.")
    regimen.delete()
    _changed(version, actor, f"Removed the regimen {regimen.name}.")
