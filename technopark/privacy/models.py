"""Personal data: consents, requests about one's data (law 09-08), and API idempotency keys."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Consent(models.Model):
    """A person's yes or no to a processing that needs consent; its history is in the audit."""

    class Purpose(models.TextChoices):
        SHOWCASE = "showcase", _("My name and role on my startup's public page")
        MARKETING = "marketing", _("News, calls and events of the network by e-mail")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="consents"
    )
    purpose = models.CharField(_("purpose"), max_length=20, choices=Purpose.choices)
    granted = models.BooleanField(_("granted"), default=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["user", "purpose"]
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        constraints = [
            models.UniqueConstraint(fields=["user", "purpose"], name="consent_one_per_purpose")
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.purpose} · {self.granted}"


class DataRequest(models.Model):
    """A person asks to receive, correct or delete their data; staff process it."""

    class Kind(models.TextChoices):
        ACCESS = "access", _("A copy of my data")
        CORRECTION = "correction", _("Correct my data")
        DELETION = "deletion", _("Delete my data")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        DONE = "done", _("Done")
        REJECTED = "rejected", _("Rejected")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="data_requests",
    )
    kind = models.CharField(_("request"), max_length=20, choices=Kind.choices)
    message = models.TextField(_("details"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    created_at = models.DateTimeField(_("asked on"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True, null=True, editable=False)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handled by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    handled_at = models.DateTimeField(_("handled on"), null=True, blank=True)
    answer = models.TextField(_("answer"), blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("personal data request")
        verbose_name_plural = _("personal data requests")
        constraints = [
            # One open request of each kind per person: a double click files one request.
            models.UniqueConstraint(
                fields=["user", "kind"],
                condition=models.Q(status="open"),
                name="datarequest_one_open_per_kind",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.user}"


class IdempotencyRecord(models.Model):
    """The first answer to an API write sent with an Idempotency-Key (see house/api.py)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=255)
    method = models.CharField(max_length=10)
    path = models.CharField(max_length=500)
    body_hash = models.CharField(max_length=64)
    status = models.PositiveSmallIntegerField(null=True, blank=True)  # None while running
    content_type = models.CharField(max_length=100, blank=True)
    body = models.BinaryField(default=b"")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="idempotency_user_key_unique")
        ]

    def __str__(self) -> str:
        return f"{self.method} {self.path} [{self.key}]"
