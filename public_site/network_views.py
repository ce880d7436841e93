"""The public network directory, each network's page and its accepted annual reports.

The registry keeps every network, so every network has a page; lists show the active ones
first and the rest apart. Each page costs a fixed number of queries, however many networks,
pathways, objectives, steering group members or reports there are.
"""

from datetime import timedelta
from itertools import groupby

from django.db.models import Count, Prefetch, Q, Subquery
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.views.generic import DetailView, ListView

from networks.life import life_of
from networks.models import AnnualReport, Appointment, CancerType, HealthBoard, Network
from pathways import queries
from pathways.models import Pathway


def _with_lists(networks):
    """`networks` with the boards and cancers their pages list, in two queries."""
    return networks.prefetch_related(
        Prefetch("member_boards", queryset=HealthBoard.objects.order_by("name")),
        Prefetch("cancer_types", queryset=CancerType.objects.order_by("name")),
    )


def _crumbs(network=None):
    trail = [("Home", reverse("home")), ("Networks", reverse("networks:list"))]
    if network:
        trail.append((network.name, network.get_absolute_url()))
    return trail


class NetworkListView(ListView):
    template_name = "networks/network_list.html"
    context_object_name = "networks"

    def get_queryset(self):
        in_use = Q(pathways__in=Pathway.objects.in_use().values("pk"))
        return (
            _with_lists(Network.objects.select_related("merged_into"))
            .annotate(pathway_count=Count("pathways", filter=in_use))
            .order_by("kind", "name")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        networks = context["networks"]
        labels = dict(Network.Kind.choices)
        # Regional networks first, then national ones, in the order the choices are declared.
        order = {kind: index for index, kind in enumerate(labels)}
        active = sorted(
            (network for network in networks if network.is_active),
            key=lambda network: order[network.kind],
        )
        context["groups"] = [
            (labels[kind], list(members))
            for kind, members in groupby(active, key=lambda network: network.kind)
        ]
        context["proposed"] = [
            network for network in networks if network.status == Network.Status.PROPOSED
        ]
        context["ended"] = sorted(
            (network for network in networks if network.status in Network.ENDED_STATUSES),
            key=lambda network: (network.status_since is not None, network.status_since),
            reverse=True,  # the latest first; any with no date recorded last
        )
        context["breadcrumbs"] = [("Home", reverse("home"))]
        return context


class NetworkDetailView(DetailView):
    template_name = "networks/network_detail.html"
    context_object_name = "network"

    def get_queryset(self):
        networks = Network.objects.select_related("host_board", "merged_into")
        terms = Appointment.objects.current_or_last_ended(timezone.localdate()).order_by(
            "starts_on", "name"
        )
        return _with_lists(networks).prefetch_related(
            Prefetch("appointments", terms, to_attr="terms_to_show")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        network = self.object
        context.update(
            life=life_of(network),
            posts=_posts(network),
            pathways=list(
                queries.filtered(queries.current_versions(), network=network).order_by("title")
            ),
            steering_group=list(network.steering_group.select_related("board")),
            objectives=_work_plan(network, timezone.localdate().year),
            reports=list(
                network.annual_reports.accepted()
                .order_by("-year")
                .only("network", "year", "accepted_at")
            ),
            breadcrumbs=_crumbs(),
        )
        return context


def _posts(network):
    """(label, current terms, vacant since) of each post the page shows, from the terms
    `Appointment.objects.current_or_last_ended` fetched. A network at work shows both posts, one
    no one holds vacant since the day after its last term ended (None if no term is recorded);
    a proposed network shows only the posts already filled, and a merged or retired one none."""
    posts = []
    for post, label in Appointment.Post.choices:
        terms = [term for term in network.terms_to_show if term.post == post]
        ended = [term.ends_on for term in terms if not term.running]
        holders = [term for term in terms if term.running]
        vacant_since = max(ended) + timedelta(days=1) if ended and not holders else None
        if network.is_active or (holders and network.status == Network.Status.PROPOSED):
            posts.append((label, holders, vacant_since))
    return posts


def _work_plan(network, this_year):
    """The objectives of the network's current work plan: the latest year, up to this one,
    that has any (a plan for next year is not current yet). One query."""
    latest = network.objectives.filter(year__lte=this_year).order_by("-year").values("year")[:1]
    return list(network.objectives.filter(year=Subquery(latest)).order_by("due_on", "pk"))


class AnnualReportView(DetailView):
    """An accepted report's permanent page; a report still with the network or the programme
    team is not public."""

    template_name = "networks/annual_report.html"
    context_object_name = "report"

    def get_object(self, queryset=None):
        return get_object_or_404(
            AnnualReport.objects.accepted().select_related("network"),
            network__slug=self.kwargs["slug"],
            year=self.kwargs["year"],
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["breadcrumbs"] = _crumbs(self.object.network)
        return context
