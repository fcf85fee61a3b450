from django.contrib import admin

from technopark.core.translated import missing_column
from technopark.network.models import Operator, Region, Site, SiteBudget, Space


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["code", "name_fr", "name_ar", "name_en"]


@admin.register(Operator)
class OperatorAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "is_network_operator", "city", "public"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


class SpaceInline(admin.TabularInline):
    model = Space
    extra = 0


@admin.register(Site)
class SiteAdmin(admin.ModelAdmin):
    list_display = [
        "code",
        "name",
        "city",
        "region",
        "opened_on",
        "planned_opening",
        "closed_on",
        missing_column(),
    ]
    search_fields = ["code", "name", "name_ar", "name_en", "city"]
    list_filter = ["region"]
    inlines = [SpaceInline]


@admin.register(Space)
class SpaceAdmin(admin.ModelAdmin):
    list_display = ["__str__", "kind", "area_m2", "seats", "leasable", "floor", missing_column()]
    list_filter = ["site", "kind", "leasable"]
    search_fields = ["code", "name", "name_ar", "name_en"]


@admin.register(SiteBudget)
class SiteBudgetAdmin(admin.ModelAdmin):
    list_display = ["site", "year", "amount_mad"]
    list_filter = ["site"]
