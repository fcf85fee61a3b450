from django.contrib import admin

from technopark.community.models import Amenity, Event, OpeningHours, RamadanPeriod, Registration
from technopark.core.admin import ServiceOwnedAdmin


class OpeningHoursInline(admin.TabularInline):
    model = OpeningHours
    extra = 0


@admin.register(Amenity)
class AmenityAdmin(admin.ModelAdmin):
    list_display = ["name_fr", "kind", "site", "location", "always_open"]
    list_filter = ["site", "kind"]
    inlines = [OpeningHoursInline]


@admin.register(RamadanPeriod)
class RamadanPeriodAdmin(admin.ModelAdmin):
    list_display = ["starts_on", "ends_on"]


@admin.register(Event)
class EventAdmin(ServiceOwnedAdmin, admin.ModelAdmin):
    list_display = ["title", "site", "kind", "audience", "starts_at", "capacity", "confirmed"]
    list_filter = ["site", "kind", "audience", "status"]
    search_fields = ["title"]
    date_hierarchy = "starts_at"
    readonly_fields = ["confirmed"]


@admin.register(Registration)
class RegistrationAdmin(ServiceOwnedAdmin, admin.ModelAdmin):
    list_display = ["event", "user", "status", "created_at", "checked_in_at"]
    list_filter = ["status", "event__site"]
    raw_id_fields = ["event", "user"]

    def has_add_permission(self, request):  # registrations go through the service
        return False
