"""The programme team's pages in the workspace: oversight of what is overdue, due soon,
waiting or scheduled (each list also as CSV), and recent activity. Staff only."""

import csv

from django.conf import settings
from django.contrib.admin.views.decorators import staff_member_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from networks.models import Network, NetworkRole
from pathways.models import Event, Pathway, PathwayVersion


def _with_pathway(versions):
    return versions.select_related("pathway__network").order_by("next_review_on", "title")


def _lists(request):
    today = timezone.localdate()
    now = timezone.now()

    def public(version):
        return request.build_absolute_uri(version.pathway.get_absolute_url())

    def workspace(version):
        return request.build_absolute_uri(reverse("workspace:version", args=[version.pk]))

    return {
        "overdue": (
            "Review overdue",
            _with_pathway(PathwayVersion.objects.overdue(today)),
            ["Pathway", "Version", "Network", "Review was due", "Days overdue", "Link"],
            lambda v: [
                v.title,
                v.number,
                v.pathway.network.short_name,
                v.next_review_on,
                (today - v.next_review_on).days,
                public(v),
            ],
        ),
        "due-soon": (
            f"Review due within {settings.REVIEW_DUE_SOON_DAYS} days",
            _with_pathway(PathwayVersion.objects.due_within(today=today)),
            ["Pathway", "Version", "Network", "Review due", "Days left", "Link"],
            lambda v: [
                v.title,
                v.number,
                v.pathway.network.short_name,
                v.next_review_on,
                (v.next_review_on - today).days,
                public(v),
            ],
        ),
        "waiting": (
            "Waiting for review",
            PathwayVersion.objects.filter(status=PathwayVersion.Status.IN_REVIEW)
            .select_related("pathway__network")
            .order_by("submitted_at"),
            ["Pathway", "Network", "Change", "Submitted", "Days waiting", "Link"],
            lambda v: [
                v.title,
                v.pathway.network.short_name,
                v.get_change_type_display(),
                timezone.localtime(v.submitted_at).date(),
                (now - v.submitted_at).days,
                workspace(v),
            ],
        ),
        "scheduled": (
            "Scheduled publications",
            PathwayVersion.objects.published()
            .filter(effective_from__gt=now)
            .select_related("pathway__network")
            .order_by("effective_from"),
            ["Pathway", "Version", "Network", "Takes effect", "Link"],
            lambda v: [
                v.title,
                v.number,
                v.pathway.network.short_name,
                timezone.localtime(v.effective_from).date(),
                workspace(v),
            ],
        ),
    }


@staff_member_required
def dashboard(request):
    tables = [
        {"slug": slug, "title": title, "headers": headers, "rows": [(row(v), v) for v in items]}
        for slug, (title, items, headers, row) in _lists(request).items()
    ]
    return render(
        request,
        "workspace/oversight.html",
        {
            "tables": tables,
            "breadcrumbs": [("Workspace", reverse("workspace:dashboard"))],
        },
    )


@staff_member_required
def export(request, name):
    lists = _lists(request)
    if name not in lists:
        raise Http404
    title, items, headers, row = lists[name]
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="pathways-{name}-{timezone.localdate()}.csv"'
    )
    writer = csv.writer(response)
    writer.writerow(headers)
    for version in items:
        writer.writerow([_safe_cell(value) for value in row(version)])
    return response


def _safe_cell(value):
    """Spreadsheets run a cell that starts with = + - or @ as a formula: defuse it."""
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


ACTIVITY_LENGTH = 100
HISTORY_VERBS = {"+": "created", "~": "changed", "-": "deleted"}


@staff_member_required
def activity(request):
    """Who changed what, when, across the portal: transitions and every registry change."""
    events = Event.objects.select_related("actor", "pathway", "version__pathway")
    entries = [
        {
            "when": event.created_at,
            "who": event.actor,
            "what": f"{event.get_action_display()}: {event.version or event.pathway}",
            "note": event.note,
            "link": reverse("workspace:version", args=[event.version_id])
            if event.version_id
            else "",
        }
        for event in events.order_by("-created_at")[:ACTIVITY_LENGTH]
    ]
    for label, history in [
        ("Network", Network.history.select_related("history_user")),
        ("Role", NetworkRole.history.select_related("history_user", "user", "network")),
        ("Pathway", Pathway.history.select_related("history_user")),
    ]:
        for record in history.order_by("-history_date")[:ACTIVITY_LENGTH]:
            entries.append(
                {
                    "when": record.history_date,
                    "who": record.history_user,
                    "what": f"{label} {HISTORY_VERBS[record.history_type]}: {_describe(label, record)}",
                    "note": record.history_change_reason or "",
                    "link": "",
                }
            )
    entries.sort(key=lambda entry: entry["when"], reverse=True)
    return render(
        request,
        "workspace/activity.html",
        {
            "entries": entries[:ACTIVITY_LENGTH],
            "breadcrumbs": [("Workspace", reverse("workspace:dashboard"))],
        },
    )


def _describe(label, record):
    if label == "Role":
        return (
            f"{record.user} as {record.get_role_display().lower()} of {record.network.short_name}"
        )
    return str(record.instance)
