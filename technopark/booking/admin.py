from django.contrib import admin

from technopark.booking.models import Booking, BookingRule
from technopark.core.admin import ServiceOwnedAdmin


@admin.register(BookingRule)
class BookingRuleAdmin(admin.ModelAdmin):
    list_display = ["space", "bookable", "opens_at", "closes_at", "weekdays", "max_minutes"]
    raw_id_fields = ["space"]


@admin.register(Booking)
class BookingAdmin(ServiceOwnedAdmin, admin.ModelAdmin):
    list_display = ["space", "starts_at", "ends_at", "title", "kind", "status"]
    list_filter = ["site", "kind", "status"]
    raw_id_fields = ["space", "startup", "booked_by"]
