"""The services catalogue: market, financing and network access, experts, and consortia."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext_lazy as _

from technopark.network.models import Site
from technopark.programs.models import Enrollment, Program
from technopark.startups.models import Funding, Grouping, Startup

SCORE = [MinValueValidator(1), MaxValueValidator(5)]

# The expert hours a startup may use in one programme period when its program sets none.
DEFAULT_EXPERT_HOURS = Decimal("20")


class Family(models.TextChoices):
    MARKET = "market", _("Market access")
    FINANCING = "financing", _("Financing access")
    NETWORK = "network", _("Network access")


class SlaTarget(models.Model):
    """How fast staff answer and close a family's requests (editable in the admin)."""

    family = models.CharField(_("family"), max_length=10, choices=Family.choices, unique=True)
    first_answer_hours = models.PositiveIntegerField(_("first answer within (hours)"), default=48)
    close_days = models.PositiveIntegerField(_("closed within (days)"), default=30)

    class Meta:
        verbose_name = _("service-level target")
        verbose_name_plural = _("service-level targets")


class ExpertHoursBudget(models.Model):
    """How many expert hours a startup of a program may use per enrollment (admin-editable)."""

    program = models.OneToOneField(
        Program,
        verbose_name=_("program"),
        on_delete=models.CASCADE,
        related_name="expert_hours_budget",
    )
    hours = models.DecimalField(
        _("expert hours per startup and period"),
        max_digits=6,
        decimal_places=1,
        default=DEFAULT_EXPERT_HOURS,
    )

    class Meta:
        verbose_name = _("expert hours budget")
        verbose_name_plural = _("expert hours budgets")
        constraints = [
            models.CheckConstraint(condition=Q(hours__gte=0), name="expert_hours_budget_positive")
        ]

    def __str__(self) -> str:
        return f"{self.program}: {self.hours}"


class Expert(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="expert_profile"
    )
    headline = models.CharField(_("headline"), max_length=200, blank=True)
    skills = models.TextField(
        _("skills"), help_text=_("Comma-separated, e.g. fundraising, SaaS pricing.")
    )
    sectors = models.TextField(_("sectors"), blank=True, help_text=_("Comma-separated."))
    languages = models.CharField(
        _("languages"), max_length=60, default="fr", help_text=_("e.g. fr, ar, en")
    )
    availability = models.CharField(_("availability"), max_length=200, blank=True)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["user__full_name"]
        verbose_name = _("expert")
        verbose_name_plural = _("experts")

    def __str__(self) -> str:
        return self.user.get_full_name()

    def skill_list(self) -> list[str]:
        return [s.strip() for s in self.skills.split(",") if s.strip()]

    def sector_list(self) -> list[str]:
        return [s.strip() for s in self.sectors.split(",") if s.strip()]


