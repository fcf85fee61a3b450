from django.contrib import admin

from technopark.programs.models import Enrollment, Program


@admin.register(Program)
class ProgramAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind", "operator", "direct"]
    search_fields = ["code", "name"]
    list_filter = ["kind", "direct"]


@admin.register(Enrollment)
class EnrollmentAdmin(admin.ModelAdmin):
    list_display = ["startup", "program", "site", "started_on", "ended_on", "outcome"]
    list_filter = ["site", "program", "outcome"]
    raw_id_fields = ["startup"]
    search_fields = ["startup__ref", "startup__name"]
