from itertools import groupby

from django.db.models import Count, Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.views.generic import DetailView, ListView

from networks.models import CancerType, HealthBoard, Network


def _public_networks():
    """Active networks with what their public pages list, fetched in a fixed number of queries."""
    return Network.objects.active().prefetch_related(
        Prefetch("member_boards", queryset=HealthBoard.objects.order_by("name")),
        Prefetch("cancer_types", queryset=CancerType.objects.order_by("name")),
    )


class NetworkListView(ListView):
    template_name = "networks/network_list.html"
    context_object_name = "networks"

    def get_queryset(self):
        live = Q(
            pathways__first_published_at__lte=timezone.now(), pathways__withdrawn_at__isnull=True
        )
        return (
            _public_networks()
            .annotate(pathway_count=Count("pathways", filter=live))
            .order_by("kind", "name")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        labels = dict(Network.Kind.choices)
        # Regional networks first, then national ones, in the order the choices are declared.
        order = {kind: index for index, kind in enumerate(labels)}
        networks = sorted(context["networks"], key=lambda network: order[network.kind])
        context["groups"] = [
            (labels[kind], list(members))
            for kind, members in groupby(networks, key=lambda network: network.kind)
        ]
        context["breadcrumbs"] = [("Home", reverse("home"))]
        return context


class NetworkDetailView(DetailView):
    template_name = "networks/network_detail.html"
    context_object_name = "network"

    def get_queryset(self):
        return _public_networks().with_current_terms(timezone.localdate())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["breadcrumbs"] = [
            ("Home", reverse("home")),
            ("Networks", reverse("networks:list")),
        ]
        return context
