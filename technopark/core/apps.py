import contextlib

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
        from django_tasks.signals import task_finished, task_started

        task_started.connect(_task_started, dispatch_uid="technopark.action_channel_started")
        task_finished.connect(_task_finished, dispatch_uid="technopark.action_channel_finished")


# What a background task does is recorded as done by a task (core/actions.py), between the
# signals its backend sends around it (in the web process with the immediate backend).
_task_channels: dict[str, object] = {}


def _task_started(sender, task_result, **kwargs) -> None:
    from technopark.core.actions import set_channel

    _task_channels[str(task_result.id)] = set_channel("task")


def _task_finished(sender, task_result, **kwargs) -> None:
    from technopark.core.actions import reset_channel

    token = _task_channels.pop(str(task_result.id), None)
    if token is not None:
        # Set in another context (a worker's thread): nothing to undo here.
        with contextlib.suppress(ValueError):
            reset_channel(token)
