"""Programs and enrollments: what the bilan counts."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from technopark.core.translated import TranslatedCharField, TranslatedTextField, translation_field
from technopark.network.models import Operator, Site
from technopark.startups.models import Startup


class Program(models.Model):
    class Kind(models.TextChoices):
        PRE_INCUBATION = "pre_incubation", _("Pre-incubation")
        INCUBATION = "incubation", _("Incubation")
        ACCELERATION = "acceleration", _("Acceleration")
        OTHER = "other", _("Other")

    code = models.CharField(_("code"), max_length=40, unique=True)
    name = TranslatedCharField(_("name"), max_length=200)
    name_ar = translation_field("name", "ar", max_length=200)
    name_en = translation_field("name", "en", max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    operator = models.ForeignKey(
        Operator,
        verbose_name=_("operator"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="programs",
    )
    direct = models.BooleanField(
        _("direct accompaniment"),
        default=True,
        help_text=_("Run by the network's own operator."),
    )
    description = TranslatedTextField(_("description"), blank=True)
    description_ar = translation_field("description", "ar")
    description_en = translation_field("description", "en")
    stay_limit_years = models.PositiveSmallIntegerField(
        _("stay limit (years)"), default=5, help_text=_("How long a startup may stay hosted.")
    )
    sites = models.ManyToManyField(
        Site, verbose_name=_("sites"), blank=True, related_name="programs"
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True, null=True, editable=False)

    class Meta:
        ordering = ["code"]
        verbose_name = _("program")
        verbose_name_plural = _("programs")

    def __str__(self) -> str:
        return self.name


class Enrollment(models.Model):
    """A startup taken into a program at a site; covers [started_on, ended_on)."""

    class Outcome(models.TextChoices):
        GRADUATED = "graduated", _("Graduated")
        DISCONTINUED = "discontinued", _("Discontinued")

    startup = models.ForeignKey(
        Startup, verbose_name=_("startup"), on_delete=models.PROTECT, related_name="enrollments"
    )
    program = models.ForeignKey(
        Program, verbose_name=_("program"), on_delete=models.PROTECT, related_name="enrollments"
    )
    site = models.ForeignKey(
        Site, verbose_name=_("site"), on_delete=models.PROTECT, related_name="enrollments"
    )
    started_on = models.DateField(_("started on"))
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=12, choices=Outcome.choices, blank=True)
    exit_reason = models.TextField(_("reason for leaving"), blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True, null=True, editable=False)

    class Meta:
        ordering = ["started_on"]
        verbose_name = _("enrollment")
        verbose_name_plural = _("enrollments")
        constraints = [
            models.UniqueConstraint(
                fields=["startup", "program", "started_on"], name="enrollment_unique"
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gt=models.F("started_on")),
                name="enrollment_ends_after_start",
            ),
            models.CheckConstraint(
                condition=(Q(ended_on__isnull=True) & Q(outcome=""))
                | (Q(ended_on__isnull=False) & ~Q(outcome="")),
                name="enrollment_outcome_iff_ended",
            ),
        ]
        indexes = [
            # The bilan's incubations completed and discontinued by D, from the index alone.
            models.Index(fields=["outcome", "program", "ended_on"], name="enrollment_outcome"),
            # The startups accompanied in a year, from the index alone.
            models.Index(fields=["ended_on", "started_on", "startup"], name="enrollment_span"),
        ]

    def __str__(self) -> str:
        return f"{self.startup} — {self.program} ({self.site.code})"


class StartupSupport(models.Model):
    """Since when a startup is supported (its first enrollment), directly (its first
    enrollment in a program of the network's own operator), and since when it has left an
    incubation graduated (the end of its first graduated incubation).

    Derived from the enrollments and programs by the database itself (the triggers of
    `migrations_sql_facts.py` run on every insert, update and delete, whoever writes), and
    read by the bilan: `supported(D)` for the whole network is `since <= D`, one comparison
    on a short row instead of a search among the enrollments. The application never writes
    it. A startup without enrollment has no row.
    """

    startup = models.OneToOneField(
        Startup, primary_key=True, on_delete=models.CASCADE, related_name="support"
    )
    since = models.DateField(_("supported since"), db_index=True)
    directly_since = models.DateField(_("supported directly since"), null=True, db_index=True)
    exited_since = models.DateField(_("graduated since"), null=True, db_index=True)

    class Meta:
        verbose_name = _("support of a startup")
        verbose_name_plural = _("support of the startups")


class FactsDeferral(models.Model):
    """While it holds a row (inside one transaction: `bilan_facts_deferred`, used by a bulk
    import), the facts' triggers only note the startups written in `FactsPending`; the
    facts of those startups are then computed in one pass at the end of the transaction's
    work. Other transactions never see the row, so their triggers work as usual."""

    class Meta:
        verbose_name = _("deferral of the bilan's facts")
        verbose_name_plural = _("deferrals of the bilan's facts")


class FactsPending(models.Model):
    """A startup whose facts wait for `bilan_facts_deferred` to compute them."""

    startup_id = models.BigIntegerField(primary_key=True)

    class Meta:
        verbose_name = _("startup whose facts are pending")
        verbose_name_plural = _("startups whose facts are pending")
