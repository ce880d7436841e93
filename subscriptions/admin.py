"""Subscriptions in the admin, read-only: the programme team can see who asked for what and
whether each e-mail went (or why not), but only the address's owner changes a subscription.
Tokens are never shown (they are not editable, so the read-only forms leave them out)."""

from django.contrib import admin

from pathways.admin import ReadOnlyAdmin
from subscriptions.models import Delivery, FannedOutEvent, Subscriber, Subscription


class SubscriptionInline(admin.TabularInline):
    model = Subscription
    fields = ["pathway", "network", "created_at", "confirmed_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Subscriber)
class SubscriberAdmin(ReadOnlyAdmin):
    list_display = ["email", "created_at"]
    search_fields = ["email"]
    date_hierarchy = "created_at"
    readonly_fields = ["email", "created_at"]
    inlines = [SubscriptionInline]


@admin.register(Subscription)
class SubscriptionAdmin(ReadOnlyAdmin):
    list_display = ["subscriber", "about", "created_at", "confirmed_at"]
    list_filter = ["network", ("confirmed_at", admin.EmptyFieldListFilter)]
    search_fields = ["subscriber__email", "pathway__title", "network__name"]
    list_select_related = ["subscriber", "pathway", "network"]

    @admin.display(description="About")
    def about(self, subscription):
        return subscription.describe()


@admin.register(Delivery)
class DeliveryAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "subscriber", "event", "sent_at", "attempts", "last_error"]
    list_filter = [("sent_at", admin.EmptyFieldListFilter), "event__action"]
    search_fields = ["subscriber__email", "event__pathway__title", "last_error"]
    list_select_related = ["subscriber", "event__actor"]
    date_hierarchy = "created_at"


@admin.register(FannedOutEvent)
class FannedOutEventAdmin(ReadOnlyAdmin):
    list_display = ["event", "fanned_out_at", "deliveries"]
    list_select_related = ["event__actor"]
    date_hierarchy = "fanned_out_at"
