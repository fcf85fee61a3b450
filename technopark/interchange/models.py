"""An upload of the interchange format from the web: checked first, then confirmed."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from technopark.network.models import Operator, Site


class ImportJob(models.Model):
    """One uploaded file (or set of CSV files), its dry run, and its import once confirmed.

    The reports are the JSON of `ImportReport.to_dict()`. The job is also the audit trail
    of an import: the bulk writes do not go through per-record audit logging.
    """

    class Status(models.TextChoices):
        CHECKING = "checking", _("Being checked")
        CHECKED = "checked", _("Checked, waiting for confirmation")
        REJECTED = "rejected", _("Errors found")
        IMPORTING = "importing", _("Being imported")
        DONE = "done", _("Imported")
        FAILED = "failed", _("Failed")
        CANCELLED = "cancelled", _("Cancelled")

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    operator = models.ForeignKey(
        Operator,
        verbose_name=_("restricted to partner"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    original_name = models.CharField(_("file"), max_length=300)
    stored_path = models.CharField(max_length=500)
    size_bytes = models.PositiveBigIntegerField(_("size"), default=0)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.CHECKING
    )
    preview = models.JSONField(_("dry run report"), null=True, blank=True)
    # A workbook as the park keeps it: the mapping the person confirmed, the cells they
    # fixed on the preview's grid ({sheet: {line: {column index: text}}}), and its site.
    mapping = models.JSONField(_("mapping"), null=True, blank=True)
    corrections = models.JSONField(_("corrections"), default=dict, blank=True)
    site = models.ForeignKey(
        Site,
        verbose_name=_("site"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    result = models.JSONField(_("import report"), null=True, blank=True)
    failure = models.TextField(_("failure"), blank=True)
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")

    def __str__(self) -> str:
        return self.original_name

    @property
    def running(self) -> bool:
        return self.status in (self.Status.CHECKING, self.Status.IMPORTING)

    @property
    def report_data(self) -> dict | None:
        return self.result if self.result is not None else self.preview


class ImportMapping(models.Model):
    """How a kind of workbook is read: its sheets → tables, columns → fields, values → codes.

    Kept when a person confirms a mapping on the upload page, and applied to the next
    upload whose sheets have the same headers (`fingerprint`): by the person who kept it,
    or by anyone when it is shared. `mapping` is the JSON `guess.Plan.to_dict()` writes,
    which `import-data --mapping FILE` also reads.
    """

    name = models.CharField(_("name"), max_length=200)
    fingerprint = models.CharField(max_length=40, db_index=True)
    mapping = models.JSONField(_("mapping"))
    site = models.ForeignKey(
        Site,
        verbose_name=_("site"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    operator = models.ForeignKey(
        Operator,
        verbose_name=_("restricted to partner"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    shared = models.BooleanField(_("shared with the other sites"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("kept by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("import mapping")
        verbose_name_plural = _("import mappings")

    def __str__(self) -> str:
        return self.name
