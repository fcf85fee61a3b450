from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BookingConfig(AppConfig):
    name = "technopark.booking"
    label = "booking"
    verbose_name = _("Booking")

    def ready(self) -> None:
        from technopark.booking.models import Booking
        from technopark.core.apps import keep_sqlite_guards
        from technopark.core.audit import audit

        audit(Booking)
        # the triggers that refuse overlaps on SQLite, put back after every migrate
        keep_sqlite_guards(self, "technopark.booking.migrations_sql")
