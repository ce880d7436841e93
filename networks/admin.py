from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User
from django.db import models
from django.db.models import Count
from simple_history.admin import SimpleHistoryAdmin

from networks import people
from networks.models import CancerType, HealthBoard, Network, NetworkRole


@admin.register(HealthBoard)
class HealthBoardAdmin(admin.ModelAdmin):
    list_display = ["name", "network_count"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(network_count=Count("networks"))

    @admin.display(description="Networks", ordering="network_count")
    def network_count(self, board):
        return board.network_count


@admin.register(CancerType)
class CancerTypeAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


class NetworkRoleInline(admin.TabularInline):
    model = NetworkRole
    extra = 0
    autocomplete_fields = ["user"]
    readonly_fields = ["created_at"]


@admin.register(Network)
class NetworkAdmin(SimpleHistoryAdmin):
    list_display = ["name", "short_name", "kind", "is_active", "lead_clinician", "contact_email"]
    ordering = ["kind", "name"]
    list_filter = ["kind", "is_active", "member_boards", "cancer_types"]
    search_fields = ["name", "short_name", "lead_clinician", "network_manager", "contact_email"]
    prepopulated_fields = {"slug": ["short_name"]}
    filter_horizontal = ["member_boards", "cancer_types"]
    # A web address typed without a scheme is taken as https (Django 6's default).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    inlines = [NetworkRoleInline]
    fieldsets = [
        (None, {"fields": ["name", "short_name", "slug", "kind", "is_active", "established_on"]}),
        ("Public description", {"fields": ["description", "cancer_types", "member_boards"]}),
        (
            "People and contact",
            {
                "fields": ["lead_clinician", "network_manager", "contact_email", "website"],
            },
        ),
        (
            "Review to consensus",
            {
                "fields": ["major_change_approvals", "minor_change_approvals"],
            },
        ),
    ]


@admin.register(NetworkRole)
class NetworkRoleAdmin(SimpleHistoryAdmin):
    list_display = ["user", "network", "role", "created_at"]
    list_filter = ["role", "network"]
    search_fields = [
        "user__username",
        "user__email",
        "user__first_name",
        "user__last_name",
        "network__name",
        "network__short_name",
    ]
    list_select_related = ["user", "network"]
    autocomplete_fields = ["user", "network"]
    readonly_fields = ["created_at"]


class RolesOfUserInline(admin.TabularInline):
    model = NetworkRole
    fk_name = "user"
    extra = 1
    autocomplete_fields = ["network"]
    readonly_fields = ["created_at"]
    verbose_name_plural = "Roles in networks"


admin.site.unregister(User)


@admin.register(User)
class PortalUserAdmin(UserAdmin):
    """Django's user admin, with the person's network roles on the same screen."""

    inlines = [RolesOfUserInline]
    list_display = ["username", "email", "first_name", "last_name", "is_active", "is_staff"]
    list_filter = [*UserAdmin.list_filter, "network_roles__role", "network_roles__network"]

    def save_model(self, request, user, form, change):
        super().save_model(request, user, form, change)
        if change and "is_active" in form.changed_data and not user.is_active:
            ended = people.end_sessions(user)
            self.message_user(
                request, f"{user} is deactivated and signed out of {ended} session(s)."
            )
