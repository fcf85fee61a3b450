from django.contrib import admin

from technopark.federation.models import ChecklistItem, Milestone, PlannedSpace, SiteProject


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 0


class ChecklistInline(admin.TabularInline):
    model = ChecklistItem
    extra = 0
    fields = ["position", "label", "done_on"]


class PlannedSpaceInline(admin.TabularInline):
    model = PlannedSpace
    extra = 0


@admin.register(SiteProject)
class SiteProjectAdmin(admin.ModelAdmin):
    list_display = ["site", "planned_opening_on", "budget_mad"]
    inlines = [MilestoneInline, ChecklistInline, PlannedSpaceInline]
    raw_id_fields = ["opened_by"]
