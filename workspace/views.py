"""The workspace: authoring, review and publication pages. Login required throughout.

Views read and render; every change goes through `pathways.services`. Objects are fetched
only through `_get_pathway` / `_get_version`, which answer 404 to anyone with no role in the
owning network (they need not learn it exists); the services answer 403 to a person who can
see the pathway but may not do what they asked.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from pathways import consensus, policy, services
from pathways.models import Event, Pathway, PathwayVersion
from pathways.policy import Action, NetworkAction, PathwayAction
from pathways.structure import structure_of
from workspace.forms import (
    CreatePathwayForm,
    DraftForm,
    PublishForm,
    ReclassifyForm,
    SubmitForm,
    WithdrawForm,
)

Status = PathwayVersion.Status
# The versions whose consensus My pathways shows.
UNDER_REVIEW = [Status.IN_REVIEW, Status.CHANGES_REQUESTED, Status.APPROVED]


def _get_pathway(user, slug):
    pathway = get_object_or_404(Pathway.objects.select_related("network", "cancer_type"), slug=slug)
    if not policy.sees_in_workspace(user, pathway):
        raise Http404
    return pathway


def _get_version(user, pk):
    version = get_object_or_404(
        PathwayVersion.objects.select_related(
            "pathway__network", "pathway__cancer_type", "author", "based_on"
        ),
        pk=pk,
    )
    if not policy.sees_in_workspace(user, version.pathway):
        raise Http404
    return version


def _attempt(request, action, **arguments):
    """Run a service; on a refusal for the current state, tell the person and return None."""
    try:
        return action(actor=request.user, **arguments)
    except services.TransitionError as refusal:
        messages.error(request, str(refusal))
        return None


def _breadcrumbs(*trail):
    return [("Workspace", reverse("workspace:dashboard")), *trail]


def _pathway_crumb(pathway):
    return (pathway.title, reverse("workspace:pathway", args=[pathway.slug]))


@login_required
def dashboard(request):
    user = request.user
    pathways = Pathway.objects.select_related("network", "cancer_type").prefetch_related(
        Prefetch(
            "versions",
            queryset=PathwayVersion.objects.exclude(status=Status.DISCARDED).newest_first(),
        ),
        Prefetch("versions", queryset=PathwayVersion.objects.current(), to_attr="current_now"),
    )
    pathways = pathways.filter(network__in=policy.networks_for(user, PathwayAction.VIEW))
    pathways = list(pathways.order_by("network__name", "title"))
    for each in pathways:
        versions = each.versions.all()  # prefetched, newest first
        each.current = next(iter(each.current_now), None)
        each.scheduled = next((v for v in versions if v.is_scheduled), None)
        each.open_version = next((v for v in versions if v.is_open), None)
    # Where each version under review stands, all in a few queries (pathways.consensus).
    reviewing = [
        each.open_version
        for each in pathways
        if each.open_version and each.open_version.status in UNDER_REVIEW
    ]
    standing = consensus.consensus_of_each(reviewing)
    for each in pathways:
        each.consensus = standing.get(each.open_version.pk) if each.open_version else None
    waiting = _review_queue(user).count()
    return render(
        request,
        "workspace/dashboard.html",
        {
            "pathways": pathways,
            "can_create": policy.networks_for(user, PathwayAction.CREATE).exists(),
            "waiting_for_review": waiting,
            # Where a manager (or lead) keeps the work plan and the annual report.
            "networks_kept": list(
                policy.networks_for(user, NetworkAction.KEEP_WORK_PLAN).order_by("name")
            ),
        },
    )


def _review_queue(user):
    """Versions in review in the user's networks that they did not write and have not decided."""
    return (
        policy.versions_for(user, Action.APPROVE)
        .select_related("pathway__network", "author")
        .order_by("submitted_at")
    )


