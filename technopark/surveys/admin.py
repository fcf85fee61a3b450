from django.contrib import admin

from technopark.surveys.models import SatisfactionAnswer


@admin.register(SatisfactionAnswer)
class SatisfactionAnswerAdmin(admin.ModelAdmin):
    list_display = ["startup", "answered_on", "score", "channel", "subject"]
    list_filter = ["channel", "score"]
    raw_id_fields = ["startup"]
