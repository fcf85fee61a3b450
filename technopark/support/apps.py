from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupportConfig(AppConfig):
    name = "technopark.support"
    label = "support"
    verbose_name = _("Support services")

    def ready(self) -> None:
        from technopark.core.audit import audit
        from technopark.support.models import Expert, ExpertSession, ServiceRequest

        audit(Expert, ServiceRequest, ExpertSession)
