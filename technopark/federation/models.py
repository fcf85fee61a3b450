"""Sites being built: the project of each new site, its milestones, checklist and planned spaces.

Partner structures need no model of their own: a partner is a `network.Operator`, its staff
are `accounts.Role` rows, its programs are `programs.Program` rows with `direct` false.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from technopark.network.models import Site, Space


class SiteProject(models.Model):
    """A site in the pipeline: what it will offer, when, and for how much."""

    site = models.OneToOneField(
        Site, verbose_name=_("site"), on_delete=models.PROTECT, related_name="project"
    )
    planned_opening_on = models.DateField(_("planned opening"))
    budget_mad = models.DecimalField(
        _("budget (MAD)"),
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(Decimal(0))],
    )
    notes = models.TextField(_("notes"), blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("opened by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["planned_opening_on", "site__code"]
        verbose_name = _("site project")
        verbose_name_plural = _("site projects")
        constraints = [
            models.CheckConstraint(condition=Q(budget_mad__gte=0), name="project_budget_nonneg"),
        ]

    def __str__(self) -> str:
        return str(self.site)


class Milestone(models.Model):
    """One step of a site's construction, planned then done."""

    class Kind(models.TextChoices):
        LAND = "land", _("Land")
        WORKS = "works", _("Works")
        FIT_OUT = "fit_out", _("Fit-out")
        TEAM = "team", _("Team")
        OPENING = "opening", _("Opening")

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("Not started")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")

    ORDER = [Kind.LAND, Kind.WORKS, Kind.FIT_OUT, Kind.TEAM, Kind.OPENING]

    project = models.ForeignKey(SiteProject, on_delete=models.CASCADE, related_name="milestones")
    kind = models.CharField(_("milestone"), max_length=10, choices=Kind.choices)
    planned_on = models.DateField(_("planned date"))
    actual_on = models.DateField(_("actual date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.NOT_STARTED
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["project", "planned_on"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        constraints = [
            models.UniqueConstraint(fields=["project", "kind"], name="milestone_unique_kind"),
            models.CheckConstraint(
                condition=(Q(status="done") & Q(actual_on__isnull=False))
                | (~Q(status="done") & Q(actual_on__isnull=True)),
                name="milestone_actual_iff_done",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project} — {self.get_kind_display()}"

    def is_late(self, today: dt.date) -> bool:
        return self.status != self.Status.DONE and self.planned_on < today

    @property
    def order(self) -> int:
        return self.ORDER.index(self.kind)


class ChecklistItem(models.Model):
    """A thing that must be true before the site opens (permits, safety, network, team, ...)."""

    project = models.ForeignKey(SiteProject, on_delete=models.CASCADE, related_name="checklist")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    label = models.CharField(_("item"), max_length=200)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("done by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["project", "position", "pk"]
        verbose_name = _("checklist item")
        verbose_name_plural = _("checklist items")
        constraints = [
            models.UniqueConstraint(fields=["project", "label"], name="checklist_unique_label"),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def done(self) -> bool:
        return self.done_on is not None


class PlannedSpace(models.Model):
    """A space the site will have; it becomes a `network.Space` when the site opens."""

    project = models.ForeignKey(
        SiteProject, on_delete=models.CASCADE, related_name="planned_spaces"
    )
    code = models.CharField(_("code"), max_length=30)
    name = models.CharField(_("name"), max_length=120, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Space.Kind.choices)
    area_m2 = models.DecimalField(
        _("area (m²)"),
        max_digits=10,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    seats = models.PositiveIntegerField(_("seats"), default=0)
    leasable = models.BooleanField(_("leasable"), default=False)
    floor = models.CharField(_("floor or wing"), max_length=40, blank=True)

    class Meta:
        ordering = ["project", "floor", "code"]
        verbose_name = _("planned space")
        verbose_name_plural = _("planned spaces")
        constraints = [
            models.UniqueConstraint(fields=["project", "code"], name="planned_space_unique"),
            models.CheckConstraint(condition=Q(area_m2__gt=0), name="planned_space_area_pos"),
        ]

    def __str__(self) -> str:
        return f"{self.project.site.code}/{self.code}"
