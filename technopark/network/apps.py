from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def ensure_regions(using: str = "default", **kwargs) -> None:
    """The 12 regions are reference data: put them back after a flush (tests, restores)."""
    from technopark.network.models import Region
    from technopark.network.regions import REGIONS

    if Region.objects.using(using).count() == len(REGIONS):
        return
    for code, fr, ar, en in REGIONS:
        Region.objects.using(using).update_or_create(  # the owner's reference data
            code=code, defaults={"name_fr": fr, "name_ar": ar, "name_en": en}
        )


class NetworkConfig(AppConfig):
    name = "technopark.network"
    label = "network"
    verbose_name = _("Network")

    def ready(self) -> None:
        from technopark.core.audit import audit
        from technopark.network.models import Operator, Site, SiteBudget, Space

        audit(Site, Space, SiteBudget, Operator)
        post_migrate.connect(ensure_regions, sender=self, dispatch_uid="technopark.ensure_regions")
