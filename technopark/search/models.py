"""Saved views: a list's filters and sort (its query string) kept under a name.

A view is its owner's alone, or shared with the team of one site (the site's managers
and program officers see it in their list of views). What a view shows is always what the
person opening it may see: it keeps a query string, never records.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from technopark.network.models import Site


class SavedView(models.Model):
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.CASCADE,
        related_name="saved_views",
    )
    name = models.CharField(_("name"), max_length=80)
    path = models.CharField(_("page"), max_length=200)
    query = models.CharField(_("filters and sort"), max_length=1000, blank=True)
    shared_site = models.ForeignKey(
        Site,
        verbose_name=_("shared with the team of"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("saved view")
        verbose_name_plural = _("saved views")
        constraints = [
            models.UniqueConstraint(fields=["owner", "name"], name="saved_view_name_unique"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def url(self) -> str:
        return f"{self.path}?{self.query}" if self.query else self.path
