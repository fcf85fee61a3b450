from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def keep_sqlite_guards(config: AppConfig, *paths: str) -> None:
    """Put back, after every migrate (and every test flush), the SQLite triggers that guard
    an app's records against overlaps (its modules `paths`, each with SQLITE_FORWARD).

    SQLite rebuilds a table (dropping its triggers) whenever a later migration alters it.
    Called by the app's own `ready()` (hosting, booking), so core names none of them.
    """

    def restore(using: str = "default", **kwargs) -> None:
        restore_sqlite_guards(paths, using=using)

    post_migrate.connect(
        restore, sender=config, weak=False, dispatch_uid=f"technopark.sqlite_guards.{config.label}"
    )


def restore_sqlite_guards(paths, using: str = "default") -> None:
    from importlib import import_module

    from django.db import connections

    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        for path in paths:
            for sql in import_module(path).SQLITE_FORWARD:
                if "IF NOT EXISTS" not in sql:
                    sql = sql.replace("CREATE TRIGGER ", "CREATE TRIGGER IF NOT EXISTS ", 1)
                cursor.execute(sql)


class CoreConfig(AppConfig):
    name = "technopark.core"
    label = "core"
    verbose_name = _("Platform")

    def ready(self) -> None:
        from technopark.core.public_cache import connect_signals

        connect_signals()
        # Registers `check_hooks`: each app's nav.py declares its hooks, spelt and typed.
        from technopark.core import hooks  # noqa: F401
