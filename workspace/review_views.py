"""Review pages: a reviewer's decision with their declaration of interests, reclassifying a
minor change as major, and a lead's answer to a request for changes.

As in `workspace.views`, versions are fetched only through its access helper, every change
goes through `pathways.services`, and where a version stands is `pathways.consensus`'s to say.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from pathways import consensus, diff, policy, services
from pathways.models import PathwayVersion, Review
from pathways.policy import Action
from workspace.forms import AnswerForm, ReclassifyForm, ReviewForm
from workspace.views import _attempt, _get_version, _version_context

Decision = Review.Decision
Status = PathwayVersion.Status


def _decide(request, version, form):
    """Record the decision `form` holds through its service; returns the version, or None
    when the service refused (the person is told why)."""
    decision, interests = form.cleaned_data["decision"], form.declared_interests()
    if decision == Decision.REQUEST_CHANGES:
        return _attempt(
            request,
            services.request_changes,
            version=version,
            comment=form.cleaned_data["comment"],
            interests=interests,
        )
    if decision == Decision.APPROVE_WITH_RESERVATION:
        return _attempt(
            request,
            services.approve,
            version=version,
            reservation=form.cleaned_data["reservation"],
            interests=interests,
        )
    return _attempt(
        request,
        services.approve,
        version=version,
        comment=form.cleaned_data["approval_comment"],
        interests=interests,
    )


DECIDED = {
    Decision.APPROVE: "Approved.",
    Decision.APPROVE_WITH_RESERVATION: "Approved, with your reservation recorded.",
    Decision.REQUEST_CHANGES: "Changes requested. The author has been told.",
}


@login_required
def review(request, pk):
    version = _get_version(request.user, pk)
    if not policy.at_the_table(request.user, version.pathway):
        raise PermissionDenied(policy.ROLE_REFUSALS[Action.APPROVE])
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if _decide(request, version, form):
            messages.success(request, DECIDED[form.cleaned_data["decision"]])
            return redirect("workspace:version", pk=pk)
        version = _get_version(request.user, pk)
    current = version.pathway.versions.published().newest_first().first()
    changes = diff.compare_documents(current.body_html if current else "", version.body_html)
    return render(
        request,
        "workspace/review.html",
        _version_context(
            request,
            version,
            form=form,
            current=current,
            changes=changes,
            consensus=consensus.consensus_of(version),
            reclassify_form=ReclassifyForm(),
        ),
    )


@login_required
@require_POST
def reclassify(request, pk):
    """Reclassify a minor change as major; back to the version page, told the outcome."""
    version = _get_version(request.user, pk)
    form = ReclassifyForm(request.POST)
    if not form.is_valid():
        for error in form.errors.get("reason", []):
            messages.error(request, error)
    elif reclassified := _attempt(
        request, services.reclassify, version=version, reason=form.cleaned_data["reason"]
    ):
        needs = consensus.consensus_of(reclassified).requirement.describe()
        messages.success(request, f"Reclassified as a major change: it now needs {needs}.")
    return redirect("workspace:version", pk=pk)


@login_required
def answer(request, pk):
    """A lead's answers to the requests for changes open on a version, one form each."""
    version = _get_version(request.user, pk)
    policy.require_role(request.user, Action.ANSWER, version.pathway.network)
    if request.method == "GET" and not policy.permits(request.user, Action.ANSWER, version):
        messages.info(request, "No request for changes waits on this version for your answer.")
        return redirect("workspace:version", pk=pk)
    posted = AnswerForm(request.POST) if request.method == "POST" else None
    if posted is not None and posted.is_valid():
        request_for_changes = get_object_or_404(version.reviews, pk=posted.cleaned_data["review"])
        answered = _attempt(
            request,
            services.answer_request,
            review=request_for_changes,
            answer=posted.cleaned_data["answer"],
        )
        if answered:
            messages.success(
                request,
                "Answered: the request no longer holds the version back. "
                + {
                    Status.APPROVED: "Its text already has the approvals it needs: it is approved.",
                    Status.IN_REVIEW: "It is back in review.",
                }.get(answered.status, "Another request for changes still waits for an answer."),
            )
            return redirect("workspace:version", pk=pk)
        version = _get_version(request.user, pk)
    standing = consensus.consensus_of(version)

    def form_for(request_for_changes):
        if posted is not None and posted.data.get("review") == str(request_for_changes.pk):
            return posted  # with what the lead typed, and its errors
        return AnswerForm(initial={"review": request_for_changes.pk})

    return render(
        request,
        "workspace/answer.html",
        _version_context(
            request,
            version,
            consensus=standing,
            requests=[(each, form_for(each)) for each in standing.open_requests],
            form=posted,
        ),
    )
