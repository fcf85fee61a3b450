from django.contrib import admin

from technopark.hosting.models import Lease


@admin.register(Lease)
class LeaseAdmin(admin.ModelAdmin):
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
    raw_id_fields = ["startup", "space"]
    search_fields = ["startup__ref", "startup__name", "space__code"]
