"""Core's one record: the named actions (`core/actions.py` says what they are)."""

from __future__ import annotations

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Action(models.Model):
    """Something that happened, recorded by the service that did it (`core.actions.record`).

    The startup and the site are kept as ids, not foreign keys: core imports no app, and
    an action outlives what it names (a deleted booking still was made).
    """

    name = models.CharField(_("action"), max_length=64, db_index=True)

    class Channel(models.TextChoices):
        PAGE = "page", _("page")
        API = "api", _("API")
        COMMAND = "command", _("command")
        TASK = "task", _("background task")
        IMPORT = "import", _("import")
        SYSTEM = "system", _("system")

    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    content_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.CASCADE, related_name="+"
    )
    object_id = models.CharField(max_length=64)
    label = models.CharField(_("object"), max_length=200)
    startup_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    site_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    payload = models.JSONField(default=dict, blank=True, encoder=DjangoJSONEncoder)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="core_action_object")]

    def __str__(self) -> str:
        return f"{self.name} {self.label}"

    @property
    def description(self):
        from technopark.core.actions import ACTIONS

        kind = ACTIONS.get(self.name)
        return kind.description if kind else self.name


class BulkRun(models.Model):
    """One action run on a selection (`core/selection.py`): who, what, on which records,
    and what became of each (done, or refused with the reason the service gave).

    `key` is the confirmation page's one-time key: a second click on "Run" finds the run
    the first one made instead of running the action again."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("waiting to run")
        RUNNING = "running", _("running")
        FINISHED = "finished", _("finished")

    key = models.CharField(max_length=64, unique=True)
    selection = models.CharField(max_length=64)  # the BulkSet's name, e.g. "billing.invoices"
    scope = models.CharField(max_length=64, blank=True)  # e.g. a site's code, an event's id
    action = models.CharField(max_length=64)
    params = models.JSONField(default=dict, blank=True, encoder=DjangoJSONEncoder)
    ids = models.JSONField(default=list)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    language = models.CharField(max_length=8, default="fr")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    done = models.JSONField(default=list, blank=True)  # [{"id", "label"}]
    refused = models.JSONField(default=list, blank=True)  # [{"id", "label", "reason"}]
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.selection}:{self.action} ({len(self.ids)})"

    @property
    def total(self) -> int:
        return len(self.ids)

    @property
    def progress(self) -> int:
        return len(self.done) + len(self.refused)
