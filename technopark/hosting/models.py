"""Hosting contracts ("conventions d'hébergement"): the records behind residents and occupancy."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from technopark.network.models import Site, Space
from technopark.startups.models import Startup


class Lease(models.Model):
    """A space let to a startup; covers [starts_on, ends_on).

    Two signed leases of one space never overlap: PostgreSQL holds it with an exclusion
    constraint, SQLite with triggers (see migration 0002). Drafts are not yet binding.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        ACTIVE = "active", _("Signed (active)")
        NOTICE = "notice", _("Notice given")
        ENDED = "ended", _("Ended")

    site = models.ForeignKey(
        Site, verbose_name=_("site"), on_delete=models.PROTECT, related_name="leases"
    )
    space = models.ForeignKey(
        Space, verbose_name=_("space"), on_delete=models.PROTECT, related_name="leases"
    )
    startup = models.ForeignKey(
        Startup, verbose_name=_("startup"), on_delete=models.PROTECT, related_name="leases"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("handed back on"), null=True, blank=True)
    planned_end = models.DateField(_("planned end"), null=True, blank=True)
    monthly_rent_mad = models.DecimalField(
        _("monthly rent (MAD)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["site", "space", "starts_on"]
        verbose_name = _("hosting contract")
        verbose_name_plural = _("hosting contracts")
        constraints = [
            models.UniqueConstraint(fields=["space", "starts_on"], name="lease_unique_start"),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gt=models.F("starts_on")),
                name="lease_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.space} → {self.startup}"
