"""The network workspace: a network's work plan, annual reports and timeline, the programme
team's review of reports, and proposals for new national networks. Login required throughout.

As in `workspace.views`: pages read and render, every change goes through
`pathways.network_services`, and what a page offers is the policy's answer. A network is
shown only to people with a role in it and the programme team (404 to anyone else: they need
not learn what it is doing); the services answer 403 to a person who sees it but may not act.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from networks.cycle import default_report_due, work_plan_closed
from networks.models import AnnualReport, Network, NetworkEvent, Objective, Proposal
from pathways import network_services as services
from pathways import policy
from pathways.policy import NetworkAction
from pathways.services import TransitionError
from workspace.network_forms import (
    DecisionForm,
    ObjectiveForm,
    ObjectiveUpdateForm,
    OpenReportsForm,
    ProposalForm,
    ReportForm,
    ReviewReportForm,
)

TIMELINE_LENGTH = 50
WORK_PLAN_YEARS = range(2000, 2101)  # as the database's check allows


def _attempt(request, action, **arguments):
    """Run a service; on a refusal for the current state, tell the person and return None."""
    try:
        return action(actor=request.user, **arguments)
    except TransitionError as refusal:
        messages.error(request, str(refusal))
        return None


def _get_network(user, slug):
    network = get_object_or_404(Network, slug=slug)
    if not policy.sees_network_workspace(user, network):
        raise Http404
    return network


def _get_report(user, pk):
    reports = AnnualReport.objects.with_overdue(timezone.localdate()).select_related("network")
    report = get_object_or_404(reports, pk=pk)
    if not policy.sees_network_workspace(user, report.network):
        raise Http404
    return report


def _programme_team_only(user):
    if not policy.is_programme_team(user):
        raise PermissionDenied(policy.ROLE_REFUSALS[NetworkAction.DECIDE_PROPOSALS])


def _breadcrumbs(*trail):
    return [
        ("Workspace", reverse("workspace:dashboard")),
        ("Networks", reverse("workspace:networks")),
        *trail,
    ]


def _network_crumb(network):
    return (network.short_name, reverse("workspace:network", args=[network.slug]))


@login_required
def network_list(request):
    """The networks whose cycle this person follows (the programme team: every one in the annual
    cycle), each with where its latest report stands; the programme team also sees the reports
    waiting for its review and asks for the year's reports."""
    user = request.user
    team = policy.is_programme_team(user)
    networks = Network.objects.filter(
        pk__in=policy.networks_for(user, NetworkAction.VIEW)
    ).order_by("kind", "name")
    if team:
        networks = networks.in_annual_cycle()
    reports = (
        AnnualReport.objects.with_overdue(timezone.localdate())
        .filter(network__in=networks)
        .order_by("network_id", "-year")
    )
    latest = {}
    for report in reports:
        latest.setdefault(report.network_id, report)
    form = None
    if team:
        last_year = timezone.localdate().year - 1
        form = OpenReportsForm(initial={"year": last_year, "due_on": default_report_due(last_year)})
    return render(
        request,
        "workspace/networks/list.html",
        {
            "rows": [(network, latest.get(network.pk)) for network in networks],
            "team": team,
            "to_review": policy.reports_for(user, NetworkAction.REVIEW_REPORT)
            .select_related("network")
            .order_by("submitted_at"),
            "form": form,
            "breadcrumbs": [("Workspace", reverse("workspace:dashboard"))],
        },
    )


@login_required
@require_POST
def open_reports(request):
    _programme_team_only(request.user)
    form = OpenReportsForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Give the year the reports cover and the date they are due.")
        return redirect("workspace:networks")
    opened = _attempt(request, services.open_reports, **form.cleaned_data)
    if opened is not None:
        year = form.cleaned_data["year"]
        messages.success(
            request,
            f"Asked {len(opened)} network{'s' if len(opened) != 1 else ''} for their {year} "
            "report (networks already asked were left as they are).",
        )
    return redirect("workspace:networks")


