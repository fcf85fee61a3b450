"""Bookable rooms: their rules, the bookings and staff blockings, and calendar feed tokens.

Rooms are `network.Space` rows of kind meeting_room / event_hall; they are bookable as
soon as they exist. A `BookingRule` row only exists when staff changed the defaults.
"""

from __future__ import annotations

import datetime as dt
import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from technopark.network.models import Site, Space
from technopark.startups.models import Startup


class Audience(models.TextChoices):
    RESIDENTS_AND_STAFF = "residents", _("Resident startups and staff")
    STAFF = "staff", _("Staff only")


class BookingRule(models.Model):
    """The rules of one room, when staff changed the defaults (see `rule_for`)."""

    space = models.OneToOneField(
        Space, verbose_name=_("room"), on_delete=models.CASCADE, related_name="booking_rule"
    )
    bookable = models.BooleanField(_("open for booking"), default=True)
    opens_at = models.TimeField(_("opens at"), default=dt.time(8, 0))
    closes_at = models.TimeField(_("closes at"), default=dt.time(20, 0))
    weekdays = models.CharField(
        _("open days"),
        max_length=7,
        default="12345",
        help_text=_("ISO weekday numbers, 1 = Monday … 7 = Sunday, e.g. 12345."),
    )
    max_days_ahead = models.PositiveSmallIntegerField(_("bookable up to (days ahead)"), default=60)
    max_minutes = models.PositiveSmallIntegerField(_("longest booking (minutes)"), default=240)
    needs_approval = models.BooleanField(
        _("bookings need approval"),
        default=False,
        help_text=_("For halls: a booking is a request until the site approves or declines it."),
    )
    audience = models.CharField(
        _("who may book"),
        max_length=20,
        choices=Audience.choices,
        default=Audience.RESIDENTS_AND_STAFF,
    )
    equipment = models.CharField(_("equipment"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("booking rule")
        verbose_name_plural = _("booking rules")
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=models.F("opens_at")), name="booking_rule_hours"
            ),
            models.CheckConstraint(condition=Q(max_minutes__gte=15), name="booking_rule_min_len"),
        ]

    def __str__(self) -> str:
        return f"{self.space}"

    @property
    def open_weekdays(self) -> set[int]:
        return {int(ch) for ch in self.weekdays if ch.isdigit()}


class Booking(models.Model):
    """A room taken for [starts_at, ends_at): a booking, or a staff blocking.

    Two confirmed rows of one room never overlap: PostgreSQL holds it with an exclusion
    constraint over tstzrange, SQLite with triggers and IMMEDIATE transactions
    (migration 0002). Times are stored in UTC.
    """

    class Kind(models.TextChoices):
        BOOKING = "booking", _("Booking")
        BLOCKING = "blocking", _("Blocked by staff")

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        CANCELLED = "cancelled", _("Cancelled")
        REQUESTED = "requested", _("Awaiting approval")
        DECLINED = "declined", _("Declined")

    # A request awaiting approval holds its slot like a confirmed booking.
    HOLDING = ("confirmed", "requested")

    site = models.ForeignKey(
        Site, verbose_name=_("site"), on_delete=models.PROTECT, related_name="bookings"
    )
    space = models.ForeignKey(
        Space, verbose_name=_("room"), on_delete=models.PROTECT, related_name="bookings"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.BOOKING)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.CONFIRMED
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    title = models.CharField(_("title"), max_length=200)
    startup = models.ForeignKey(
        Startup,
        verbose_name=_("startup"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="bookings",
    )
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("booked by"),
        on_delete=models.PROTECT,
        related_name="bookings",
    )
    series = models.UUIDField(_("series"), null=True, blank=True, db_index=True)
    decision_reason = models.CharField(_("reason given"), max_length=300, blank=True)
    uid = models.CharField(max_length=64, unique=True, editable=False)
    # The iCalendar SEQUENCE: grows each time the booking changes (moved, decided, cancelled).
    ical_sequence = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        indexes = [models.Index(fields=["space", "starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="booking_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.space} {self.starts_at:%Y-%m-%d %H:%M} {self.title}"

    def save(self, *args, **kwargs) -> None:
        if not self.uid:
            self.uid = secrets.token_hex(16)
        super().save(*args, **kwargs)

    @property
    def is_blocking(self) -> bool:
        return self.kind == self.Kind.BLOCKING


class CalendarFeed(models.Model):
    """A private iCalendar URL for one user's bookings or one room; revocable."""

    token = models.CharField(max_length=64, unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.CASCADE,
        related_name="calendar_feeds",
    )
    space = models.ForeignKey(
        Space,
        verbose_name=_("room"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="calendar_feeds",
        help_text=_("Empty: the owner's own bookings."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self) -> str:
        return f"{self.user} {self.space or '-'}"

    @staticmethod
    def new_token() -> str:
        return secrets.token_urlsafe(32)
