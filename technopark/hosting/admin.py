"""Hosting contracts (leases) and the waiting list (invoices: `billing/admin.py`)."""

from django.contrib import admin

from technopark.core.admin import ServiceOwnedAdmin
from technopark.hosting.models import Lease, ResidentAccess, WaitingEntry


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


@admin.register(ResidentAccess)
class ResidentAccessAdmin(admin.ModelAdmin):
    list_display = ["site", "waiting_list", "services", "expert_hours_per_year"]
