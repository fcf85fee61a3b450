"""The accompaniment plan of an enrolled startup: needs, milestones, coaching sessions."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from technopark.programs.models.base import Enrollment
from technopark.startups.models import Startup


class Plan(models.Model):
    class Need(models.TextChoices):
        PRODUCT = "product", _("Product and technology")
        MARKET = "market", _("Market and sales")
        FINANCING = "financing", _("Financing")
        TEAM = "team", _("Team and recruitment")
        LEGAL = "legal", _("Legal and intellectual property")
        EXPORT = "export", _("Export")

    startup = models.OneToOneField(
        Startup, verbose_name=_("startup"), on_delete=models.CASCADE, related_name="plan"
    )
    enrollment = models.ForeignKey(
        Enrollment,
        verbose_name=_("current enrollment"),
        on_delete=models.PROTECT,
        related_name="plans",
    )
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("program officer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="followed_plans",
    )
    needs = models.JSONField(_("needs"), default=list, blank=True)
    diagnostic = models.TextField(_("diagnostic"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True, null=True, editable=False)

    class Meta:
        ordering = ["startup__name"]
        verbose_name = _("accompaniment plan")
        verbose_name_plural = _("accompaniment plans")

    def __str__(self) -> str:
        return str(self.startup)

    def need_labels(self) -> list[str]:
        labels = dict(self.Need.choices)
        return [str(labels[n]) for n in self.needs if n in labels]


class Milestone(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        DROPPED = "dropped", _("Dropped")

    OPEN = (Status.PLANNED, Status.IN_PROGRESS)

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("milestone"), max_length=200)
    due_on = models.DateField(_("due on"))
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PLANNED
    )
    done_on = models.DateField(_("done on"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True, null=True, editable=False)

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        constraints = [
            models.CheckConstraint(
                condition=Q(status="done", done_on__isnull=False) | (~Q(status="done")),
                name="milestone_done_has_date",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def is_late_on(self, day) -> bool:
        return self.status in self.OPEN and self.due_on < day


class CoachingSession(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="sessions")
    held_on = models.DateField(_("date"))
    minutes = models.PositiveSmallIntegerField(_("length (minutes)"))
    topics = models.TextField(_("topics"))
    next_steps = models.TextField(_("next steps"), blank=True)
    coach = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = _("coaching session")
        verbose_name_plural = _("coaching sessions")
        constraints = [
            models.CheckConstraint(
                condition=Q(minutes__gt=0, minutes__lte=600), name="session_length_sane"
            ),
        ]
