"""The guichet unique: partner desks on site, their services, slots, appointments and cases."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from technopark.core.translated import TranslatedCharField
from technopark.network.models import Site
from technopark.startups.models import Startup


def in_language(obj, field: str) -> str:
    """The text of `field` in the current language, falling back to French."""
    lang = (get_language() or "fr")[:2]
    return getattr(obj, f"{field}_{lang}", "") or getattr(obj, f"{field}_fr", "")


class Desk(models.Model):
    """A partner's desk at a site: OMPIC, ANAPEC, CNSS, CIMR, legalisation, insurance, ..."""

    class Kind(models.TextChoices):
        OMPIC = "ompic", "OMPIC"
        ANAPEC = "anapec", "ANAPEC"
        CNSS = "cnss", "CNSS"
        CIMR = "cimr", "CIMR"
        LEGALISATION = "legalisation", _("Legalisation")
        INSURANCE = "insurance", _("Insurance")
        ACCOUNTANT = "accountant", _("Chartered accountant")
        BANK = "bank", _("Bank")
        OTHER = "other", _("Other")

    site = models.ForeignKey(
        Site, verbose_name=_("site"), on_delete=models.PROTECT, related_name="desks"
    )
    code = models.CharField(_("code"), max_length=30, unique=True)
    partner = models.CharField(_("partner"), max_length=120)
    name = TranslatedCharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    location = models.CharField(_("location in the building"), max_length=120, blank=True)
    active = models.BooleanField(_("active"), default=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    name_ar = models.CharField(_("name (Arabic)"), max_length=200, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True, null=True, editable=False)

    class Meta:
        ordering = ["site", "partner"]
        verbose_name = _("partner desk")
        verbose_name_plural = _("partner desks")

    def __str__(self) -> str:
        return f"{self.partner} ({self.site.code})"

    @property
    def label(self) -> str:
        return in_language(self, "name")

    def get_absolute_url(self) -> str:
        return reverse("desk:detail", args=[self.pk])


class Service(models.Model):
    """What a desk does for a startup, with what to bring, the price and the usual delay."""

    desk = models.ForeignKey(
        Desk, verbose_name=_("desk"), on_delete=models.CASCADE, related_name="services"
    )
    code = models.SlugField(_("code"), max_length=40)
    name_fr = models.CharField(_("name (French)"), max_length=200)
    name_ar = models.CharField(_("name (Arabic)"), max_length=200, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    documents_fr = models.TextField(_("documents to bring (French)"), blank=True)
    documents_ar = models.TextField(_("documents to bring (Arabic)"), blank=True)
    documents_en = models.TextField(_("documents to bring (English)"), blank=True)
    price_mad = models.DecimalField(
        _("price (MAD)"),
        max_digits=10,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0)],
    )
    delay_fr = models.CharField(_("usual delay (French)"), max_length=120, blank=True)
    delay_ar = models.CharField(_("usual delay (Arabic)"), max_length=120, blank=True)
    delay_en = models.CharField(_("usual delay (English)"), max_length=120, blank=True)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["desk", "name_fr"]
        verbose_name = _("desk service")
        verbose_name_plural = _("desk services")
        constraints = [
            models.UniqueConstraint(fields=["desk", "code"], name="desk_service_code_unique"),
            models.CheckConstraint(condition=Q(price_mad__gte=0), name="desk_service_price_ge_0"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return in_language(self, "name")

    @property
    def delay(self) -> str:
        return in_language(self, "delay")

    @property
    def documents(self) -> list[str]:
        return [
            line.strip() for line in in_language(self, "documents").splitlines() if line.strip()
        ]


class Slot(models.Model):
    """A time when the desk receives: `capacity` agents, so as many appointments at once.

    `booked` counts live appointments; the database refuses `booked > capacity`, and the
    booking service raises it with a guarded UPDATE, so no race can overbook a slot.
    """

    desk = models.ForeignKey(
        Desk, verbose_name=_("desk"), on_delete=models.CASCADE, related_name="slots"
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    capacity = models.PositiveSmallIntegerField(
        _("capacity"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(50)],
        help_text=_("Agents available: as many appointments at the same time."),
    )
    booked = models.PositiveSmallIntegerField(_("booked"), default=0, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True, null=True, editable=False)

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("slot")
        verbose_name_plural = _("slots")
        constraints = [
            models.UniqueConstraint(fields=["desk", "starts_at"], name="desk_slot_unique_start"),
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="desk_slot_ends_after_start"
            ),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="desk_slot_capacity_ge_1"),
            models.CheckConstraint(
                condition=Q(booked__gte=0, booked__lte=F("capacity")),
                name="desk_slot_booked_le_capacity",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.desk.code} {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def remaining(self) -> int:
        return max(self.capacity - self.booked, 0)


class Case(models.Model):
    """A matter of one startup at one desk that needs several visits (e.g. a trademark)."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    desk = models.ForeignKey(
        Desk, verbose_name=_("desk"), on_delete=models.CASCADE, related_name="cases"
    )
    startup = models.ForeignKey(
        Startup, verbose_name=_("startup"), on_delete=models.CASCADE, related_name="desk_cases"
    )
    title = models.CharField(_("subject"), max_length=200)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    notes = models.TextField(_("notes"), blank=True)
    opened_at = models.DateTimeField(_("opened at"), auto_now_add=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        ordering = ["-opened_at"]
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        constraints = [
            models.CheckConstraint(
                condition=Q(status="open", closed_at__isnull=True)
                | Q(status="closed", closed_at__isnull=False),
                name="desk_case_closed_has_date",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Appointment(models.Model):
    """A startup's booking of a slot for one service."""

    class Status(models.TextChoices):
        BOOKED = "booked", _("Booked")
        DONE = "done", _("Done")
        NO_SHOW = "no_show", _("No-show")
        CANCELLED = "cancelled", _("Cancelled")

    LIVE = (Status.BOOKED, Status.DONE, Status.NO_SHOW)

    slot = models.ForeignKey(
        Slot, verbose_name=_("slot"), on_delete=models.PROTECT, related_name="appointments"
    )
    service = models.ForeignKey(
        Service, verbose_name=_("service"), on_delete=models.PROTECT, related_name="appointments"
    )
    startup = models.ForeignKey(
        Startup,
        verbose_name=_("startup"),
        on_delete=models.CASCADE,
        related_name="desk_appointments",
    )
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("booked by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="desk_appointments",
    )
    note = models.TextField(_("note for the agent"), blank=True, max_length=1000)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.BOOKED
    )
    outcome = models.TextField(_("outcome"), blank=True)
    case = models.ForeignKey(
        Case,
        verbose_name=_("case"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="appointments",
    )
    rating = models.PositiveSmallIntegerField(
        _("rating"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    created_at = models.DateTimeField(_("booked at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True, null=True, editable=False)
    handled_at = models.DateTimeField(_("handled at"), null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True, editable=False)
    # The SEQUENCE of its invite.ics: raised each time it is moved or cancelled, so the
    # person's calendar replaces (or removes) the event of the same UID.
    ical_sequence = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["slot__starts_at", "id"]
        verbose_name = _("appointment")
        verbose_name_plural = _("appointments")
        constraints = [
            models.UniqueConstraint(
                fields=["slot", "startup"],
                condition=~Q(status="cancelled"),
                name="desk_appointment_one_per_slot_and_startup",
            ),
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | Q(rating__gte=1, rating__lte=5, status="done"),
                name="desk_appointment_rating_1_5_when_done",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.startup} @ {self.slot}"