@login_required
def network(request, slug):
    network = _get_network(request.user, slug)
    year = _work_plan_year(request, network)
    this_year = timezone.localdate().year
    objectives = network.objectives.filter(year=year).select_related("updated_by")
    editable = set(
        policy.objectives_for(request.user)
        .filter(network=network, year=year)
        .values_list("pk", flat=True)
    )
    events = NetworkEvent.objects.filter(network=network).select_related("actor", "report")
    return render(
        request,
        "workspace/networks/network.html",
        {
            "network": network,
            "year": year,
            # Every other year with a plan, and next year's, to start it.
            "other_years": sorted(
                (set(network.objectives.values_list("year", flat=True)) | {this_year + 1}) - {year},
                reverse=True,
            ),
            "objectives": [(objective, objective.pk in editable) for objective in objectives],
            "can_add": policy.may_add_objective(request.user, network, year),
            "closed": policy.closed_to(request.user, NetworkAction.KEEP_WORK_PLAN, network),
            "reports": network.annual_reports.with_overdue(timezone.localdate()).order_by("-year"),
            "events": events.order_by("-created_at", "-pk")[:TIMELINE_LENGTH],
            "breadcrumbs": _breadcrumbs(),
        },
    )


def _work_plan_year(request, network):
    """The year asked for, else this year's work plan."""
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        year = None
    return year if year in WORK_PLAN_YEARS else timezone.localdate().year


@login_required
def add_objective(request, slug):
    network = _get_network(request.user, slug)
    policy.require_role(request.user, NetworkAction.KEEP_WORK_PLAN, network)
    year = _work_plan_year(request, network)
    form = ObjectiveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if _attempt(
            request, services.add_objective, network=network, year=year, **form.cleaned_data
        ):
            messages.success(request, "The objective is in the work plan.")
            return redirect(_work_plan_url(network, year))
    return render(
        request,
        "workspace/networks/objective_form.html",
        {
            "network": network,
            "year": year,
            "form": form,
            "breadcrumbs": _breadcrumbs(_network_crumb(network)),
        },
    )


def _work_plan_url(network, year):
    return reverse("workspace:network", args=[network.slug]) + f"?year={year}#work-plan"


@login_required
def objective(request, pk):
    objective = get_object_or_404(Objective.objects.select_related("network"), pk=pk)
    if not policy.sees_network_workspace(request.user, objective.network):
        raise Http404
    may_update = policy.permits_on_objective(request.user, objective)
    closed = policy.closed_to(request.user, NetworkAction.KEEP_WORK_PLAN, objective.network)
    if request.method == "POST" and not may_update:
        # 403 (whatever was posted) for someone who never keeps this work plan; a keeper hears
        # from the service why not (the network has closed, or the year's report was accepted).
        if not closed:
            policy.require_role(request.user, NetworkAction.KEEP_WORK_PLAN, objective.network)
        _attempt(
            request,
            services.update_objective,
            objective=objective,
            status=objective.status,
            note=objective.note,
        )
        return redirect("workspace:objective", pk=objective.pk)
    initial = {field: getattr(objective, field) for field in ("status", "note", "owner", "due_on")}
    form = ObjectiveUpdateForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        if _attempt(request, services.update_objective, objective=objective, **form.cleaned_data):
            messages.success(request, "The objective is updated.")
            return redirect(_work_plan_url(objective.network, objective.year))
    return render(
        request,
        "workspace/networks/objective.html",
        {
            "objective": objective,
            "network": objective.network,
            "form": form if may_update else None,
            "closed": closed,
            "reported": work_plan_closed(objective.network, objective.year),
            "events": objective.events.select_related("actor").order_by("-created_at"),
            "breadcrumbs": _breadcrumbs(_network_crumb(objective.network)),
        },
    )


@login_required
def report(request, pk):
    report = _get_report(request.user, pk)
    actions = policy.permitted_report_actions(request.user, report)
    initial = {field: getattr(report, field) for field, _heading in AnnualReport.SECTIONS}
    initial["last_saved"] = report.updated_at.isoformat()
    form = ReportForm(initial=initial) if NetworkAction.WRITE_REPORT in actions else None
    if request.method == "POST" and form is None:
        # Not theirs to write (403), or no longer (submitted from another tab, say): the service
        # says which, and the page shows the report as it now stands, without the stale form.
        _attempt(request, services.save_report, report=report)
        return redirect("workspace:report", pk=report.pk)
    if request.method == "POST":
        form = ReportForm(request.POST)
        if form.is_valid():
            submitting = "submit" in request.POST
            sections = {**form.cleaned_data, "last_saved": form.cleaned_data["last_saved"] or None}
            saved = _attempt(request, services.save_report, report=report, **sections)
            if saved and submitting:
                saved = _attempt(request, services.submit_report, report=report)
                if saved:
                    messages.success(request, "Submitted: the programme team will review it.")
                    return redirect("workspace:report", pk=report.pk)
            elif saved:
                messages.success(request, "Saved. It stays with the network until you submit it.")
                return redirect("workspace:report", pk=report.pk)
            report.refresh_from_db()
            # Told that someone saved since, a second press saves this text over theirs.
            form.data = form.data.copy()
            form.data["last_saved"] = report.updated_at.isoformat()
    return render(
        request,
        "workspace/networks/report.html",
        {
            "report": report,
            "network": report.network,
            "form": form,
            "review_form": ReviewReportForm() if NetworkAction.REVIEW_REPORT in actions else None,
            "closed": policy.closed_to(request.user, NetworkAction.WRITE_REPORT, report.network),
            "events": report.events.select_related("actor").order_by("-created_at", "-pk"),
            "breadcrumbs": _breadcrumbs(_network_crumb(report.network)),
        },
    )


