"""Hosting contracts ("conventions d'hébergement"): the records behind residents and occupancy."""

from __future__ import annotations

from decimal import Decimal

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from technopark.core.uploads import private_upload_path
from technopark.network.models import Site, Space
from technopark.startups.models import Startup


class LeaseQuerySet(models.QuerySet):
    def signed(self) -> LeaseQuerySet:
        """Binding contracts: every status but the draft."""
        return self.exclude(status=Lease.Status.DRAFT)

    def active_on(self, day) -> LeaseQuerySet:
        """Signed leases covering `day`: starts_on <= day < ends_on (open end: still running).

        The one definition of a resident: a startup with a lease active on the day.
        """
        return (
            self.signed()
            .filter(starts_on__lte=day)
            .filter(Q(ends_on__isnull=True) | Q(ends_on__gt=day))
        )


class Lease(models.Model):
    """A space let to a startup; covers [starts_on, ends_on).

    Two signed leases of one space never overlap: PostgreSQL holds it with an exclusion
    constraint, SQLite with triggers (see migration 0002). Drafts are not yet binding.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        ACTIVE = "active", _("Signed (active)")
        NOTICE = "notice", _("Notice given")
        ENDED = "ended", _("Ended")

    site = models.ForeignKey(
        Site, verbose_name=_("site"), on_delete=models.PROTECT, related_name="leases"
    )
    space = models.ForeignKey(
        Space, verbose_name=_("space"), on_delete=models.PROTECT, related_name="leases"
    )
    startup = models.ForeignKey(
        Startup, verbose_name=_("startup"), on_delete=models.PROTECT, related_name="leases"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("handed back on"), null=True, blank=True)
    planned_end = models.DateField(_("planned end"), null=True, blank=True)
    monthly_rent_mad = models.DecimalField(
        _("monthly rent (MAD)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    rent_per_m2_mad = models.DecimalField(
        _("monthly rent per m² (MAD)"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Used when no monthly rent is set: rent = area × rate."),
    )
    charges_mad = models.DecimalField(
        _("monthly charges (MAD)"), max_digits=12, decimal_places=2, default=Decimal("0")
    )
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    deposit_months = models.PositiveSmallIntegerField(
        _("deposit (months of rent)"),
        default=2,
        help_text=_("Invoiced at signing, held, and returned or retained at exit."),
    )
    notice_given_on = models.DateField(_("notice given on"), null=True, blank=True)
    previous = models.ForeignKey(
        "self",
        verbose_name=_("continues"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="continuations",
        help_text=_("The contract this one renews or replaces (move)."),
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    signed_scan = models.FileField(
        _("signed contract (scan)"),
        upload_to=private_upload_path("hosting/contracts"),
        blank=True,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = LeaseQuerySet.as_manager()

    class Meta:
        ordering = ["site", "space", "starts_on"]
        verbose_name = _("hosting contract")
        verbose_name_plural = _("hosting contracts")
        constraints = [
            models.UniqueConstraint(fields=["space", "starts_on"], name="lease_unique_start"),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gt=models.F("starts_on")),
                name="lease_ends_after_start",
            ),
        ]
        indexes = [
            # The leases active on a day (the bilan's residents, exporters, leased area):
            # those not handed back by then, from the index alone.
            models.Index(
                fields=["ends_on", "starts_on", "status", "startup", "space"],
                name="lease_active",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.space} → {self.startup}"

    @property
    def deposit_amount(self) -> Decimal:
        """The deposit the contract states: so many months of rent before VAT."""
        return (self.monthly_rent * self.deposit_months).quantize(Decimal("0.01"))

    @property
    def monthly_rent(self) -> Decimal:
        """The rent before VAT: the contract's own figure, or area × rate per m²."""
        if self.monthly_rent_mad is not None:
            return self.monthly_rent_mad
        if self.rent_per_m2_mad is not None:
            return (self.rent_per_m2_mad * self.space.area_m2).quantize(Decimal("0.01"))
        return Decimal("0.00")

    @property
    def is_running(self) -> bool:
        return self.status in (self.Status.ACTIVE, self.Status.NOTICE)

    @property
    def is_leaving(self) -> bool:
        """Notice given or handed back: the time to settle the deposit."""
        return self.status in (self.Status.NOTICE, self.Status.ENDED)


