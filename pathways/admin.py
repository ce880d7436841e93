"""Admin for pathways. Versions are read-only here: their text changes only in the workspace
and their state only through `pathways.services`, so the admin can never alter a published
version or skip a step of review."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from pathways.models import Event, Pathway, PathwayVersion, Review


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class VersionInline(admin.TabularInline):
    model = PathwayVersion
    fields = ["number", "title", "status", "author", "effective_from", "next_review_on"]
    readonly_fields = fields
    show_change_link = True
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description="Version")
    def number(self, version):
        return version.number or "-"


@admin.register(Pathway)
class PathwayAdmin(SimpleHistoryAdmin):
    list_display = ["title", "network", "cancer_type", "first_published_at", "withdrawn_at"]
    list_filter = ["network", "cancer_type"]
    search_fields = ["title", "slug"]
    list_select_related = ["network", "cancer_type"]
    readonly_fields = ["created_by", "created_at", "first_published_at", "withdrawn_at",
                       "withdrawal_reason"]
    inlines = [VersionInline]

    def has_add_permission(self, request):
        return False  # pathways are created in the workspace, with their first draft

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(PathwayVersion)
class PathwayVersionAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "status", "change_type", "author", "effective_from", "next_review_on"]
    list_filter = ["status", "change_type", "pathway__network"]
    search_fields = ["title", "pathway__title"]
    list_select_related = ["pathway", "author"]
    date_hierarchy = "effective_from"


@admin.register(Review)
class ReviewAdmin(ReadOnlyAdmin):
    list_display = ["version", "reviewer", "decision", "created_at", "voided_at"]
    list_filter = ["decision"]
    list_select_related = ["version__pathway", "reviewer"]


@admin.register(Event)
class EventAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "pathway", "action", "actor", "from_status", "to_status"]
    list_filter = ["action"]
    search_fields = ["pathway__title", "actor__username", "note"]
    list_select_related = ["pathway", "actor"]
    date_hierarchy = "created_at"
