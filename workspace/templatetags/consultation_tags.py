"""Consultation panels for pages another view renders (the version page, My pathways), so
those views need not know about consultations."""

from django import template
from django.db.models import Count, Q
from django.utils import timezone

from pathways import consultations
from pathways.models import Consultation

register = template.Library()


@register.inclusion_tag("workspace/consultation/version_panel.html")
def consultation_panel(version):
    """The version's consultation, if it has one: its window and how many comments wait."""
    consultation = (
        Consultation.objects.filter(version=version)
        .annotate(
            total=Count("comments"), waiting=Count("comments", filter=Q(comments__response=""))
        )
        .first()
    )
    if consultation is None:
        return {"consultation": None}
    consultation.version = version
    today = timezone.localdate()
    return {
        "consultation": consultation,
        "taking_comments": consultations.taking_comments(consultation, today),
        "not_yet_open": today < consultation.opens_on,
    }


@register.inclusion_tag("workspace/consultation/open_notice.html")
def open_consultations():
    """How many drafts take comments now, with a link to them, for anyone signed in."""
    return {"count": consultations.all_taking_comments().count()}
