"""The document types (names in French, Arabic, English) are edited here; documents and
requests are read only: they change through the pages and the API (services)."""

from django.contrib import admin

from technopark.documents.models import Document, DocumentRequest, DocumentType


@admin.register(DocumentType)
class DocumentTypeAdmin(admin.ModelAdmin):
    list_display = ["code", "name_fr", "name_ar", "name_en", "validity_months", "position"]
    search_fields = ["code", "name", "name_ar", "name_en"]


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Document)
class DocumentAdmin(ReadOnly):
    list_display = ["startup", "doc_type", "version", "is_current", "expires_on", "uploaded_at"]
    list_filter = ["doc_type", "is_current"]
    search_fields = ["startup__name", "startup__ref", "original_name"]


@admin.register(DocumentRequest)
class DocumentRequestAdmin(ReadOnly):
    list_display = ["startup", "doc_type", "due_on", "status", "created_at"]
    list_filter = ["status", "doc_type"]
    search_fields = ["startup__name", "startup__ref"]
