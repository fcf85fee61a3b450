"""Calls for applications, the form an officer composes, and the applications received."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from technopark.core.formatting import grouped
from technopark.core.translated import TranslatedCharField, translation_field
from technopark.network.models import Region, Site
from technopark.programs.models.base import Enrollment, Program
from technopark.startups.models import Startup


class Call(models.Model):
    """A call for applications to one program at one site, open between two dates."""

    program = models.ForeignKey(
        Program, verbose_name=_("program"), on_delete=models.PROTECT, related_name="calls"
    )
    site = models.ForeignKey(
        Site, verbose_name=_("site"), on_delete=models.PROTECT, related_name="calls"
    )
    title = TranslatedCharField(_("title"), max_length=200)
    title_ar = translation_field("title", "ar", max_length=200)
    title_en = translation_field("title", "en", max_length=200)
    description = models.TextField(_("description"), blank=True)
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    review_deadline = models.DateField(
        _("reviews due by"),
        null=True,
        blank=True,
        help_text=_("Reviewers are reminded before this day and on the day."),
    )
    max_company_age_years = models.PositiveSmallIntegerField(
        _("maximum age of the company (years)"),
        null=True,
        blank=True,
        help_text=_("Empty: no limit. Projects not yet incorporated are always eligible."),
    )
    allowed_regions = models.ManyToManyField(
        Region,
        verbose_name=_("allowed regions"),
        blank=True,
        help_text=_("Empty: every region."),
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True, null=True, editable=False)

    class Meta:
        ordering = ["-opens_on", "title"]
        verbose_name = _("call for applications")
        verbose_name_plural = _("calls for applications")
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__gte=models.F("opens_on")), name="call_closes_after_opening"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    def is_open_on(self, day: dt.date) -> bool:
        return self.is_published and self.opens_on <= day <= self.closes_on

    def state_on(self, day: dt.date) -> str:
        if not self.is_published:
            return "draft"
        if day < self.opens_on:
            return "upcoming"
        return "open" if day <= self.closes_on else "closed"


class Question(models.Model):
    class Kind(models.TextChoices):
        SHORT = "short", _("Short text")
        LONG = "long", _("Long text")
        CHOICE = "choice", _("Choice")
        NUMBER = "number", _("Number")
        YESNO = "yesno", _("Yes / no")

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    label = models.CharField(_("question"), max_length=300)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.SHORT)
    choices = models.TextField(_("choices"), blank=True, help_text=_("One choice per line."))
    required = models.BooleanField(_("required"), default=True)

    class Meta:
        ordering = ["call", "position", "pk"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self) -> str:
        return self.label

    def shown(self, value: str) -> str:
        """An answer as a reader reads it: a yes/no answer in the reader's language (it is
        stored "yes" / "no"), a number grouped as the network writes it (400 000), any
        other answer as written."""
        if self.kind == self.Kind.YESNO and value in ("yes", "no"):
            return gettext("Yes") if value == "yes" else gettext("No")
        if self.kind == self.Kind.NUMBER and value:
            raw = value.strip().replace("\u202f", "").replace(" ", "").replace(",", ".")
            try:
                number = Decimal(raw)
            except InvalidOperation:
                return value
            if not number.is_finite():
                return value
            places = max(0, -number.as_tuple().exponent)
            return grouped(number, places)
        return value

    @property
    def choice_list(self) -> list[str]:
        return [line.strip() for line in self.choices.splitlines() if line.strip()]


class RequiredDocument(models.Model):
    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="documents")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    label = models.CharField(_("document"), max_length=200)
    required = models.BooleanField(_("required"), default=True)

    class Meta:
        ordering = ["call", "position", "pk"]
        verbose_name = _("required document")
        verbose_name_plural = _("required documents")

    def __str__(self) -> str:
        return self.label


class Criterion(models.Model):
    """One line of the evaluation grid, scored 1–5, weighted."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="criteria")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    label = models.CharField(_("criterion"), max_length=200)
    weight = models.PositiveSmallIntegerField(
        _("weight"), default=1, validators=[MinValueValidator(1), MaxValueValidator(10)]
    )

    class Meta:
        ordering = ["call", "position", "pk"]
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        constraints = [
            models.CheckConstraint(
                condition=Q(weight__gte=1, weight__lte=10), name="criterion_weight_1_10"
            ),
        ]

    def __str__(self) -> str:
        return self.label


