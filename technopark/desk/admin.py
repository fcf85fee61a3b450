from django.contrib import admin

from technopark.desk.models import Desk


@admin.register(Desk)
class DeskAdmin(admin.ModelAdmin):
    list_display = ["code", "partner", "site", "active"]
    list_filter = ["site", "active"]
    search_fields = ["code", "partner", "name"]
