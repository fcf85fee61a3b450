import contextlib

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
        from django_tasks.signals import task_finished, task_started

        from technopark.core import hooks  # noqa: F401

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
