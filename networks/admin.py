from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import UserChangeForm
from django.contrib.auth.models import User
from django.db import models
from django.db.models import Count
from simple_history.admin import SimpleHistoryAdmin

from networks import people
from networks.models import (
    AnnualReport,
    Appointment,
    CancerType,
    HealthBoard,
    Network,
    NetworkRole,
    Objective,
    Proposal,
    SteeringGroupMember,
)


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


class LifeFilter(admin.SimpleListFilter):
    """Networks at work unless asked otherwise: the registry keeps every network, but a list
    shows the active ones by default, as the public directory does."""

    title = "life"
    parameter_name = "life"
    CHOICES = [
        ("proposed", "Proposed"),
        ("ended", "Merged or retired"),
        ("all", "All"),
    ]

    def lookups(self, request, model_admin):
        return self.CHOICES

    def choices(self, changelist):
        yield {
            "selected": self.value() is None,
            "query_string": changelist.get_query_string(remove=[self.parameter_name]),
            "display": "At work (established or under review)",
        }
        for value, label in self.CHOICES:
            yield {
                "selected": self.value() == value,
                "query_string": changelist.get_query_string({self.parameter_name: value}),
                "display": label,
            }

    def queryset(self, request, queryset):
        if self.value() == "proposed":
            return queryset.filter(status=Network.Status.PROPOSED)
        if self.value() == "ended":
            return queryset.ended()
        if self.value() == "all":
            return queryset
        return queryset.active()


class AppointmentInline(admin.TabularInline):
    model = Appointment
    extra = 0
    autocomplete_fields = ["user"]
    fields = ["post", "name", "user", "starts_on", "ends_on"]


class SteeringGroupInline(admin.TabularInline):
    model = SteeringGroupMember
    extra = 0
    fields = ["position", "name", "role", "board", "organisation"]


@admin.register(Network)
class NetworkAdmin(SimpleHistoryAdmin):
    list_display = ["name", "short_name", "kind", "status", "status_since", "contact_email"]
    ordering = ["kind", "name"]
    list_filter = [LifeFilter, "kind", "status", "host_board", "member_boards", "cancer_types"]
    search_fields = ["name", "short_name", "appointments__name", "contact_email"]
    autocomplete_fields = ["merged_into"]
    prepopulated_fields = {"slug": ["short_name"]}
    filter_horizontal = ["member_boards", "cancer_types"]
    # A web address typed without a scheme is taken as https (Django 6's default).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    inlines = [AppointmentInline, SteeringGroupInline, NetworkRoleInline]
    fieldsets = [
        (None, {"fields": ["name", "short_name", "slug", "kind"]}),
        (
            "Life (each change is kept in the history and shown on the public page)",
            {"fields": ["status", "status_since", "merged_into"]},
        ),
        ("Public description", {"fields": ["description", "cancer_types", "member_boards"]}),
        ("Governance and contact", {"fields": ["host_board", "contact_email", "website"]}),
        (
            "Review to consensus",
            {
                "fields": ["major_change_approvals", "minor_change_approvals"],
            },
        ),
    ]


@admin.register(Proposal)
class ProposalAdmin(SimpleHistoryAdmin):
    """Proposals are recorded and decided in the workspace (`pathways.network_services`), which
    keeps the network's timeline; here they are read, searched and their history seen."""

    list_display = ["area", "proposed_by", "received_on", "decision", "decided_on"]
    list_filter = ["decision"]
    search_fields = ["area", "proposed_by", "case"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(AnnualReport)
class AnnualReportAdmin(SimpleHistoryAdmin):
    """Reports are written, submitted and reviewed in the workspace; the admin sets due dates
    of reports not yet accepted (an accepted one is frozen, by PostgreSQL too)."""

    list_display = ["network", "year", "due_on", "status", "submitted_at", "accepted_at"]
    list_filter = ["status", "year", "network"]
    search_fields = ["network__name", "network__short_name"]
    fields = ["network", "year", "due_on", "status", "submitted_at", "accepted_at"]
    readonly_fields = ["network", "year", "status", "submitted_at", "accepted_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.status == AnnualReport.Status.ACCEPTED:
            return False  # shown, not offered for change
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False  # the timeline refers to it; an accepted one is a permanent page


@admin.register(Objective)
class ObjectiveAdmin(SimpleHistoryAdmin):
    list_display = ["title", "network", "year", "owner", "due_on", "status"]
    list_filter = ["status", "year", "network"]
    search_fields = ["title", "owner", "network__short_name"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


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


class PrivilegeCheckedUserChangeForm(UserChangeForm):
    """Django's user form, refusing every privilege the person saving it does not hold
    (`people.privileges_not_held`), however the form was filled in or forged."""

    editor = None  # the person saving it: set by PortalUserAdmin.get_form

    def clean(self):
        cleaned = super().clean()
        account = self.instance
        granted = {
            "is_superuser": {"superuser": cleaned.get("is_superuser") and not account.is_superuser},
            "is_staff": {"staff": cleaned.get("is_staff") and not account.is_staff},
            "groups": {"groups": self._added("groups", cleaned)},
            "user_permissions": {"permissions": self._added("user_permissions", cleaned)},
        }
        for field, grant in granted.items():
            if field in cleaned and (refused := people.privileges_not_held(self.editor, **grant)):
                self.add_error(
                    field, f"You cannot grant {', '.join(refused)}: you do not hold it yourself."
                )
        return cleaned

    def _added(self, field, cleaned):
        chosen = cleaned.get(field) or []
        already = set(getattr(self.instance, field).all()) if self.instance.pk else set()
        return [item for item in chosen if item not in already]


admin.site.unregister(User)


@admin.register(User)
class PortalUserAdmin(UserAdmin):
    """Django's user admin, with the person's network roles on the same screen. Nobody grants
    a privilege they do not hold, and only a superuser changes a superuser's account."""

    form = PrivilegeCheckedUserChangeForm
    inlines = [RolesOfUserInline]
    list_display = ["username", "email", "first_name", "last_name", "is_active", "is_staff"]
    list_filter = [*UserAdmin.list_filter, "network_roles__role", "network_roles__network"]

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if obj is not None:
            form = type(form.__name__, (form,), {"editor": request.user})
        return form

    def get_readonly_fields(self, request, obj=None):
        readonly = super().get_readonly_fields(request, obj)
        return readonly if request.user.is_superuser else [*readonly, "is_superuser"]

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or people.may_change_account(request.user, obj))

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or people.may_change_account(request.user, obj))

    def save_model(self, request, user, form, change):
        super().save_model(request, user, form, change)
        if change and "is_active" in form.changed_data and not user.is_active:
            ended = people.end_sessions(user)
            self.message_user(
                request, f"{user} is deactivated and signed out of {ended} session(s)."
            )
