"""The accompaniment plan of an enrolled startup: needs, milestones, coaching sessions."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from technopark.core.translated import (
    TranslatedCharField,
    TranslatedTextField,
    in_language,
    translation_field,
)
from technopark.core.uploads import private_upload_path
from technopark.programs.models.base import Enrollment, Program
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


class MilestoneTemplate(models.Model):
    """A milestone every startup of a program is expected to reach, in three languages, at
    an offset from the start of its enrollment (applied by `milestone_templates_apply`)."""

    program = models.ForeignKey(
        Program,
        verbose_name=_("program"),
        on_delete=models.CASCADE,
        related_name="milestone_templates",
    )
    title = TranslatedCharField(_("title"), max_length=200)
    title_ar = translation_field("title", "ar", max_length=200)
    title_en = translation_field("title", "en", max_length=200)
    description = TranslatedTextField(_("description"), blank=True)
    description_ar = translation_field("description", "ar")
    description_en = translation_field("description", "en")
    evidence = TranslatedTextField(
        _("evidence expected"),
        blank=True,
        help_text=_("What the startup sends to show it is done (a contract, a link, a report…)."),
    )
    evidence_ar = models.TextField(_("evidence expected (Arabic)"), blank=True)
    evidence_en = models.TextField(_("evidence expected (English)"), blank=True)
    offset_days = models.PositiveSmallIntegerField(
        _("starts (days after the enrollment's start)"), default=0
    )
    duration_days = models.PositiveSmallIntegerField(_("duration (days)"), default=30)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True, null=True, editable=False)

    class Meta:
        ordering = ["program", "offset_days", "pk"]
        verbose_name = _("milestone template")
        verbose_name_plural = _("milestone templates")
        constraints = [
            models.CheckConstraint(
                condition=Q(duration_days__gte=1, duration_days__lte=1000),
                name="milestone_template_duration_sane",
            ),
            models.CheckConstraint(
                condition=Q(offset_days__lte=2000), name="milestone_template_offset_sane"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Milestone(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done, awaiting validation")
        SENT_BACK = "sent_back", _("Sent back")
        VALIDATED = "validated", _("Validated")
        DROPPED = "dropped", _("Dropped")

    # Not validated yet: late once the due date has passed.
    OPEN = (Status.PLANNED, Status.IN_PROGRESS, Status.DONE, Status.SENT_BACK)
    # What the startup itself may set.
    FOUNDER = (Status.IN_PROGRESS, Status.DONE)

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="milestones")
    template = models.ForeignKey(
        MilestoneTemplate,
        verbose_name=_("template"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="milestones",
    )
    title = models.CharField(_("milestone"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    due_on = models.DateField(_("due on"))
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PLANNED
    )
    done_on = models.DateField(_("done on"), null=True, blank=True)
    evidence_file = models.FileField(
        _("evidence (file)"),
        upload_to=private_upload_path("programs/milestones"),
        blank=True,
        max_length=200,
    )
    evidence_name = models.CharField(max_length=200, blank=True, editable=False)
    evidence_link = models.URLField(_("evidence (link)"), blank=True, max_length=500)
    comment = models.TextField(_("the startup's comment"), blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True, editable=False)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    review_comment = models.TextField(_("the officer's comment"), blank=True)
    reviewed_at = models.DateTimeField(null=True, blank=True, editable=False)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
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
            # A template is applied once to a plan, however often it is applied.
            models.UniqueConstraint(
                fields=["plan", "template"],
                condition=Q(template__isnull=False),
                name="milestone_template_once",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def label(self) -> str:
        """The title in the reader's language (the template's translations, if any)."""
        if self.template_id and self.template is not None:
            return in_language(self.template, "title") or self.title
        return self.title

    @property
    def expected(self) -> str:
        if self.template_id and self.template is not None:
            return in_language(self.template, "evidence")
        return ""

    @property
    def details(self) -> str:
        if self.template_id and self.template is not None:
            return in_language(self.template, "description") or self.description
        return self.description

    BADGES = {
        "planned": "text-bg-secondary",
        "in_progress": "text-bg-info",
        "done": "text-bg-warning",
        "sent_back": "text-bg-danger",
        "validated": "text-bg-success",
        "dropped": "text-bg-light",
    }

    @property
    def badge(self) -> str:
        """The Bootstrap badge of its status (the plan page's colours)."""
        return self.BADGES.get(self.status, "text-bg-light")

    @property
    def closed(self) -> bool:
        return self.status in (self.Status.VALIDATED, self.Status.DROPPED)

    @property
    def has_evidence(self) -> bool:
        return bool(self.evidence_file or self.evidence_link)

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
