from django.contrib import admin

from technopark.support.models import (
    Expert,
    ExpertHoursBudget,
    Opportunity,
    ServiceRequest,
    SlaTarget,
)


@admin.register(SlaTarget)
class SlaTargetAdmin(admin.ModelAdmin):
    list_display = ["family", "first_answer_hours", "close_days"]


@admin.register(ExpertHoursBudget)
class ExpertHoursBudgetAdmin(admin.ModelAdmin):
    list_display = ["program", "hours"]


@admin.register(Expert)
class ExpertAdmin(admin.ModelAdmin):
    list_display = ["user", "headline", "languages", "active"]
    search_fields = ["user__full_name", "user__email", "skills", "sectors"]
    raw_id_fields = ["user"]


@admin.register(ServiceRequest)
class ServiceRequestAdmin(admin.ModelAdmin):
    list_display = ["title", "startup", "family", "status", "owner", "created_at", "satisfaction"]
    list_filter = ["family", "status", "site"]
    raw_id_fields = ["startup", "owner", "created_by", "funding"]


@admin.register(Opportunity)
class OpportunityAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "deadline", "place"]
    list_filter = ["kind"]
