"""Published bilans: the figures of one date frozen under a name ("Bilan d'étape 2022")."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from technopark.network.models import Site


class Edition(models.Model):
    """A bilan frozen as published: its figures stay as they were when records change."""

    name = models.CharField(_("name"), max_length=120)
    as_of = models.DateField(_("as of"))
    site = models.ForeignKey(
        Site,
        verbose_name=_("site"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="bilan_editions",
        help_text=_("Empty for the whole network."),
    )
    note = models.TextField(_("note"), blank=True)
    figures = models.JSONField(_("figures"), help_text=_("The bilan as computed when frozen."))
    frozen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    frozen_at = models.DateTimeField(_("frozen at"), auto_now_add=True)

    class Meta:
        ordering = ["-as_of", "name"]
        verbose_name = _("published bilan")
        verbose_name_plural = _("published bilans")
        constraints = [
            models.UniqueConstraint(fields=["name"], name="edition_name_unique"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def scope_label(self) -> str:
        return self.site.code if self.site_id else "network"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("impact:edition_detail", args=[self.pk])
