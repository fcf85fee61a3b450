"""Satisfaction answers (campaigns and declarations are added by the collection work)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from technopark.startups.models import SCORE_VALIDATORS, Startup


class SatisfactionAnswer(models.Model):
    """One startup's answer to a satisfaction question: score 1–5 (5 = very satisfied)."""

    class Channel(models.TextChoices):
        SURVEY = "survey", _("Yearly survey")
        SERVICE = "service", _("Support service")
        DESK = "desk", _("Guichet unique appointment")
        EVENT = "event", _("Event")
        EXPERT = "expert", _("Expert session")

    startup = models.ForeignKey(
        Startup, verbose_name=_("startup"), on_delete=models.CASCADE, related_name="satisfaction"
    )
    answered_on = models.DateField(_("answered on"))
    score = models.PositiveSmallIntegerField(_("score"), validators=SCORE_VALIDATORS)
    comment = models.TextField(_("comment"), blank=True)
    channel = models.CharField(
        _("channel"), max_length=10, choices=Channel.choices, default=Channel.SURVEY
    )
    # What was rated, for answers after a service, appointment, event or session.
    subject = models.CharField(_("subject"), max_length=120, blank=True)

    class Meta:
        ordering = ["-answered_on"]
        verbose_name = _("satisfaction answer")
        verbose_name_plural = _("satisfaction answers")
        constraints = [
            models.UniqueConstraint(
                fields=["startup", "answered_on", "channel", "subject"],
                name="satisfaction_unique",
            ),
            models.CheckConstraint(
                condition=models.Q(score__gte=1, score__lte=5), name="satisfaction_score_1_5"
            ),
        ]
