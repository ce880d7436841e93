"""The programme team's pages in the workspace: oversight of pathways and networks (the lists
are workspace/oversight_lists.py; each also as CSV), and recent activity. Staff only."""

import csv

from django.contrib.admin.views.decorators import staff_member_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from networks.models import Network, NetworkRole
from pathways.models import Event, Pathway
from workspace.oversight_lists import oversight_lists


@staff_member_required
def dashboard(request):
    tables = [
        {
            "slug": slug,
            "title": title,
            "headers": headers,
            # Each cell with its heading: on a phone each row is a card, its cells labelled.
            "rows": [(list(zip(headers, row(item))), item) for item in items],
        }
        for slug, (title, items, headers, row) in oversight_lists(request).items()
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
    lists = oversight_lists(request)
    if name not in lists:
        raise Http404
    title, items, headers, row = lists[name]
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="pathways-{name}-{timezone.localdate()}.csv"'
    )
    writer = csv.writer(response)
    writer.writerow(headers)
    for item in items:
        writer.writerow([_safe_cell(value) for value in row(item)])
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
