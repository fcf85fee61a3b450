"""Webhook subscriptions, their deliveries and every attempt of each (docs/webhooks.md)."""

from __future__ import annotations

import base64
import secrets
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def new_secret() -> str:
    """A Standard Webhooks secret: `whsec_` and 32 random bytes in base64."""
    return "whsec_" + base64.b64encode(secrets.token_bytes(32)).decode()


def new_message_id() -> str:
    return "msg_" + uuid.uuid4().hex


class Subscription(models.Model):
    """A receiver's URL and the action names it wants, owned by the person who asked.

    It receives only the actions its owner may see (webhooks/permissions.py)."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.CASCADE,
        related_name="webhook_subscriptions",
    )
    url = models.URLField(_("URL"), max_length=500)
    actions = models.JSONField(_("actions"), default=list)
    secret = models.CharField(max_length=80, default=new_secret)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    # Consecutive failed attempts, and since when it fails (reset by a success).
    failures = models.PositiveIntegerField(default=0)
    failing_since = models.DateTimeField(null=True, blank=True)
    paused_at = models.DateTimeField(_("paused on"), null=True, blank=True)
    # Why it was paused: "failures" (MAX_FAILURES in a row, or a day of failures).
    pause_reason = models.CharField(max_length=20, blank=True)
    # When its owner was told it was paused (None: not yet).
    paused_notice_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("webhook subscription")
        verbose_name_plural = _("webhook subscriptions")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.url

    @property
    def paused(self) -> bool:
        return self.paused_at is not None


class Delivery(models.Model):
    """One message to one subscription: the exact body signed, sent until it is accepted,
    or for a day."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        SENDING = "sending", _("Being sent")
        DELIVERED = "delivered", _("Delivered")
        FAILED = "failed", _("Given up")

    subscription = models.ForeignKey(
        Subscription, on_delete=models.CASCADE, related_name="deliveries"
    )
    action = models.ForeignKey(
        "core.Action", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    msg_id = models.CharField(max_length=40, unique=True, default=new_message_id)
    type = models.CharField(_("type"), max_length=64)
    body = models.TextField()
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="webhooks_due")]

    def __str__(self) -> str:
        return f"{self.type} {self.msg_id}"


class Attempt(models.Model):
    """One try of a delivery: the receiver's status code (None: no answer) and the start
    of its answer, or the error."""

    delivery = models.ForeignKey(Delivery, on_delete=models.CASCADE, related_name="tries")
    at = models.DateTimeField(_("when"), default=timezone.now)
    status_code = models.PositiveSmallIntegerField(_("status code"), null=True, blank=True)
    answer = models.CharField(_("answer"), max_length=500, blank=True)
    error = models.CharField(_("error"), max_length=300, blank=True)
    duration_ms = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.delivery_id} {self.status_code or self.error}"

    @property
    def ok(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300
