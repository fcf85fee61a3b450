from django.contrib import admin

from technopark.core.admin import ServiceOwnedAdmin
from technopark.core.translated import missing_column
from technopark.programs.models import Application, Call, Enrollment, Program


@admin.register(Program)
class ProgramAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind", "operator", "direct", missing_column()]
    search_fields = ["code", "name"]
    list_filter = ["kind", "direct"]


@admin.register(Enrollment)
class EnrollmentAdmin(ServiceOwnedAdmin, admin.ModelAdmin):
    list_display = ["startup", "program", "site", "started_on", "ended_on", "outcome"]
    list_filter = ["site", "program", "outcome"]
    raw_id_fields = ["startup"]
    search_fields = ["startup__ref", "startup__name"]


@admin.register(Call)
class CallAdmin(ServiceOwnedAdmin, admin.ModelAdmin):
    list_display = [
        "title",
        "program",
        "site",
        "opens_on",
        "closes_on",
        "published_at",
        missing_column("title"),
    ]
    list_filter = ["program", "site"]


@admin.register(Application)
class ApplicationAdmin(ServiceOwnedAdmin, admin.ModelAdmin):
    list_display = ["project_name", "call", "applicant", "status", "submitted_at", "decided_on"]
    list_filter = ["status", "call"]
    raw_id_fields = ["applicant", "startup", "enrollment"]
