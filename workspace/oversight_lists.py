"""The programme team's oversight lists, shown by workspace/oversight.py and each downloadable as
CSV: pathways whose review is overdue or due soon, versions waiting for review, scheduled
publications; annual reports overdue or returned, objectives off track, networks without a lead
clinician and proposals awaiting a decision.

Each list is (title, rows, CSV headers, the cells of a row); the last cell is the row's link,
which the page puts on the first. Each list is one query, however long it grows.
"""

from django.conf import settings
from django.db.models import Exists, OuterRef, Subquery
from django.urls import reverse
from django.utils import timezone

from networks.models import (
    AnnualReport,
    Appointment,
    Network,
    NetworkEvent,
    Objective,
    Proposal,
)
from pathways.models import PathwayVersion


def oversight_lists(request):
    """Every list, by the name its CSV is downloaded under."""
    today = timezone.localdate()

    def link(name, *args):
        return request.build_absolute_uri(reverse(name, args=args))

    return {**_pathway_lists(request, today, timezone.now()), **_network_lists(link, today)}


def _with_pathway(versions):
    return versions.select_related("pathway__network").order_by("next_review_on", "title")


def _pathway_lists(request, today, now):
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


def _network_lists(link, today):
    def report_link(report):
        return link("workspace:report", report.pk)

    return {
        "reports-overdue": (
            "Annual reports overdue",
            AnnualReport.objects.overdue(today)
            .select_related("network")
            .order_by("due_on", "network__name"),
            ["Network", "Year", "Due", "Days overdue", "Link"],
            lambda r: [r.network.name, r.year, r.due_on, (today - r.due_on).days, report_link(r)],
        ),
        "reports-returned": (
            "Annual reports returned",
            _returned_reports(),
            ["Network", "Year", "Returned", "Link"],
            lambda r: [
                r.network.name,
                r.year,
                timezone.localtime(r.returned_at or r.updated_at).date(),
                report_link(r),
            ],
        ),
        "objectives-off-track": (
            "Objectives off track",
            _objectives_off_track(),
            ["Objective", "Network", "Owner", "Due", "Note", "Link"],
            lambda o: [
                o.title,
                o.network.short_name,
                o.owner,
                o.due_on,
                o.note,
                link("workspace:objective", o.pk),
            ],
        ),
        "networks-without-lead": (
            "Networks without a lead clinician",
            _networks_without_a_lead(today),
            ["Network", "Kind", "Last lead clinician's term ended", "Link"],
            lambda n: [
                n.name,
                n.get_kind_display(),
                n.last_lead_ended_on or "None recorded",
                link("workspace:network", n.slug),
            ],
        ),
        "proposals-awaiting": (
            "Proposals awaiting a decision",
            Proposal.objects.awaiting().order_by("received_on", "pk"),
            ["Area", "Proposed by", "Received", "Deferred on", "Link"],
            lambda p: [
                p.area,
                p.proposed_by,
                p.received_on,
                p.decided_on if p.decision == Proposal.Decision.DEFERRED else "",
                link("workspace:proposal", p.pk),
            ],
        ),
    }


def _returned_reports():
    """Returned reports with `returned_at`: when they were last returned, from the timeline."""
    returns = NetworkEvent.objects.filter(
        report=OuterRef("pk"), action=NetworkEvent.Action.REPORT_RETURNED
    ).order_by("-created_at", "-pk")
    return (
        AnnualReport.objects.filter(status=AnnualReport.Status.RETURNED)
        .annotate(returned_at=Subquery(returns.values("created_at")[:1]))
        .select_related("network")
        .order_by("due_on", "network__name")
    )


def _objectives_off_track():
    """Off track in a work plan still open: a network at work, whose report on that year is not
    yet accepted (`Objective.objects.open`)."""
    return (
        Objective.objects.open()
        .filter(status=Objective.Status.OFF_TRACK, network__in=Network.objects.active())
        .select_related("network")
        .order_by("due_on", "network__name", "pk")
    )


def _networks_without_a_lead(today):
    """Networks at work with no lead clinician's term running today, with when the last one
    ended (None if none was ever recorded)."""
    leads = Appointment.objects.filter(network=OuterRef("pk"), post=Appointment.Post.LEAD_CLINICIAN)
    ended = leads.ended(today)
    return (
        Network.objects.active()
        .exclude(Exists(leads.current(today)))
        .annotate(last_lead_ended_on=Subquery(ended.order_by("-ends_on").values("ends_on")[:1]))
        .order_by("name")
    )
