"""Electronic signature requests: a PDF, the people asked to sign it, and what each did.

The PDF the signers see is kept as it was when the request was made (`original`, with its
SHA-256), whatever the platform would render later; once everyone has signed, `final` is
that PDF with a page of evidence, sealed by the platform's certificate (PAdES).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from technopark.core.uploads import private_upload_path
from technopark.network.models import Site
from technopark.startups.models import Startup


class SignatureRequest(models.Model):
    class Status(models.TextChoices):
        # A status, not the column "Sent" (the date): Envoyée / مُرسَلة, not الإرسال.
        SENT = "sent", pgettext_lazy("signature request", "Sent")
        VIEWED = "viewed", _("Viewed")
        PARTLY_SIGNED = "partly_signed", _("Signed by some")
        SIGNED = "signed", _("Signed by all")
        DECLINED = "declined", _("Declined")
        EXPIRED = "expired", _("Expired")
        CANCELLED = "cancelled", _("Cancelled")

    OPEN = (Status.SENT, Status.VIEWED, Status.PARTLY_SIGNED)

    kind = models.CharField(_("kind"), max_length=30)
    # The record signed, for kinds that have one (the contract's id for `contract`).
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    site = models.ForeignKey(
        Site, verbose_name=_("site"), on_delete=models.PROTECT, related_name="signature_requests"
    )
    # None for what no startup signs (a committee's minutes).
    startup = models.ForeignKey(
        Startup,
        verbose_name=_("startup"),
        on_delete=models.PROTECT,
        related_name="signature_requests",
        null=True,
        blank=True,
    )
    title = models.CharField(_("title"), max_length=200)
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES)
    in_order = models.BooleanField(_("sign in order"), default=False)
    expires_on = models.DateField(_("expires on"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.SENT
    )
    original = models.FileField(upload_to=private_upload_path("signatures/original"))
    original_sha256 = models.CharField(max_length=64)
    final = models.FileField(upload_to=private_upload_path("signatures/final"), blank=True)
    final_sha256 = models.CharField(max_length=64, blank=True)
    sealed_with_demo_certificate = models.BooleanField(default=False)
    declined_reason = models.TextField(_("reason"), blank=True)
    # What the signed record's own service answered when it could not take the signature.
    completion_note = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("signature request")
        verbose_name_plural = _("signature requests")
        indexes = [models.Index(fields=["kind", "object_id"])]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN


class Signer(models.Model):
    class Status(models.TextChoices):
        WAITING = "waiting", _("Waiting")
        VIEWED = "viewed", _("Viewed")
        SIGNED = "signed", _("Signed")
        DECLINED = "declined", _("Declined")

    request = models.ForeignKey(SignatureRequest, on_delete=models.CASCADE, related_name="signers")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="signatures"
    )
    position = models.PositiveSmallIntegerField(default=1)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.WAITING)
    invited_at = models.DateTimeField(null=True, blank=True)
    viewed_at = models.DateTimeField(null=True, blank=True)
    signed_at = models.DateTimeField(null=True, blank=True)
    declined_at = models.DateTimeField(null=True, blank=True)
    declined_reason = models.TextField(blank=True)
    # The evidence of the signature.
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=300, blank=True)
    document_sha256 = models.CharField(max_length=64, blank=True)
    consent_text = models.TextField(blank=True)
    # The one-time code: its HMAC only, when it lapses, the wrong tries.
    code_hash = models.CharField(max_length=64, blank=True)
    code_expires_at = models.DateTimeField(null=True, blank=True)
    code_sent_at = models.DateTimeField(null=True, blank=True)
    code_attempts = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["request", "user"], name="signer_once_per_request")
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.request}"
