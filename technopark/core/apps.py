from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

# Modules holding the SQLite triggers that guard against overlaps. SQLite rebuilds a table
# (dropping its triggers) whenever a later migration alters it, so they are put back
# after every migrate.
SQLITE_GUARDS = [
    "technopark.hosting.migrations_sql",
    "technopark.hosting.migrations_sql_invoices",
    "technopark.booking.migrations_sql",
]


def restore_sqlite_guards(using: str = "default", **kwargs) -> None:
    from importlib import import_module

    from django.db import connections

    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        for path in SQLITE_GUARDS:
            for sql in import_module(path).SQLITE_FORWARD:
                if "IF NOT EXISTS" not in sql:
                    sql = sql.replace("CREATE TRIGGER ", "CREATE TRIGGER IF NOT EXISTS ", 1)
                cursor.execute(sql)


class CoreConfig(AppConfig):
    name = "technopark.core"
    label = "core"
    verbose_name = _("Platform")

    def ready(self) -> None:
        from django.apps import apps

        # post_migrate is only sent for apps with models; core has none, so listen for
        # network's (sent after every migrate and after every test flush). The regions are
        # network's own (network/apps.py).
        network = apps.get_app_config("network")
        post_migrate.connect(
            restore_sqlite_guards, sender=network, dispatch_uid="technopark.restore_sqlite_guards"
        )
        from technopark.core.public_cache import connect_signals

        connect_signals()
        # Registers `check_hooks`: each app's nav.py declares its hooks, spelt and typed.
        from technopark.core import hooks  # noqa: F401
