"""Community life: events with registrations, waiting list and check-in; site amenities."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from technopark.core.translated import TranslatedCharField, TranslatedTextField, translation_field
from technopark.desk.models import in_language
from technopark.network.models import Site


def new_ticket_code() -> str:
    return secrets.token_urlsafe(12)


class Event(models.Model):
    """A workshop, training, sport or culture activity, demo day... at one site.

    `confirmed` counts confirmed registrations; the database refuses `confirmed >
    capacity` and the registration service raises it with a guarded UPDATE.
    """

    class Kind(models.TextChoices):
        WORKSHOP = "workshop", _("Workshop")
        TRAINING = "training", _("Training")
        SPORT = "sport", _("Sport")
        CULTURE = "culture", _("Culture")
        CREATIVE = "creative", _("Creative activity")
        DEMO_DAY = "demo_day", _("Demo day")
        NETWORKING = "networking", _("Networking")

    class Audience(models.TextChoices):
        RESIDENTS = "residents", _("Residents of the site")
        NETWORK = "network", _("The whole network")
        PUBLIC = "public", _("Open to the public")
        COHORT = "cohort", _("A program's cohort")

    class Status(models.TextChoices):
        PUBLISHED = "published", _("Published")
        CANCELLED = "cancelled", _("Cancelled")

    site = models.ForeignKey(
        Site, verbose_name=_("site"), on_delete=models.PROTECT, related_name="events"
    )
    title = TranslatedCharField(_("title"), max_length=200)
    title_ar = translation_field("title", "ar", max_length=200)
    title_en = translation_field("title", "en", max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    audience = models.CharField(
        _("audience"), max_length=20, choices=Audience.choices, default=Audience.NETWORK
    )
    cohort_program = models.ForeignKey(
        "programs.Program",
        verbose_name=_("cohort of the program"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cohort_events",
        help_text=_("For a cohort's event: only the startups now in this program may register."),
    )
    cohort_site = models.ForeignKey(
        Site,
        verbose_name=_("cohort at the site"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Optional: only the program's startups enrolled at this site."),
    )
    description = TranslatedTextField(_("description"), blank=True)
    description_ar = translation_field("description", "ar")
    description_en = translation_field("description", "en")
    location = models.CharField(_("place"), max_length=200, blank=True)
    room = models.ForeignKey(
        "network.Space",
        verbose_name=_("room reserved"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="events",
        help_text=_("The event reserves this room: nobody can book it over the event."),
    )
    room_booking = models.OneToOneField(
        "booking.Booking",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="event",
    )
    starts_at = models.DateTimeField(_("starts at"), db_index=True)
    ends_at = models.DateTimeField(_("ends at"))
    capacity = models.PositiveIntegerField(
        _("capacity"), validators=[MinValueValidator(1), MaxValueValidator(5000)]
    )
    confirmed = models.PositiveIntegerField(_("confirmed"), default=0, editable=False)
    registration_deadline = models.DateTimeField(_("registration deadline"), null=True, blank=True)
    requires_approval = models.BooleanField(
        _("registrations need approval"),
        default=False,
        help_text=_("Staff confirm each registration before it takes a seat."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PUBLISHED
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True, null=True, editable=False)

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="event_ends_after_start"
            ),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="event_capacity_ge_1"),
            models.CheckConstraint(
                condition=Q(confirmed__gte=0, confirmed__lte=F("capacity")),
                name="event_confirmed_le_capacity",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("community:event_detail", args=[self.pk])

    @property
    def remaining(self) -> int:
        return max(self.capacity - self.confirmed, 0)


class Registration(models.Model):
    """One person's registration to an event; their ticket once confirmed.

    A member registers with their account (`user`); an outside visitor of a public event
    registers as a guest (`guest_name`, `guest_email`, the page's `language`, no `user`).
    A guest's registration starts `unconfirmed`: it holds no seat until they follow the
    link of their e-mail (see docs/events.md).
    """

    class Status(models.TextChoices):
        UNCONFIRMED = "unconfirmed", _("E-mail not yet confirmed")
        PENDING = "pending", _("Awaiting approval")
        CONFIRMED = "confirmed", _("Confirmed")
        WAITLISTED = "waitlisted", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")
        REJECTED = "rejected", _("Declined")

    ACTIVE = (Status.PENDING, Status.CONFIRMED, Status.WAITLISTED)

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="registrations"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="event_registrations",
    )
    guest_name = models.CharField(_("name"), max_length=150, blank=True)
    # Stored lower-case by the service, so one address is one person.
    guest_email = models.EmailField(_("e-mail"), blank=True)
    language = models.CharField(_("language"), max_length=5, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    ticket = models.CharField(
        _("ticket code"), max_length=32, unique=True, default=new_ticket_code, editable=False
    )
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)
    checked_in_at = models.DateTimeField(_("checked in at"), null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True, editable=False)
    # When the follow-up e-mail (thanks, with the certificate link) went out.
    followed_up_at = models.DateTimeField(null=True, blank=True, editable=False)
    # The iCalendar SEQUENCE of the ticket: grows each time its status changes.
    ical_sequence = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "user"],
                condition=Q(status__in=["pending", "confirmed", "waitlisted"]),
                name="event_registration_one_active_per_person",
            ),
            models.UniqueConstraint(
                fields=["event", "guest_email"],
                condition=Q(status__in=["pending", "confirmed", "waitlisted"], user__isnull=True),
                name="event_registration_one_active_per_guest",
            ),
            models.CheckConstraint(
                condition=(Q(user__isnull=False) & Q(guest_email=""))
                | (Q(user__isnull=True) & ~Q(guest_email="")),
                name="event_registration_member_or_guest",
            ),
            models.CheckConstraint(
                condition=Q(checked_in_at__isnull=True) | Q(status="confirmed"),
                name="event_checkin_only_confirmed",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_name} → {self.event}"

    @property
    def is_guest(self) -> bool:
        return self.user_id is None

    @property
    def person_name(self) -> str:
        if self.user_id is None:
            return self.guest_name
        return self.user.get_full_name() or self.user.email

    @property
    def person_email(self) -> str:
        return self.guest_email if self.user_id is None else self.user.email


class Question(models.Model):
    """A question staff ask on an event's registration form, to members and guests alike."""

    class Kind(models.TextChoices):
        TEXT = "text", _("Text")
        CHOICE = "choice", _("Choice")
        YES_NO = "yes_no", _("Yes / no")

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="questions"
    )
    label = models.CharField(_("question"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.TEXT)
    # For a choice: one option a line.
    options = models.TextField(_("options"), blank=True, help_text=_("One option a line."))
    required = models.BooleanField(_("required"), default=False)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["event", "order", "id"]
        verbose_name = _("registration question")
        verbose_name_plural = _("registration questions")
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="choice") | ~Q(options=""), name="question_choice_has_options"
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def option_list(self) -> list[str]:
        return [line.strip() for line in self.options.splitlines() if line.strip()]


