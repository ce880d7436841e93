from django.shortcuts import render

from networks.models import Network


def home(request):
    networks = Network.objects.active().order_by("kind", "name").only("name", "slug", "kind")
    return render(request, "home.html", {"networks": networks})
