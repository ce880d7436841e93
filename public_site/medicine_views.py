"""Medicines: which current pathways name a medicine in their SACT regimens, with the advice
each rests on. Two queries a page."""

from django.shortcuts import render
from django.urls import reverse

from pathways import queries
from public_site import caching


def medicine_list(request):
    def render_page():
        context = {
            "medicines": queries.medicines_in_use(),
            "breadcrumbs": [("Home", reverse("home"))],
        }
        return render(request, "medicines/medicine_list.html", context)

    return caching.respond(request, render_page)


def medicine_detail(request, name):
    medicine = " ".join(name.split()).lower()

    def render_page():
        versions = queries.uses_of(medicine)
        context = {
            "medicine": medicine,
            "versions": versions,
            "breadcrumbs": [("Home", reverse("home")), ("Medicines", reverse("medicines"))],
        }
        # A medicine no current pathway names is not a page: 404, saying so.
        status = 200 if versions else 404
        return render(request, "medicines/medicine_detail.html", context, status=status)

    return caching.respond(request, render_page)