class Application(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        MORE_INFO = "more_info", _("Information requested")
        INTERVIEW = "interview", _("Interview")
        ADMITTED = "admitted", _("Admitted")
        WAITLISTED = "waitlisted", _("Waiting list")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    DECISIONS = (Status.ADMITTED, Status.WAITLISTED, Status.DECLINED)
    # Reviewers score an application only while it is under review (not decided, withdrawn).
    UNDER_REVIEW = (Status.SUBMITTED, Status.INTERVIEW)
    # What an application says about people: blanked by retention, kept out of the audit trail.
    PERSONAL_TEXT = ("summary", "team", "interview_notes", "decision_note", "decision_reasons")

    call = models.ForeignKey(
        Call, verbose_name=_("call"), on_delete=models.PROTECT, related_name="applications"
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("applicant"),
        on_delete=models.PROTECT,
        related_name="applications",
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    project_name = models.CharField(_("project or startup name"), max_length=200)
    summary = models.TextField(_("the project in a few lines"), blank=True)
    sector = models.CharField(_("sector"), max_length=100, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    region = models.ForeignKey(
        Region, verbose_name=_("region"), null=True, blank=True, on_delete=models.PROTECT
    )
    founded_on = models.DateField(
        _("company founded on"),
        null=True,
        blank=True,
        help_text=_("Leave empty if the company is not incorporated yet."),
    )
    ice = models.CharField(
        _("ICE"), max_length=15, blank=True, help_text=_("15 digits, if the company exists.")
    )
    team = models.TextField(
        _("co-founders"),
        blank=True,
        help_text=_("One per line: full name, e-mail."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    interview_at = models.DateTimeField(_("interview"), null=True, blank=True)
    interview_notes = models.TextField(_("interview notes"), blank=True)
    # The interview's calendar entry: a UID kept while it is moved, a new one after a
    # cancellation; the SEQUENCE grows with each change (docs/calendars.md).
    interview_uid = models.UUIDField(null=True, blank=True, editable=False)
    interview_sequence = models.PositiveIntegerField(default=0, editable=False)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    decision_note = models.TextField(_("decision note"), blank=True)
    decision_reasons = models.TextField(_("reasons given to the applicant"), blank=True)
    decision_next_steps = models.TextField(_("next steps"), blank=True)
    override_reason = models.TextField(
        _("why the committee decided without every review"), blank=True
    )
    startup = models.ForeignKey(
        Startup,
        verbose_name=_("startup"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="applications",
    )
    enrollment = models.OneToOneField(
        Enrollment, null=True, blank=True, on_delete=models.PROTECT, related_name="application"
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        constraints = [
            models.UniqueConstraint(fields=["call", "applicant"], name="application_one_per_call"),
            models.CheckConstraint(
                condition=~Q(status="admitted") | Q(startup__isnull=False),
                name="application_admitted_has_startup",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project_name} — {self.call}"

    @property
    def is_editable(self) -> bool:
        return self.status == self.Status.DRAFT

    @property
    def is_under_review(self) -> bool:
        """Reviewers may still score it (see `UNDER_REVIEW`)."""
        return self.status in self.UNDER_REVIEW


class Answer(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    value = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["application", "question"], name="answer_unique"),
        ]


def _document_path(instance, filename: str) -> str:
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"applications/{instance.application.call_id}/{uuid.uuid4().hex}.{suffix}"


class ApplicationDocument(models.Model):
    """An uploaded file, served only through a view that asks the permission layer."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="documents")
    required_document = models.ForeignKey(
        RequiredDocument, on_delete=models.CASCADE, related_name="uploads"
    )
    file = models.FileField(upload_to=_document_path)
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=50)
    size = models.PositiveIntegerField()
    uploaded_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["application", "required_document"], name="application_document_unique"
            ),
        ]


class ReviewAssignment(models.Model):
    """A reviewer asked to score one application."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="assignments"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="review_assignments"
    )
    assigned_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    # Set when the reviewer declared a conflict of interest: the review is no longer due.
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["assigned_at"]
        constraints = [
            models.UniqueConstraint(fields=["application", "reviewer"], name="review_unique"),
        ]


class Score(models.Model):
    assignment = models.ForeignKey(
        ReviewAssignment, on_delete=models.CASCADE, related_name="scores"
    )
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="scores")
    value = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(5)]
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["assignment", "criterion"], name="score_unique"),
            models.CheckConstraint(condition=Q(value__gte=1, value__lte=5), name="score_1_5"),
        ]


class ConflictDeclaration(models.Model):
    """A reviewer's word, before reading an application, on a conflict of interest."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="conflict_declarations"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="conflict_declarations"
    )
    has_conflict = models.BooleanField(_("I have a conflict of interest"))
    note = models.TextField(_("note"), blank=True)
    declared_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["declared_at"]
        verbose_name = _("conflict of interest declaration")
        verbose_name_plural = _("conflict of interest declarations")
        constraints = [
            models.UniqueConstraint(fields=["application", "person"], name="conflict_once"),
        ]


class ReviewReminder(models.Model):
    """A reminder sent to a reviewer about the call's review deadline (one of each kind)."""

    class Kind(models.TextChoices):
        BEFORE = "before", _("Before the deadline")
        DAY = "day", _("On the day")

    assignment = models.ForeignKey(
        ReviewAssignment, on_delete=models.CASCADE, related_name="reminders"
    )
    kind = models.CharField(max_length=6, choices=Kind.choices)
    sent_on = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["assignment", "kind"], name="review_reminder_once"),
        ]


class InfoRequest(models.Model):
    """The officer asks the applicant for named answers or documents."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="info_requests"
    )
    message = models.TextField(_("message to the applicant"))
    questions = models.ManyToManyField(Question, blank=True, related_name="+")
    documents = models.ManyToManyField(RequiredDocument, blank=True, related_name="+")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at"]


class ApplicationVersion(models.Model):
    """What the applicant had submitted, kept at each submission."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField()
    submitted_at = models.DateTimeField()
    fields = models.JSONField(default=dict)
    answers = models.JSONField(default=list)
    documents = models.JSONField(default=list)
    info_request = models.ForeignKey(
        InfoRequest, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["application", "number"]
        constraints = [
            models.UniqueConstraint(fields=["application", "number"], name="version_once"),
        ]


class DecisionLetter(models.Model):
    """The letter the applicant gets for a decision, per call and language."""

    LANGUAGES = (("fr", "Français"), ("ar", "العربية"), ("en", "English"))

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="letters")
    decision = models.CharField(
        _("decision"), max_length=12, choices=[(s.value, s.label) for s in Application.DECISIONS]
    )
    language = models.CharField(_("language"), max_length=2, choices=LANGUAGES)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("letter"))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["call", "decision", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["call", "decision", "language"], name="decision_letter_once"
            ),
        ]
