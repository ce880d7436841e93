"""Admin for pathways. Versions are read-only here: their text changes only in the workspace
and their state only through `pathways.services` (the admin actions below call them), so the
admin can never alter a published version or skip a step of review."""

from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from simple_history.admin import SimpleHistoryAdmin

from pathways import services
from pathways.models import (
    Event,
    Pathway,
    PathwayVersion,
    Reference,
    Regimen,
    Review,
    ReviewReminder,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class ReviewDateFilter(admin.SimpleListFilter):
    """Current versions overdue or due soon, as the oversight page and reminders see them."""

    title = "review date"
    parameter_name = "review"

    def lookups(self, request, model_admin):
        days = settings.REVIEW_DUE_SOON_DAYS
        return [("overdue", "Overdue"), ("soon", f"Due within {days} days")]

    def queryset(self, request, queryset):
        chosen = {
            "overdue": PathwayVersion.objects.overdue,
            "soon": PathwayVersion.objects.due_within,
        }.get(self.value())
        if chosen is None:
            return queryset
        if queryset.model is PathwayVersion:
            return queryset.filter(pk__in=chosen())
        return queryset.filter(versions__in=chosen())


class VersionInline(ReadOnlyInline):
    model = PathwayVersion
    fields = ["number", "title", "status", "author", "effective_from", "next_review_on"]
    readonly_fields = fields
    show_change_link = True

    @admin.display(description="Version")
    def number(self, version):
        return version.number or "-"


@admin.register(Pathway)
class PathwayAdmin(SimpleHistoryAdmin):
    list_display = ["title", "network", "cancer_type", "first_published_at", "withdrawn_at"]
    list_filter = ["network", "network__kind", "cancer_type", ReviewDateFilter]
    search_fields = ["title", "slug", "network__name", "network__short_name"]
    list_select_related = ["network", "cancer_type"]
    ordering = ["title"]
    date_hierarchy = "first_published_at"
    readonly_fields = [
        "created_by",
        "created_at",
        "first_published_at",
        "withdrawn_at",
        "withdrawal_reason",
    ]
    inlines = [VersionInline]

    def has_add_permission(self, request):
        return False  # pathways are created in the workspace, with their first draft

    def has_delete_permission(self, request, obj=None):
        return False


class EventInline(ReadOnlyInline):
    model = Event
    fields = ["created_at", "action", "actor", "from_status", "to_status", "note"]
    readonly_fields = fields
    verbose_name_plural = "Timeline"


class ReviewInline(ReadOnlyInline):
    model = Review
    fields = ["created_at", "reviewer", "decision", "comment", "voided_at"]
    readonly_fields = fields


class ReferenceInline(ReadOnlyInline):
    model = Reference
    fields = ["kind", "identifier", "title", "medicine", "decision", "issued_on", "sections"]
    readonly_fields = fields


class RegimenInline(ReadOnlyInline):
    model = Regimen
    fields = ["name", "medicines", "intent", "setting", "advice", "section"]
    readonly_fields = fields


@admin.register(PathwayVersion)
class PathwayVersionAdmin(SimpleHistoryAdmin, ReadOnlyAdmin):
    list_display = [
        "__str__",
        "status",
        "change_type",
        "author",
        "effective_from",
        "next_review_on",
    ]
    list_filter = ["status", "change_type", "pathway__network", ReviewDateFilter]
    search_fields = ["title", "pathway__title", "author__username"]
    list_select_related = ["pathway", "author"]
    ordering = ["pathway__title", "-major", "-minor"]
    date_hierarchy = "effective_from"
    exclude = ["body_html", "body_text", "contents"]
    inlines = [ReferenceInline, RegimenInline, ReviewInline, EventInline]
    actions = ["publish_now", "discard"]

    def _run(self, request, queryset, action, done):
        succeeded = 0
        for version in queryset:
            try:
                action(actor=request.user, version=version)
                succeeded += 1
            except (services.TransitionError, PermissionDenied) as refusal:
                self.message_user(request, f"{version}: {refusal}", messages.ERROR)
        if succeeded:
            self.message_user(request, f"{done}: {succeeded} version(s).", messages.SUCCESS)

    @admin.action(description="Publish the selected approved versions now")
    def publish_now(self, request, queryset):
        self._run(request, queryset, services.publish, "Published")

    @admin.action(description="Discard the selected unpublished versions")
    def discard(self, request, queryset):
        self._run(request, queryset, services.discard, "Discarded")


@admin.register(Review)
class ReviewAdmin(ReadOnlyAdmin):
    list_display = ["version", "reviewer", "decision", "created_at", "voided_at"]
    list_filter = ["decision", "version__pathway__network"]
    search_fields = ["version__title", "reviewer__username", "comment"]
    list_select_related = ["version__pathway", "reviewer"]
    date_hierarchy = "created_at"


@admin.register(Event)
class EventAdmin(ReadOnlyAdmin):
    list_display = [
        "created_at",
        "pathway",
        "version",
        "action",
        "actor",
        "from_status",
        "to_status",
    ]
    list_filter = ["action", "pathway__network"]
    search_fields = ["pathway__title", "actor__username", "note"]
    list_select_related = ["pathway", "version__pathway", "actor"]
    date_hierarchy = "created_at"
    ordering = ["-created_at"]


@admin.register(ReviewReminder)
class ReviewReminderAdmin(ReadOnlyAdmin):
    list_display = ["sent_on", "pathway", "recipients"]
    list_select_related = ["pathway"]
    date_hierarchy = "sent_on"