class LeaseReminder(models.Model):
    """A reminder sent before a contract's planned end; one row per (lease, days) = sent once."""

    lease = models.ForeignKey(Lease, on_delete=models.CASCADE, related_name="reminders")
    days_before = models.PositiveSmallIntegerField()
    planned_end = models.DateField()
    sent_on = models.DateField()

    class Meta:
        ordering = ["-sent_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["lease", "days_before", "planned_end"], name="lease_reminder_once"
            ),
        ]


class WaitingEntry(models.Model):
    """An admitted startup waiting for a space at a site, in order of request."""

    class Status(models.TextChoices):
        WAITING = "waiting", _("Waiting")
        OFFERED = "offered", _("Space offered")
        PLACED = "placed", _("Placed")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    site = models.ForeignKey(
        Site, verbose_name=_("site"), on_delete=models.PROTECT, related_name="waiting_entries"
    )
    startup = models.ForeignKey(
        Startup, verbose_name=_("startup"), on_delete=models.PROTECT, related_name="waiting_entries"
    )
    area_needed_m2 = models.DecimalField(_("area needed (m²)"), max_digits=8, decimal_places=2)
    kind = models.CharField(_("kind of space"), max_length=20, choices=Space.Kind.choices)
    requested_on = models.DateField(_("requested on"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.WAITING
    )
    offered_space = models.ForeignKey(
        Space, verbose_name=_("space offered"), null=True, blank=True, on_delete=models.SET_NULL
    )
    offered_on = models.DateField(_("offered on"), null=True, blank=True)
    answer_by = models.DateField(
        _("answer by"),
        null=True,
        blank=True,
        help_text=_("Without an answer by then, the offer lapses (the startup keeps its place)."),
    )
    declined_count = models.PositiveSmallIntegerField(_("offers declined"), default=0)
    lease = models.ForeignKey(
        Lease, verbose_name=_("contract"), null=True, blank=True, on_delete=models.SET_NULL
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["site", "requested_on", "id"]
        verbose_name = _("waiting list entry")
        verbose_name_plural = _("waiting list")
        constraints = [
            models.UniqueConstraint(
                fields=["site", "startup"],
                condition=Q(status__in=["waiting", "offered"]),
                name="waiting_once_per_site",
            ),
            models.CheckConstraint(condition=Q(area_needed_m2__gt=0), name="waiting_area_pos"),
        ]

    def __str__(self) -> str:
        return f"{self.site.code}: {self.startup}"


class ResidentAccess(models.Model):
    """A site's own rule for its residents outside any program (docs/experts.md): a company
    hosted by the site (an active hosting contract) but not, or no longer, enrolled in a
    program may join the site's waiting list, ask the services of the catalogue and book
    the experts, within the hours per year the site gives. No row: none of these."""

    site = models.OneToOneField(
        Site, verbose_name=_("site"), on_delete=models.CASCADE, related_name="resident_access"
    )
    waiting_list = models.BooleanField(
        _("residents outside a program may join the waiting list"), default=False
    )
    services = models.BooleanField(
        _("residents outside a program may ask the services of the catalogue"), default=False
    )
    expert_hours_per_year = models.DecimalField(
        _("expert hours per resident and calendar year"),
        max_digits=6,
        decimal_places=1,
        default=Decimal("0"),
        help_text=_("0: residents outside a program do not book experts."),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True, null=True, editable=False)

    class Meta:
        verbose_name = _("rule for residents outside a program")
        verbose_name_plural = _("rules for residents outside a program")
        constraints = [
            models.CheckConstraint(
                condition=Q(expert_hours_per_year__gte=0), name="resident_access_hours_positive"
            )
        ]

    def __str__(self) -> str:
        return str(self.site)