@login_required
@require_POST
def review_report(request, pk):
    report = _get_report(request.user, pk)
    policy.require_role(request.user, NetworkAction.REVIEW_REPORT, report.network)
    form = ReviewReportForm(request.POST)
    if form.is_valid():
        if form.cleaned_data["decision"] == form.ACCEPT:
            done = _attempt(
                request,
                services.accept_report,
                report=report,
                note=form.cleaned_data["comments"],
            )
            said = "Accepted: the report is published on the network's public page."
        else:
            done = _attempt(
                request,
                services.return_report,
                report=report,
                comments=form.cleaned_data["comments"],
            )
            said = "Returned to the network with your comments."
        if done:
            messages.success(request, said)
            return redirect("workspace:report", pk=report.pk)
        return redirect("workspace:report", pk=report.pk)
    return render(
        request,
        "workspace/networks/report.html",
        {
            "report": report,
            "network": report.network,
            "form": None,
            "review_form": form,
            "events": report.events.select_related("actor").order_by("-created_at", "-pk"),
            "breadcrumbs": _breadcrumbs(_network_crumb(report.network)),
        },
        status=400,
    )


# Proposals for new national networks: the programme team's.


@login_required
def proposals(request):
    _programme_team_only(request.user)
    every = Proposal.objects.select_related("network").prefetch_related("supporting_boards")
    return render(
        request,
        "workspace/networks/proposals.html",
        {
            "awaiting": every.awaiting(),
            "decided": every.exclude(pk__in=Proposal.objects.awaiting()),
            "breadcrumbs": _breadcrumbs(),
        },
    )


@login_required
def new_proposal(request):
    _programme_team_only(request.user)
    form = ProposalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        proposal = _attempt(request, services.record_proposal, **form.cleaned_data)
        if proposal:
            messages.success(request, "The proposal is recorded. It awaits a decision.")
            return redirect("workspace:proposal", pk=proposal.pk)
    return render(
        request,
        "workspace/networks/proposal_form.html",
        {"form": form, "breadcrumbs": _breadcrumbs(("Proposals", reverse("workspace:proposals")))},
    )


@login_required
def proposal(request, pk):
    _programme_team_only(request.user)
    proposal = get_object_or_404(Proposal.objects.select_related("network"), pk=pk)
    may_decide = policy.proposals_for(request.user).filter(pk=proposal.pk).exists()
    form = DecisionForm(request.POST or None) if may_decide else None
    if request.method == "POST" and form is None:
        # Decided already (a second press, another tab): the service says the decision stands.
        _attempt(
            request,
            services.decide_proposal,
            proposal=proposal,
            decision="",
            reason="",
            decided_on=None,
        )
        return redirect("workspace:proposal", pk=proposal.pk)
    if request.method == "POST" and form is not None and form.is_valid():
        decided = _attempt(
            request, services.decide_proposal, proposal=proposal, **form.cleaned_data
        )
        if decided:
            messages.success(request, f"Decision recorded: {decided.get_decision_display()}.")
            return redirect("workspace:proposal", pk=proposal.pk)
    return render(
        request,
        "workspace/networks/proposal.html",
        {
            "proposal": proposal,
            "form": form,
            "events": proposal.events.select_related("actor").order_by("-created_at", "-pk"),
            "breadcrumbs": _breadcrumbs(("Proposals", reverse("workspace:proposals"))),
        },
    )
