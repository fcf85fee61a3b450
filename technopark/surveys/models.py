"""Collection of the figures: satisfaction answers, declarations, and the campaigns asking for them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from technopark.network.models import Site
from technopark.programs.models import Program
from technopark.startups.models import SCORE_VALIDATORS, Startup


class Campaign(models.Model):
    """Staff ask a group of startups for their figures, their news after exit, or their opinion."""

    class Kind(models.TextChoices):
        DECLARATION = "declaration", _("Half-year declaration")
        FOLLOWUP = "followup", _("Alumni follow-up")
        SATISFACTION = "satisfaction", _("Satisfaction survey")

    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    period = models.CharField(
        _("period"), max_length=20, help_text=_("The period asked about, e.g. 2026-S2 or 2026.")
    )
    as_of = models.DateField(
        _("figures as of"), help_text=_("The date the declared figures refer to.")
    )
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))
    sites = models.ManyToManyField(Site, verbose_name=_("sites"), blank=True, related_name="+")
    programs = models.ManyToManyField(
        Program, verbose_name=_("programs"), blank=True, related_name="+"
    )
    anonymous = models.BooleanField(
        _("anonymous answers"),
        default=False,
        help_text=_("Staff read the comments without knowing who wrote them."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-opens_on", "-pk"]
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__gt=models.F("opens_on")), name="campaign_closes_after_open"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class CampaignRequest(models.Model):
    """One startup asked in one campaign; the reminders and the answer are recorded once each."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="requests")
    startup = models.ForeignKey(Startup, on_delete=models.CASCADE, related_name="+")
    site = models.ForeignKey(Site, null=True, on_delete=models.SET_NULL, related_name="+")
    program = models.ForeignKey(Program, null=True, on_delete=models.SET_NULL, related_name="+")
    sent_on = models.DateField(_("sent on"), null=True, blank=True)
    reminded_7_on = models.DateField(_("first reminder"), null=True, blank=True)
    reminded_14_on = models.DateField(_("second reminder"), null=True, blank=True)
    officer_told_on = models.DateField(_("officer told"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    # The declaration that answered a declaration campaign: its standard figures.
    declaration = models.ForeignKey(
        "Declaration", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["campaign", "startup__name"]
        verbose_name = _("campaign request")
        verbose_name_plural = _("campaign requests")
        constraints = [
            models.UniqueConstraint(fields=["campaign", "startup"], name="campaign_request_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.campaign} · {self.startup}"


class Declaration(models.Model):
    """What a startup declared for a date; jobs, exports, patents and fundings go to startups."""

    startup = models.ForeignKey(Startup, on_delete=models.CASCADE, related_name="declarations")
    as_of = models.DateField(_("as of"))
    direct_jobs = models.PositiveIntegerField(_("direct jobs"))
    indirect_jobs = models.PositiveIntegerField(_("indirect jobs"), default=0)
    revenue_mad = models.DecimalField(
        _("revenue (MAD)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    declared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    declared_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["startup", "-as_of"]
        verbose_name = _("declaration")
        verbose_name_plural = _("declarations")
        constraints = [
            models.UniqueConstraint(fields=["startup", "as_of"], name="declaration_unique"),
            models.CheckConstraint(
                condition=Q(revenue_mad__isnull=True) | Q(revenue_mad__gte=0),
                name="declaration_revenue_not_negative",
            ),
        ]


class CampaignMetric(models.Model):
    """A figure a declaration campaign asks for beyond the standard ones (jobs, revenue,
    exports, patents, funds raised): its label in French (Arabic and English optional)."""

    class Kind(models.TextChoices):
        INTEGER = "integer", _("Whole number")
        DECIMAL = "decimal", _("Decimal number")
        AMOUNT = "amount", _("Amount in MAD")
        YESNO = "yesno", _("Yes / no")
        TEXT = "text", _("Short text")

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="metrics")
    position = models.PositiveSmallIntegerField(_("position"))
    label = models.CharField(_("label (French)"), max_length=200)
    label_ar = models.CharField(_("label (Arabic)"), max_length=200, blank=True)
    label_en = models.CharField(_("label (English)"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    unit = models.CharField(_("unit"), max_length=30, blank=True)
    required = models.BooleanField(_("required"), default=False)

    class Meta:
        ordering = ["campaign", "position"]
        verbose_name = _("campaign metric")
        verbose_name_plural = _("campaign metrics")
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "position"], name="campaign_metric_position_unique"
            ),
            models.UniqueConstraint(
                fields=["campaign", "label"], name="campaign_metric_label_unique"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=["integer", "decimal", "amount", "yesno", "text"]),
                name="campaign_metric_kind_known",
            ),
            models.CheckConstraint(condition=~Q(label=""), name="campaign_metric_label_given"),
            models.CheckConstraint(
                condition=Q(kind__in=["integer", "decimal", "amount"]) | Q(unit=""),
                name="campaign_metric_unit_for_numbers",
            ),
        ]

    def __str__(self) -> str:
        return self.label

    def label_in(self, language: str | None = None) -> str:
        """The label in `language` (the active one by default), French when not given."""
        language = (language or get_language() or "fr")[:2]
        return {"ar": self.label_ar, "en": self.label_en}.get(language) or self.label

    @property
    def shown_label(self) -> str:
        return self.label_in()

    @property
    def is_number(self) -> bool:
        return self.kind in (self.Kind.INTEGER, self.Kind.DECIMAL, self.Kind.AMOUNT)


class MetricAnswer(models.Model):
    """A startup's value for one metric of a campaign it is asked in (one per request)."""

    request = models.ForeignKey(
        CampaignRequest, on_delete=models.CASCADE, related_name="metric_answers"
    )
    metric = models.ForeignKey(CampaignMetric, on_delete=models.CASCADE, related_name="answers")
    value_number = models.DecimalField(
        _("numeric value"), max_digits=18, decimal_places=4, null=True, blank=True
    )
    value_bool = models.BooleanField(_("yes / no"), null=True, blank=True)
    value_text = models.CharField(_("text"), max_length=200, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_at = models.DateTimeField(_("answered at"), auto_now=True)

    class Meta:
        ordering = ["request", "metric__position"]
        verbose_name = _("metric answer")
        verbose_name_plural = _("metric answers")
        constraints = [
            models.UniqueConstraint(fields=["request", "metric"], name="metric_answer_unique"),
            models.CheckConstraint(
                condition=(
                    Q(value_number__isnull=False, value_bool__isnull=True, value_text="")
                    | Q(value_number__isnull=True, value_bool__isnull=False, value_text="")
                    | (Q(value_number__isnull=True, value_bool__isnull=True) & ~Q(value_text=""))
                ),
                name="metric_answer_one_value",
            ),
        ]

    @property
    def value(self):
        if self.value_number is not None:
            return self.value_number
        if self.value_bool is not None:
            return self.value_bool
        return self.value_text


SATISFIED = 4  # a score of 4 or 5 (out of 5) counts as satisfied, everywhere


def satisfied_q(field: str = "score") -> Q:
    """The one definition of "satisfied": a score of 4 or more on the 1–5 scale."""
    return Q(**{f"{field}__gte": SATISFIED})


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
    answered_on = models.DateField(_("answered on"), db_index=True)
    score = models.PositiveSmallIntegerField(_("score"), validators=SCORE_VALIDATORS)
    comment = models.TextField(_("comment"), blank=True)
    channel = models.CharField(
        _("channel"), max_length=10, choices=Channel.choices, default=Channel.SURVEY
    )
    # What was rated, for answers after a service, appointment, event or session.
    subject = models.CharField(_("subject"), max_length=120, blank=True)
    # Added by the collection work: who answered, in which campaign, and whether to hide them.
    campaign = models.ForeignKey(
        Campaign, null=True, blank=True, on_delete=models.SET_NULL, related_name="answers"
    )
    respondent = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    anonymous = models.BooleanField(_("anonymous"), default=False)

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
        indexes = [
            # The bilan's satisfaction over a year, from the index alone.
            models.Index(fields=["answered_on", "score"], name="satisfaction_answered_score"),
        ]
