from django.contrib import admin

from technopark.core.admin import ServiceOwnedAdmin
from technopark.interchange.models import ImportJob


@admin.register(ImportJob)
class ImportJobAdmin(ServiceOwnedAdmin, admin.ModelAdmin):
    list_display = ["created_at", "original_name", "created_by", "operator", "status"]
    list_filter = ["status", "operator"]
    readonly_fields = [f.name for f in ImportJob._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False
