"""A draft's references and SACT regimens: listed, added and removed on one page, each change
through `pathways.content_services`."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from pathways import content_services, policy, services
from pathways.policy import Action
from workspace.content_forms import ReferenceForm, RegimenForm
from workspace.views import _breadcrumbs, _get_version, _pathway_crumb


def _page(request, version, *, reference_form=None, regimen_form=None, status=200):
    sections = list(version.sections.all())
    advice = list(content_services.medicines_advice_for(version))
    context = {
        "version": version,
        "pathway": version.pathway,
        "references": version.references.all(),
        "regimens": version.regimens.select_related("advice"),
        "headings": {section.anchor: section.heading for section in sections},
        "reference_form": reference_form or ReferenceForm(sections=sections),
        "regimen_form": regimen_form or RegimenForm(advice=advice, sections=sections),
        "editable": policy.permits(request.user, Action.EDIT, version),
        "breadcrumbs": _breadcrumbs(_pathway_crumb(version.pathway)),
    }
    return render(request, "workspace/content.html", context, status=status)


@login_required
def content(request, pk):
    version = _get_version(request.user, pk)
    return _page(request, version)


def _change(request, version, change, form, form_name, done):
    """Run `change` with the form's data; on invalid input show the page again with the
    reasons (400), on a refusal for the version's state say so."""
    policy.require_role(request.user, Action.EDIT, version.pathway.network)
    if form.is_valid():
        try:
            change(form.cleaned_data)
        except ValidationError as invalid:
            form.add_error(None, invalid)
        except services.TransitionError as refusal:
            messages.error(request, str(refusal))
            return redirect("workspace:content", pk=version.pk)
        else:
            messages.success(request, done(form.cleaned_data))
            return redirect("workspace:content", pk=version.pk)
    return _page(request, version, status=400, **{form_name: form})


@login_required
@require_POST
def cite(request, pk):
    version = _get_version(request.user, pk)
    form = ReferenceForm(request.POST, sections=version.sections.all())
    return _change(
        request,
        version,
        lambda data: content_services.cite(actor=request.user, version=version, **data),
        form,
        "reference_form",
        lambda data: "Reference added.",
    )


@login_required
@require_POST
def add_regimen(request, pk):
    version = _get_version(request.user, pk)
    form = RegimenForm(
        request.POST,
        advice=content_services.medicines_advice_for(version),
        sections=version.sections.all(),
    )

    def add(data):
        data = dict(data)
        content_services.add_regimen(
            actor=request.user, version=version, advice_id=data.pop("advice"), **data
        )

    return _change(
        request, version, add, form, "regimen_form", lambda data: f"{data['name']} added."
    )


def _remove(request, pk, change, id_name, done):
    version = _get_version(request.user, pk)
    policy.require_role(request.user, Action.EDIT, version.pathway.network)
    try:
        item_id = int(request.POST.get(id_name, ""))
    except ValueError:
        messages.error(request, "Choose what to remove.")
    else:
        try:
            change(actor=request.user, version=version, **{id_name: item_id})
        except services.TransitionError as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(request, done)
    return redirect("workspace:content", pk=pk)


@login_required
@require_POST
def uncite(request, pk):
    return _remove(request, pk, content_services.uncite, "reference_id", "Reference removed.")


@login_required
@require_POST
def remove_regimen(request, pk):
    return _remove(request, pk, content_services.remove_regimen, "regimen_id", "Regimen removed.")