@login_required
def review_queue(request):
    versions = list(_review_queue(request.user))
    standing = consensus.consensus_of_each(versions)
    for version in versions:
        version.consensus = standing[version.pk]
    return render(
        request,
        "workspace/review_queue.html",
        {
            "versions": versions,
            "breadcrumbs": _breadcrumbs(),
        },
    )


@login_required
def create_pathway(request):
    form = CreatePathwayForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        version = _attempt(request, services.create_pathway, **form.cleaned_data)
        if version:
            messages.success(request, "Pathway created. Write its first version.")
            return redirect("workspace:edit", pk=version.pk)
    return render(
        request,
        "workspace/create_pathway.html",
        {
            "form": form,
            "breadcrumbs": _breadcrumbs(),
        },
    )


@login_required
def pathway(request, slug):
    pathway = _get_pathway(request.user, slug)
    versions = (
        pathway.versions.exclude(status=Status.DISCARDED).newest_first().select_related("author")
    )
    return render(
        request,
        "workspace/pathway.html",
        {
            "pathway": pathway,
            "versions": versions,
            "open_version": next((v for v in versions if v.is_open), None),
            "pathway_actions": {
                action.value
                for action in (PathwayAction.NEW_VERSION, PathwayAction.WITHDRAW)
                if policy.permits_on_pathway(request.user, action, pathway)
            },
            "breadcrumbs": _breadcrumbs(),
        },
    )


@login_required
@require_POST
def new_version(request, slug):
    pathway = _get_pathway(request.user, slug)
    version = _attempt(request, services.start_new_version, pathway=pathway)
    if version:
        messages.success(request, "New version started from the current text.")
        return redirect("workspace:edit", pk=version.pk)
    return redirect("workspace:pathway", slug=slug)


@login_required
def withdraw(request, slug):
    pathway = _get_pathway(request.user, slug)
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if _attempt(
            request, services.withdraw, pathway=pathway, reason=form.cleaned_data["reason"]
        ):
            messages.success(request, "The pathway is withdrawn. Readers now see your reason.")
            return redirect("workspace:pathway", slug=slug)
    return render(
        request,
        "workspace/withdraw.html",
        {
            "pathway": pathway,
            "form": form,
            "breadcrumbs": _breadcrumbs(_pathway_crumb(pathway)),
        },
    )


def _version_context(request, version, **extra):
    events = version.events.select_related("actor")
    reviews = version.reviews.select_related("reviewer").order_by("created_at")
    return {
        "version": version,
        "pathway": version.pathway,
        "events": events,
        "reviews": reviews,
        "actions": policy.permitted_actions(request.user, version),
        "structure": structure_of(version),
        "breadcrumbs": _breadcrumbs(_pathway_crumb(version.pathway)),
        **extra,
    }


@login_required
def version(request, pk):
    version = _get_version(request.user, pk)
    context = _version_context(
        request,
        version,
        consensus=consensus.consensus_of(version),
        reclassify_form=ReclassifyForm(),
    )
    context["earlier_decisions"] = [review for review in context["reviews"] if review.voided_at]
    return render(request, "workspace/version.html", context)


