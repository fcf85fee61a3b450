"""The guichet unique: partner desks on site (services, slots and appointments build on it)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from technopark.network.models import Site


class Desk(models.Model):
    """A partner's desk at a site: OMPIC, ANAPEC, CNSS, CIMR, legalisation, insurance, ..."""

    site = models.ForeignKey(
        Site, verbose_name=_("site"), on_delete=models.PROTECT, related_name="desks"
    )
    code = models.CharField(_("code"), max_length=30, unique=True)
    partner = models.CharField(_("partner"), max_length=120)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    location = models.CharField(_("location in the building"), max_length=120, blank=True)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["site", "partner"]
        verbose_name = _("partner desk")
        verbose_name_plural = _("partner desks")

    def __str__(self) -> str:
        return f"{self.partner} ({self.site.code})"
