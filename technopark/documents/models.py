"""A startup's document vault: its statutes, registrations and certificates, each kept
with its issue and expiry dates and every earlier version; and what staff ask of it.

Files are stored under MEDIA_ROOT with an unguessable name (core/uploads.py) and served
only through `documents:download`, after the permission layer (docs/documents.md).
"""

from __future__ import annotations

import datetime as dt
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from technopark.core.translated import TranslatedCharField, translation_field
from technopark.core.uploads import private_upload_path
from technopark.startups.models import Startup


class DocumentType(models.Model):
    """Statutes, RC (modèle J), tax and CNSS certificates, ICE, pitch deck, business plan…"""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = TranslatedCharField(_("name"), max_length=120)
    name_ar = translation_field("name", "ar", max_length=120)
    name_en = translation_field("name", "en", max_length=120)
    # Typical validity in months (0: does not expire), to suggest an expiry date.
    validity_months = models.PositiveSmallIntegerField(_("usual validity (months)"), default=0)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("document type")
        verbose_name_plural = _("document types")

    def __str__(self) -> str:
        return self.name


class Document(models.Model):
    """One version of one document of a startup; a replacement is a new row whose
    `previous` is the version it replaces (which then is no longer current)."""

    startup = models.ForeignKey(Startup, on_delete=models.CASCADE, related_name="documents")
    doc_type = models.ForeignKey(
        DocumentType, verbose_name=_("type"), on_delete=models.PROTECT, related_name="+"
    )
    file = models.FileField(_("file"), upload_to=private_upload_path("documents"), max_length=300)
    original_name = models.CharField(_("file name"), max_length=200)
    size = models.PositiveIntegerField(_("size"), default=0)
    issued_on = models.DateField(_("issue date"), null=True, blank=True)
    expires_on = models.DateField(_("valid until"), null=True, blank=True)
    previous = models.OneToOneField(
        "self",
        verbose_name=_("replaces"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replaced_by",
    )
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    is_current = models.BooleanField(_("current"), default=True, db_index=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded on"), default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)
    # The daily job: the reminder before expiry, and the day it was found expired (once each).
    expiry_reminded_on = models.DateField(null=True, blank=True)
    expired_flagged_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-uploaded_at", "-pk"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        indexes = [models.Index(fields=["startup", "is_current"], name="documents_current")]

    def __str__(self) -> str:
        return f"{self.doc_type.name_fr} · {self.original_name}"

    @property
    def extension(self) -> str:
        return PurePath(self.original_name).suffix.lower()

    def validity(self, today: dt.date) -> str:
        """ "valid", "expiring" (within the reminder window), "expired" or "" (no expiry)."""
        if self.expires_on is None:
            return ""
        if self.expires_on < today:
            return "expired"
        if self.expires_on <= today + dt.timedelta(days=settings.DOCUMENT_EXPIRY_REMINDER_DAYS):
            return "expiring"
        return "valid"


class DocumentRequest(models.Model):
    """Staff ask a startup for a document of a type by a date; the founder answers by
    uploading it from the request; staff accept it or send it back with a comment."""

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        SUBMITTED = "submitted", _("submitted")
        ACCEPTED = "accepted", _("accepted")
        SENT_BACK = "sent_back", _("sent back")

    startup = models.ForeignKey(Startup, on_delete=models.CASCADE, related_name="document_requests")
    doc_type = models.ForeignKey(
        DocumentType, verbose_name=_("type"), on_delete=models.PROTECT, related_name="+"
    )
    due_on = models.DateField(_("due date"))
    message = models.TextField(_("message"), max_length=2000, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    document = models.ForeignKey(
        Document,
        verbose_name=_("document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="requests",
    )
    comment = models.TextField(_("comment"), max_length=2000, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    # The daily job: one reminder before the due date, one after it (the day each went).
    reminded_before_on = models.DateField(null=True, blank=True)
    reminded_after_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("document request")
        verbose_name_plural = _("document requests")

    def __str__(self) -> str:
        return f"{self.doc_type.name_fr} · {self.startup.name}"

    @property
    def awaits_startup(self) -> bool:
        return self.status in (self.Status.OPEN, self.Status.SENT_BACK)

    def is_overdue(self, today: dt.date) -> bool:
        return self.awaits_startup and self.due_on < today

    def shown_status(self, today: dt.date) -> str:
        """The status both sides see: "overdue" when still awaited after its due date."""
        return "overdue" if self.is_overdue(today) else self.status

    def shown_status_label(self, today: dt.date) -> str:
        if self.is_overdue(today):
            return str(_("overdue"))
        return self.get_status_display()
