from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "technopark.documents"
    label = "documents"
    verbose_name = _("Document vault")

    def ready(self) -> None:
        from technopark.core.audit import audit
        from technopark.documents.models import Document, DocumentRequest

        audit(Document, DocumentRequest)
