from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "technopark.accounts"
    label = "accounts"
    verbose_name = _("People")

    def ready(self) -> None:
        from technopark.accounts import access
        from technopark.accounts.models import Role
        from technopark.core.audit import audit

        audit(Role)
        access.connect()
