"""Hosting contracts (leases), the waiting list, invoices and payments."""

from django.contrib import admin

from technopark.core.admin import ServiceOwnedAdmin
from technopark.hosting.models import Invoice, Lease, Payment, WaitingEntry


@admin.register(Lease)
class LeaseAdmin(ServiceOwnedAdmin, admin.ModelAdmin):
    list_display = [
        "space",
        "startup",
        "status",
        "starts_on",
        "ends_on",
        "planned_end",
        "monthly_rent_mad",
    ]
    list_filter = ["site", "status"]
    raw_id_fields = ["startup", "space", "previous"]
    search_fields = ["startup__ref", "startup__name", "space__code"]


@admin.register(WaitingEntry)
class WaitingEntryAdmin(ServiceOwnedAdmin, admin.ModelAdmin):
    list_display = ["site", "startup", "kind", "area_needed_m2", "requested_on", "status"]
    list_filter = ["site", "status"]
    raw_id_fields = ["startup", "offered_space", "lease"]


class PaymentInline(admin.TabularInline):
    model = Payment
    extra = 0
    readonly_fields = ["amount_mad", "paid_on", "method", "reference", "recorded_by"]
    can_delete = False


@admin.register(Invoice)
class InvoiceAdmin(admin.ModelAdmin):
    """Read-only: invoices are issued by the service and never edited (numbering)."""

    list_display = ["__str__", "client_name", "period", "total_mad", "due_on"]
    list_filter = ["site", "year"]
    inlines = [PaymentInline]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
