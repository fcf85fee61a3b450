from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StartupsConfig(AppConfig):
    name = "technopark.startups"
    label = "startups"
    verbose_name = _("Startups")

    def ready(self) -> None:
        from technopark.core.audit import audit
        from technopark.startups.models import (
            Export,
            FollowUp,
            Funding,
            Grouping,
            Headcount,
            Membership,
            Patent,
            Startup,
        )

        audit(Startup, Membership, FollowUp, Headcount, Export, Patent, Funding, Grouping)
