from django.contrib import admin

from accounts.models import PendingRegistration


@admin.register(PendingRegistration)
class PendingRegistrationAdmin(admin.ModelAdmin):
    """Requests to register that wait for their address to be confirmed: for the programme team
    to answer "I registered but never got the email". Read-only: an account is made only by
    its owner following the link; deleting a request makes its link stop working."""

    list_display = ["email", "first_name", "last_name", "job_title", "board", "created_at"]
    list_filter = ["board"]
    search_fields = ["email", "first_name", "last_name"]
    date_hierarchy = "created_at"
    fields = ["email", "first_name", "last_name", "job_title", "board", "created_at"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
