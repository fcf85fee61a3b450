"""Hosting contracts ("conventions d'hébergement"): the records behind residents and occupancy."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

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

    def __str__(self) -> str:
        return f"{self.space} → {self.startup}"

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


class InvoiceCounter(models.Model):
    """The last invoice number given per site and year; locked while numbering."""

    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["site", "year"], name="invoice_counter_unique"),
        ]


class Invoice(models.Model):
    """A monthly rent invoice; the issuer's and client's mentions are frozen at issue."""

    VAT_RATE = Decimal("0.20")

    site = models.ForeignKey(
        Site, verbose_name=_("site"), on_delete=models.PROTECT, related_name="invoices"
    )
    lease = models.ForeignKey(
        Lease, verbose_name=_("contract"), on_delete=models.PROTECT, related_name="invoices"
    )
    startup = models.ForeignKey(
        Startup, verbose_name=_("client"), on_delete=models.PROTECT, related_name="invoices"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveIntegerField(_("number"))
    period = models.DateField(_("month billed"), help_text=_("First day of the month."))
    issued_on = models.DateField(_("issued on"))
    due_on = models.DateField(_("due on"))
    rent_mad = models.DecimalField(_("rent excl. VAT"), max_digits=12, decimal_places=2)
    charges_mad = models.DecimalField(_("charges excl. VAT"), max_digits=12, decimal_places=2)
    vat_rate = models.DecimalField(_("VAT rate"), max_digits=4, decimal_places=2)
    vat_mad = models.DecimalField(_("VAT"), max_digits=12, decimal_places=2)
    total_mad = models.DecimalField(_("total incl. VAT"), max_digits=12, decimal_places=2)
    space_label = models.CharField(max_length=200)
    issuer_name = models.CharField(max_length=200)
    issuer_address = models.TextField(blank=True)
    issuer_ice = models.CharField(max_length=15, blank=True)
    issuer_if = models.CharField(max_length=30, blank=True)
    issuer_rc = models.CharField(max_length=30, blank=True)
    issuer_rc_court = models.CharField(max_length=60, blank=True)
    issuer_tp = models.CharField(max_length=30, blank=True)
    client_name = models.CharField(max_length=200)
    client_ice = models.CharField(max_length=15, blank=True)
    client_address = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year", "-number"]
        verbose_name = _("invoice")
        verbose_name_plural = _("invoices")
        constraints = [
            models.UniqueConstraint(
                fields=["site", "year", "number"], name="invoice_number_unique"
            ),
            models.UniqueConstraint(fields=["lease", "period"], name="invoice_once_per_month"),
            models.CheckConstraint(condition=Q(number__gte=1), name="invoice_number_pos"),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def reference(self) -> str:
        return f"{self.site.code}-{self.year}-{self.number:05d}"

    @property
    def total_excl_vat(self) -> Decimal:
        return self.rent_mad + self.charges_mad

    @property
    def balance_due(self) -> Decimal:
        """Left to pay; uses the `paid_mad` annotation when the query made one."""
        paid = getattr(self, "paid_mad", None)
        if paid is None:
            paid = self.payments.aggregate(total=models.Sum("amount_mad"))["total"] or 0
        return self.total_mad - paid


class Payment(models.Model):
    """Money received against an invoice; several partial payments may settle one."""

    class Method(models.TextChoices):
        TRANSFER = "transfer", _("Bank transfer")
        CHEQUE = "cheque", _("Cheque")
        CASH = "cash", _("Cash")
        CARD = "card", _("Card")

    invoice = models.ForeignKey(
        Invoice, verbose_name=_("invoice"), on_delete=models.PROTECT, related_name="payments"
    )
    amount_mad = models.DecimalField(_("amount (MAD)"), max_digits=12, decimal_places=2)
    paid_on = models.DateField(_("paid on"))
    method = models.CharField(
        _("method"), max_length=10, choices=Method.choices, default=Method.TRANSFER
    )
    reference = models.CharField(_("reference"), max_length=100, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["paid_on", "id"]
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        constraints = [
            models.CheckConstraint(condition=Q(amount_mad__gt=0), name="payment_amount_pos"),
        ]