@login_required
def edit(request, pk):
    version = _get_version(request.user, pk)
    policy.require_role(request.user, Action.EDIT, version.pathway.network)
    preview = None
    if request.method == "POST":
        form = DraftForm(request.POST)
        if form.is_valid():
            if "preview" in request.POST:
                preview = PathwayVersion(pathway=version.pathway, based_on=version.based_on)
                preview.set_content(
                    **{k: form.cleaned_data[k] for k in ("title", "summary", "body")}
                )
            else:
                try:
                    saved = services.save_draft(
                        actor=request.user, version=version, **form.cleaned_data
                    )
                except services.StaleEdit as stale:
                    # Their text stays in the form, now based on the latest save, and the
                    # saved text is shown beside it to compare before saving again.
                    version.refresh_from_db()
                    data = request.POST.copy()
                    data["edit_count"] = version.edit_count
                    form = DraftForm(data)
                    form.add_error(None, str(stale))
                    return render(
                        request,
                        "workspace/edit.html",
                        _version_context(request, version, form=form, stale=True),
                        status=409,
                    )
                except services.TransitionError as refusal:
                    messages.error(request, str(refusal))
                    return redirect("workspace:version", pk=pk)
                messages.success(request, "Draft saved.")
                for label in saved.detached_references:
                    messages.warning(
                        request,
                        f"{label} informed a section no longer in the text: choose its "
                        "sections again under References and regimens.",
                    )
                return redirect("workspace:edit", pk=pk)
    else:
        if not version.is_editable:
            messages.error(
                request,
                f"This version is {version.get_status_display().lower()}: it cannot be edited now.",
            )
            return redirect("workspace:version", pk=pk)
        form = DraftForm(
            initial={
                "title": version.title,
                "summary": version.summary,
                "body": version.body,
                "edit_count": version.edit_count,
            }
        )
    return render(
        request,
        "workspace/edit.html",
        _version_context(request, version, form=form, preview=preview),
    )


@login_required
def submit(request, pk):
    version = _get_version(request.user, pk)
    terms = services.submission_terms(version)
    form = SubmitForm(request.POST or None, terms=terms)
    if request.method == "POST" and form.is_valid():
        if _attempt(request, services.submit, version=version, **form.cleaned_data):
            messages.success(
                request, "Submitted for review. The network's reviewers have been told."
            )
            return redirect("workspace:version", pk=pk)
    return render(
        request, "workspace/submit.html", _version_context(request, version, form=form, terms=terms)
    )


@login_required
@require_POST
def recall(request, pk):
    version = _get_version(request.user, pk)
    if _attempt(request, services.recall, version=version):
        messages.success(request, "Recalled to draft.")
    return redirect("workspace:version", pk=pk)


@login_required
def discard(request, pk):
    """Discarding is asked for (GET shows what would go) and then confirmed (POST): a page, not
    a script, because the Content-Security-Policy allows no inline script."""
    version = _get_version(request.user, pk)
    policy.require_role(request.user, Action.DISCARD, version.pathway.network)
    if request.method == "POST":
        if _attempt(request, services.discard, version=version):
            messages.success(request, "Version discarded.")
            return redirect("workspace:pathway", slug=version.pathway.slug)
        return redirect("workspace:version", pk=pk)
    if not version.is_open:
        messages.error(
            request,
            f"This version is {version.get_status_display().lower()}: it cannot be discarded.",
        )
        return redirect("workspace:version", pk=pk)
    last_saved = version.events.filter(action=Event.Action.SAVED).select_related("actor").last()
    return render(
        request,
        "workspace/discard.html",
        _version_context(request, version, last_saved=last_saved),
    )


@login_required
def publish(request, pk):
    version = _get_version(request.user, pk)
    policy.require_role(request.user, Action.PUBLISH, version.pathway.network)
    form = PublishForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            published = services.publish(actor=request.user, version=version, **form.cleaned_data)
        except services.AlreadyPublished as done:
            # A second press of Publish (or someone else's): the outcome the person wanted has
            # happened, so show it once, not as an error beside the first press's success.
            _say_once(request, _published_message(done.version), otherwise=str(done))
            return redirect("workspace:version", pk=pk)
        except services.TransitionError as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(request, _published_message(published))
            return redirect("workspace:version", pk=pk)
    return render(request, "workspace/publish.html", _version_context(request, version, form=form))


def _published_message(version):
    when = "scheduled" if version.is_scheduled else "published"
    return f"Version {version.number} {when}."


def _say_once(request, message, *, otherwise):
    """Tell the person `otherwise`, unless `message` is already waiting to be shown to them."""
    storage = messages.get_messages(request)
    waiting = [str(m) for m in storage]
    storage.used = False  # reading them must not use them up: the next page shows them
    if message not in waiting:
        messages.info(request, otherwise)
