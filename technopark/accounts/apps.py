from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "technopark.accounts"
    label = "accounts"
    verbose_name = _("People")

    def ready(self) -> None:
        from technopark.accounts import access, second_factor
        from technopark.accounts.models import PersonalCalendar, Role
        from technopark.core.audit import audit

        audit(Role)
        # The token is the key of the address: the trail never keeps it.
        audit(PersonalCalendar, exclude_fields=["token", "last_read_at"])
        access.connect()
        second_factor.connect()
