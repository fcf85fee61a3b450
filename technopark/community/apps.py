from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunityConfig(AppConfig):
    name = "technopark.community"
    label = "community"
    verbose_name = _("Community")

    def ready(self) -> None:
        from technopark.community.models import Amenity, Event, Registration
        from technopark.core.audit import audit

        audit(Event, Registration, Amenity)
