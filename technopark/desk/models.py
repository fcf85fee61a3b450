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
from technopark.core.uploads import private_upload_path
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


# --- Walk-ins ----------------------------------------------------------------------------


class WalkIn(models.Model):
    """A visitor received without an appointment: counted in the desk's figures."""

    desk = models.ForeignKey(
        Desk, verbose_name=_("desk"), on_delete=models.CASCADE, related_name="walk_ins"
    )
    startup = models.ForeignKey(
        Startup,
        verbose_name=_("startup"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="desk_walk_ins",
    )
    visitor = models.CharField(_("visitor"), max_length=200, blank=True)
    service = models.ForeignKey(
        Service,
        verbose_name=_("service"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="walk_ins",
    )
    at = models.DateTimeField(_("time"))
    outcome = models.TextField(_("outcome"), blank=True, max_length=2000)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("walk-in")
        verbose_name_plural = _("walk-ins")
        constraints = [
            models.CheckConstraint(
                condition=Q(startup__isnull=False) | ~Q(visitor=""),
                name="desk_walk_in_names_someone",
            ),
        ]

    def __str__(self) -> str:
        return self.startup.name if self.startup_id else self.visitor


# --- Files across desks: procedures of several steps at several desks ----------------------


class Procedure(models.Model):
    """A procedure staff define once (company creation, CNSS affiliation, trademark...)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = TranslatedCharField(_("name"), max_length=200)
    name_ar = models.CharField(_("name (Arabic)"), max_length=200, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("procedure")
        verbose_name_plural = _("procedures")

    def __str__(self) -> str:
        return self.name

    @property
    def total_days(self) -> int:
        return sum(step.delay_days for step in self.steps.all())


class ProcedureStep(models.Model):
    """One step of a procedure, at the site's desk of a kind, with its pieces and delay."""

    procedure = models.ForeignKey(
        Procedure, verbose_name=_("procedure"), on_delete=models.CASCADE, related_name="steps"
    )
    position = models.PositiveSmallIntegerField(_("order"))
    desk_kind = models.CharField(_("desk"), max_length=20, choices=Desk.Kind.choices)
    place = models.CharField(
        _("place"),
        max_length=120,
        blank=True,
        help_text=_("Where it happens when it is not at a desk of the site."),
    )
    name = TranslatedCharField(_("name"), max_length=200)
    name_ar = models.CharField(_("name (Arabic)"), max_length=200, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    pieces_fr = models.TextField(_("pieces needed (French)"), blank=True)
    pieces_ar = models.TextField(_("pieces needed (Arabic)"), blank=True)
    pieces_en = models.TextField(_("pieces needed (English)"), blank=True)
    delay_days = models.PositiveSmallIntegerField(
        _("usual delay (days)"), default=1, validators=[MaxValueValidator(365)]
    )

    class Meta:
        ordering = ["procedure", "position"]
        verbose_name = _("procedure step")
        verbose_name_plural = _("procedure steps")
        constraints = [
            models.UniqueConstraint(
                fields=["procedure", "position"], name="desk_procedure_step_order_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.name}"

    @property
    def pieces(self) -> list[str]:
        return [line.strip() for line in in_language(self, "pieces").splitlines() if line.strip()]


class DeskFile(models.Model):
    """A startup's file for one procedure: its steps move from desk to desk."""

    class Status(models.TextChoices):
        OPEN = "open", _("In progress")
        CLOSED = "closed", _("Completed")

    procedure = models.ForeignKey(
        Procedure, verbose_name=_("procedure"), on_delete=models.PROTECT, related_name="files"
    )
    startup = models.ForeignKey(
        Startup, verbose_name=_("startup"), on_delete=models.CASCADE, related_name="desk_files"
    )
    site = models.ForeignKey(
        Site, verbose_name=_("site"), on_delete=models.PROTECT, related_name="desk_files"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    opened_at = models.DateTimeField(_("opened at"), auto_now_add=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        ordering = ["-opened_at", "-id"]
        verbose_name = _("desk file")
        verbose_name_plural = _("desk files")
        constraints = [
            models.CheckConstraint(
                condition=Q(status="open", closed_at__isnull=True)
                | Q(status="closed", closed_at__isnull=False),
                name="desk_file_closed_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.procedure} · {self.startup}"

    def get_absolute_url(self) -> str:
        return reverse("desk:file_detail", args=[self.pk])


class FileStep(models.Model):
    """Where one step of a file stands, at the desk that handles it."""

    class Status(models.TextChoices):
        PENDING = "pending", _("To do")
        IN_PROGRESS = "in_progress", _("In progress")
        BLOCKED = "blocked", _("Blocked")
        DONE = "done", _("Done")

    file = models.ForeignKey(
        DeskFile, verbose_name=_("desk file"), on_delete=models.CASCADE, related_name="steps"
    )
    step = models.ForeignKey(
        ProcedureStep, verbose_name=_("step"), on_delete=models.PROTECT, related_name="+"
    )
    position = models.PositiveSmallIntegerField(_("order"))
    desk = models.ForeignKey(
        Desk,
        verbose_name=_("desk"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="file_steps",
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PENDING
    )
    due_on = models.DateField(_("due on"), null=True, blank=True)
    blocked_reason = models.TextField(_("reason"), blank=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)

    class Meta:
        ordering = ["file", "position"]
        verbose_name = _("file step")
        verbose_name_plural = _("file steps")
        constraints = [
            models.UniqueConstraint(fields=["file", "position"], name="desk_file_step_unique"),
            models.CheckConstraint(
                condition=~Q(status="blocked") | ~Q(blocked_reason=""),
                name="desk_file_step_blocked_has_reason",
            ),
            models.CheckConstraint(
                condition=~Q(status="done") | Q(done_at__isnull=False),
                name="desk_file_step_done_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.file} · {self.step}"


class FilePiece(models.Model):
    """A piece the founder uploads ahead for a step (served only to those concerned)."""

    file = models.ForeignKey(
        DeskFile, verbose_name=_("desk file"), on_delete=models.CASCADE, related_name="pieces"
    )
    step = models.ForeignKey(
        FileStep,
        verbose_name=_("step"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="pieces",
    )
    label = models.CharField(_("piece"), max_length=200)
    upload = models.FileField(
        _("piece file"), upload_to=private_upload_path("desk/files"), max_length=300
    )
    size = models.PositiveIntegerField(_("size"), default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "id"]
        verbose_name = _("piece")
        verbose_name_plural = _("pieces")

    def __str__(self) -> str:
        return self.label


class FileEvent(models.Model):
    """The history of a file: moves of its steps, notes (internal or for the founder)."""

    class Kind(models.TextChoices):
        OPENED = "opened", _("File opened")
        STARTED = "started", _("Step started")
        DONE = "done", _("Step done")
        BLOCKED = "blocked", _("Step blocked")
        DUE = "due", _("Due date set")
        PIECE = "piece", _("Piece uploaded")
        NOTE = "note", _("Note")
        CLOSED = "closed", _("File completed")

    file = models.ForeignKey(
        DeskFile, verbose_name=_("desk file"), on_delete=models.CASCADE, related_name="events"
    )
    step = models.ForeignKey(
        FileStep, null=True, blank=True, on_delete=models.SET_NULL, related_name="events"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    text = models.TextField(_("text"), blank=True)
    internal = models.BooleanField(
        _("internal"), default=False, help_text=_("Seen by the desks and staff only.")
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(_("time"), auto_now_add=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("file event")
        verbose_name_plural = _("file events")