class Answer(models.Model):
    """A registered person's answer to one question (`yes`/`no` for a yes/no question)."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    value = models.TextField(_("answer"), blank=True)

    class Meta:
        ordering = ["question__order", "question_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "question"], name="answer_one_per_question"
            ),
        ]

    def __str__(self) -> str:
        return self.value


class Amenity(models.Model):
    """A place of the site for everyday life: restaurant, bank, gym, culture space..."""

    class Kind(models.TextChoices):
        RESTAURANT = "restaurant", _("Restaurant")
        CAFE = "cafe", _("Café")
        CULTURE = "culture", _("Culture space")
        GAMING = "gaming", _("Gaming room")
        BANK = "bank", _("Bank branch")
        ATM = "atm", _("ATM")
        WORKSPACE = "workspace", _("Work space")
        SPORTS = "sports", _("Sports facility")
        OTHER = "other", _("Other")

    site = models.ForeignKey(
        Site, verbose_name=_("site"), on_delete=models.CASCADE, related_name="amenities"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    name_fr = models.CharField(_("name (French)"), max_length=120)
    name_ar = models.CharField(_("name (Arabic)"), max_length=120, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=120, blank=True)
    location = models.CharField(_("location in the building"), max_length=120, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    always_open = models.BooleanField(_("open 24/7"), default=False)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["site", "order", "kind"]
        verbose_name = _("amenity")
        verbose_name_plural = _("amenities")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return in_language(self, "name")


class OpeningHours(models.Model):
    """When an amenity opens on a weekday, in ordinary times or during Ramadan."""

    amenity = models.ForeignKey(Amenity, on_delete=models.CASCADE, related_name="hours")
    weekday = models.PositiveSmallIntegerField(
        _("weekday"), validators=[MaxValueValidator(6)], help_text=_("0 = Monday, 6 = Sunday")
    )
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(_("closes"))
    ramadan = models.BooleanField(_("Ramadan hours"), default=False)

    class Meta:
        ordering = ["amenity", "ramadan", "weekday", "opens"]
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")
        constraints = [
            models.CheckConstraint(
                condition=Q(closes__gt=F("opens")), name="hours_close_after_open"
            ),
            models.CheckConstraint(condition=Q(weekday__lte=6), name="hours_weekday_0_6"),
        ]


class RamadanPeriod(models.Model):
    """The days of Ramadan in a year, when amenities keep their Ramadan hours."""

    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))

    class Meta:
        ordering = ["-starts_on"]
        verbose_name = _("Ramadan period")
        verbose_name_plural = _("Ramadan periods")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="ramadan_ends_after_start"
            ),
        ]
