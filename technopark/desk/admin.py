from django.contrib import admin

from technopark.core.admin import ServiceOwnedAdmin
from technopark.core.translated import missing_column
from technopark.desk.models import (
    Appointment,
    Case,
    Desk,
    DeskFile,
    Procedure,
    ProcedureStep,
    Service,
    Slot,
    WalkIn,
)


class ServiceInline(admin.StackedInline):
    model = Service
    extra = 0


@admin.register(Desk)
class DeskAdmin(admin.ModelAdmin):
    list_display = ["code", "partner", "kind", "site", "active", missing_column()]
    list_filter = ["site", "kind", "active"]
    search_fields = ["code", "partner", "name"]
    inlines = [ServiceInline]


@admin.register(Slot)
class SlotAdmin(admin.ModelAdmin):
    list_display = ["desk", "starts_at", "ends_at", "capacity", "booked"]
    list_filter = ["desk__site", "desk"]
    date_hierarchy = "starts_at"
    readonly_fields = ["booked"]


@admin.register(Appointment)
class AppointmentAdmin(ServiceOwnedAdmin, admin.ModelAdmin):
    list_display = ["slot", "service", "startup", "status", "rating"]
    list_filter = ["status", "slot__desk__site", "slot__desk"]
    search_fields = ["startup__name", "startup__ref"]
    raw_id_fields = ["slot", "startup", "booked_by", "case"]

    def has_add_permission(self, request):  # bookings go through the booking service
        return False


@admin.register(Case)
class CaseAdmin(ServiceOwnedAdmin, admin.ModelAdmin):
    list_display = ["title", "desk", "startup", "status", "opened_at", "closed_at"]
    list_filter = ["status", "desk__site"]
    raw_id_fields = ["startup"]


class ProcedureStepInline(admin.StackedInline):
    model = ProcedureStep
    extra = 0
    ordering = ["position"]


@admin.register(Procedure)
class ProcedureAdmin(admin.ModelAdmin):
    """The procedures, for the record: network admins write them on /desk/procedures/
    (`services_procedures`, which records the named actions)."""

    list_display = ["code", "name", "active", missing_column()]
    list_filter = ["active"]
    search_fields = ["code", "name"]
    inlines = [ProcedureStepInline]


@admin.register(DeskFile)
class DeskFileAdmin(ServiceOwnedAdmin, admin.ModelAdmin):
    list_display = ["procedure", "startup", "site", "status", "opened_at", "closed_at"]
    list_filter = ["status", "site", "procedure"]
    raw_id_fields = ["startup", "opened_by"]

    def has_add_permission(self, request):  # files are opened through the service
        return False


@admin.register(WalkIn)
class WalkInAdmin(ServiceOwnedAdmin, admin.ModelAdmin):
    list_display = ["desk", "at", "startup", "visitor", "service"]
    list_filter = ["desk__site", "desk"]
    raw_id_fields = ["startup", "recorded_by"]

    def has_add_permission(self, request):  # recorded on the desk's day page
        return False
