from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "technopark.network"
    label = "network"
    verbose_name = _("Network")

    def ready(self) -> None:
        from technopark.core.audit import audit
        from technopark.network.models import Operator, Site, SiteBudget, Space

        audit(Site, Space, SiteBudget, Operator)