class ServiceRequest(models.Model):
    class Status(models.TextChoices):
        NEW = "new", _("New")
        IN_PROGRESS = "in_progress", _("In progress")
        CLOSED = "closed", _("Closed")
        CANCELLED = "cancelled", _("Cancelled")

    class Instrument(models.TextChoices):
        INNOV_INVEST = "innov_invest", "Innov Invest"
        INNOV_IDEA = "innov_idea", "Innov Idea"
        INNOV_START = "innov_start", "Innov Start"
        INTELAKA = "intelaka", "Intelaka"
        FORSA = "forsa", "Forsa"
        PRIZE = "prize", _("Prize or competition")
        LOAN = "loan", _("Bank loan")
        EQUITY = "equity", _("Equity (investors)")
        OTHER = "other", _("Other")

    class Outcome(models.TextChoices):
        DONE = "done", _("Done")
        OBTAINED = "obtained", _("Obtained")
        REFUSED = "refused", _("Refused")
        ABANDONED = "abandoned", _("Abandoned")

    family = models.CharField(_("family"), max_length=10, choices=Family.choices)
    startup = models.ForeignKey(
        Startup,
        verbose_name=_("startup"),
        on_delete=models.CASCADE,
        related_name="service_requests",
    )
    site = models.ForeignKey(
        Site,
        verbose_name=_("site"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    title = models.CharField(_("subject"), max_length=200)
    text = models.TextField(_("your need"))
    instrument = models.CharField(
        _("instrument"), max_length=15, choices=Instrument.choices, blank=True
    )
    amount_requested = models.DecimalField(
        _("amount sought (MAD)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.NEW
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="owned_requests",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True, null=True, editable=False)
    first_answered_at = models.DateTimeField(_("first answer"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices, blank=True)
    amount_obtained = models.DecimalField(
        _("amount obtained (MAD)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    funding = models.OneToOneField(
        Funding, null=True, blank=True, on_delete=models.SET_NULL, related_name="service_request"
    )
    satisfaction = models.PositiveSmallIntegerField(
        _("satisfaction"), null=True, blank=True, validators=SCORE
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("service request")
        verbose_name_plural = _("service requests")
        constraints = [
            models.CheckConstraint(
                condition=Q(satisfaction__isnull=True)
                | Q(satisfaction__gte=1, satisfaction__lte=5),
                name="request_satisfaction_1_5",
            ),
            models.CheckConstraint(
                condition=~Q(status="closed") | Q(closed_at__isnull=False),
                name="request_closed_has_date",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class RequestMessage(models.Model):
    """The exchanges on a request: the file prepared together, step by step."""

    request = models.ForeignKey(ServiceRequest, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(_("message"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]


class ExpertSession(models.Model):
    """An expert booked for a startup: proposed, then accepted or declined by the expert.

    Proposed, accepted and held sessions hold the expert's slot and count in the startup's
    hours for the period (its enrollment); declined and cancelled ones free both.
    """

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Awaiting the expert's answer")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        HELD = "held", _("Held")
        CANCELLED = "cancelled", _("Cancelled")

    # What holds the expert's slot and counts in the hours of the period.
    LIVE = (Status.PROPOSED, Status.ACCEPTED, Status.HELD)
    FREED = (Status.DECLINED, Status.CANCELLED)

    request = models.ForeignKey(ServiceRequest, on_delete=models.CASCADE, related_name="sessions")
    expert = models.ForeignKey(Expert, on_delete=models.PROTECT, related_name="sessions")
    enrollment = models.ForeignKey(
        Enrollment,
        verbose_name=_("programme period"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="expert_sessions",
    )
    starts_at = models.DateTimeField(_("starts at"))
    hours = models.DecimalField(_("hours"), max_digits=4, decimal_places=1, default=Decimal("1"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PROPOSED
    )
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    decline_reason = models.TextField(_("reason for declining"), blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    cancel_reason = models.TextField(_("reason for cancelling"), blank=True)
    # The iCalendar SEQUENCE of the invitation: it grows with each change (RFC 5545).
    ical_sequence = models.PositiveIntegerField(default=0)
    notes = models.TextField(_("notes"), blank=True)
    rating = models.PositiveSmallIntegerField(_("rating"), null=True, blank=True, validators=SCORE)

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("expert session")
        verbose_name_plural = _("expert sessions")
        constraints = [
            models.UniqueConstraint(
                fields=["expert", "starts_at"],
                condition=~Q(status__in=["declined", "cancelled"]),
                name="expert_session_no_double_booking",
            ),
            models.CheckConstraint(
                condition=Q(hours__gt=0, hours__lte=8), name="expert_session_hours"
            ),
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | Q(rating__gte=1, rating__lte=5),
                name="expert_session_rating_1_5",
            ),
            models.CheckConstraint(
                condition=~Q(status="cancelled") | ~Q(cancel_reason=""),
                name="expert_session_cancel_has_reason",
            ),
        ]

    @property
    def ends_at(self) -> dt.datetime:
        return self.starts_at + dt.timedelta(hours=float(self.hours))


class Opportunity(models.Model):
    """Something staff publish to startups: a fair, a program, a platform, a tender."""

    class Kind(models.TextChoices):
        TRADE_FAIR = "trade_fair", _("Trade fair or exhibition")
        ACCELERATION = "acceleration", _("Acceleration program")
        VISIBILITY = "visibility", _("Visibility on a partner's platform")
        TENDER = "tender", _("Tender")
        CALL_FOR_PROJECTS = "call_projects", _("Call for projects")

    TOGETHER = (Kind.TENDER, Kind.CALL_FOR_PROJECTS)

    kind = models.CharField(_("kind"), max_length=15, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    organiser = models.CharField(_("organiser"), max_length=200, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    deadline = models.DateField(_("deadline to apply"))
    cost_mad = models.DecimalField(_("cost (MAD)"), max_digits=12, decimal_places=2, default=0)
    places = models.PositiveSmallIntegerField(_("places"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    site = models.ForeignKey(
        Site,
        verbose_name=_("site"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Empty: the whole network."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-deadline"]
        verbose_name = _("opportunity")
        verbose_name_plural = _("opportunities")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True)
                | Q(starts_on__isnull=True)
                | Q(ends_on__gte=models.F("starts_on")),
                name="opportunity_dates",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Participation(models.Model):
    """A startup's application to an opportunity, the selection, and what came of it."""

    class Status(models.TextChoices):
        APPLIED = "applied", _("Applied")
        SELECTED = "selected", _("Selected")
        NOT_SELECTED = "not_selected", _("Not selected")

    opportunity = models.ForeignKey(
        Opportunity, on_delete=models.CASCADE, related_name="participations"
    )
    startup = models.ForeignKey(Startup, on_delete=models.CASCADE, related_name="participations")
    motivation = models.TextField(_("motivation"))
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.APPLIED
    )
    attended = models.BooleanField(_("took part"), null=True, blank=True)
    contacts = models.PositiveIntegerField(_("business contacts"), default=0)
    contracts = models.PositiveIntegerField(_("contracts signed"), default=0)
    contracts_mad = models.DecimalField(
        _("contracts (MAD)"), max_digits=14, decimal_places=2, default=0
    )
    export_countries = models.CharField(_("export countries"), max_length=100, blank=True)
    result_notes = models.TextField(_("result"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(fields=["opportunity", "startup"], name="participation_unique"),
        ]


class Consortium(models.Model):
    """The platform's side of a GIE or a merger: the tender it answers and its documents."""

    grouping = models.OneToOneField(Grouping, on_delete=models.CASCADE, related_name="consortium")
    opportunity = models.ForeignKey(
        Opportunity, null=True, blank=True, on_delete=models.SET_NULL, related_name="consortia"
    )
    notes = models.TextField(_("notes"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)


def _consortium_path(instance, filename: str) -> str:
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"consortia/{instance.consortium_id}/{uuid.uuid4().hex}.{suffix}"


class ConsortiumDocument(models.Model):
    consortium = models.ForeignKey(Consortium, on_delete=models.CASCADE, related_name="documents")
    label = models.CharField(_("document"), max_length=200)
    file = models.FileField(upload_to=_consortium_path)
    content_type = models.CharField(max_length=50)
    uploaded_at = models.DateTimeField(auto_now_add=True)


# --- Experts' weekly slots (see support/services_slots.py) -----------------------------------


class ExpertSlot(models.Model):
    """A time an expert receives startups every week, between two dates, at a place or by
    video. Each week's occurrence is booked as one session of the slot's length."""

    class Mode(models.TextChoices):
        PLACE = "place", _("At a place")
        VIDEO = "video", _("By video")

    expert = models.ForeignKey(
        Expert, verbose_name=_("expert"), on_delete=models.CASCADE, related_name="weekly_slots"
    )
    weekday = models.PositiveSmallIntegerField(
        _("weekday"),
        choices=[(i, WEEKDAYS[i]) for i in range(7)],
        validators=[MaxValueValidator(6)],
    )
    start = models.TimeField(_("from"))
    end = models.TimeField(_("to"))
    valid_from = models.DateField(_("first week"))
    valid_until = models.DateField(_("last week"), null=True, blank=True)
    mode = models.CharField(_("where"), max_length=5, choices=Mode.choices, default=Mode.PLACE)
    place = models.CharField(
        _("place or video link"), max_length=300, blank=True, help_text=_("A room, an address.")
    )
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["expert", "weekday", "start"]
        verbose_name = _("expert's weekly slot")
        verbose_name_plural = _("experts' weekly slots")
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=models.F("start")), name="expert_slot_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(weekday__gte=0, weekday__lte=6), name="expert_slot_weekday"
            ),
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=models.F("valid_from")),
                name="expert_slot_dates",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.expert} {self.weekday} {self.start:%H:%M}-{self.end:%H:%M}"

    @property
    def hours(self) -> Decimal:
        minutes = (self.end.hour * 60 + self.end.minute) - (
            self.start.hour * 60 + self.start.minute
        )
        return (Decimal(minutes) / 60).quantize(Decimal("0.1"))


class SlotBooking(models.Model):
    """A session booked in one occurrence of an expert's weekly slot, and whether the
    startup came. The session itself (`ExpertSession`) holds the expert's time and the
    hours; its unique (expert, start) key refuses a second booking of the occurrence."""

    session = models.OneToOneField(
        ExpertSession, on_delete=models.CASCADE, related_name="slot_booking"
    )
    slot = models.ForeignKey(ExpertSlot, on_delete=models.PROTECT, related_name="bookings")
    startup = models.ForeignKey(Startup, on_delete=models.CASCADE, related_name="slot_bookings")
    no_show = models.BooleanField(_("did not come"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("booking of an expert's slot")
        verbose_name_plural = _("bookings of experts' slots")
