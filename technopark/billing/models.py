"""Billing: invoices and their lines, credit notes, payments, deposits, charges beyond
rent, the numbering counters and each site's billing settings.

The tables kept the names hosting gave them (`Meta.db_table`): moving the models to this
app moved no row and changed no number (migration billing 0001).
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from technopark.network.models import Operator, Site
from technopark.startups.models import Startup


class InvoiceCounter(models.Model):
    """The last number given per site, year and series (invoices, credit notes); locked
    while numbering, so each series has no gap and no duplicate."""

    class Series(models.TextChoices):
        INVOICE = "invoice", _("Invoices")
        CREDIT_NOTE = "credit", _("Credit notes")

    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    series = models.CharField(max_length=10, choices=Series.choices, default=Series.INVOICE)
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        db_table = "hosting_invoicecounter"  # the table hosting made: the move copied no row
        constraints = [
            models.UniqueConstraint(
                fields=["site", "year", "series"], name="invoice_counter_unique_series"
            ),
        ]


RIB_VALIDATOR = RegexValidator(r"^\d{24}$", _("A RIB has 24 digits."))


class VatRate(models.TextChoices):
    """The rates an invoice line may carry; exempt lines print the site's legal mention."""

    STANDARD = "0.20", _("20 %")
    REDUCED = "0.10", _("10 %")
    EXEMPT = "0.00", _("Exempt")


class SiteBilling(models.Model):
    """What a site's invoices carry beyond the operator's identifiers, and its accounts."""

    site = models.OneToOneField(
        Site, verbose_name=_("site"), on_delete=models.CASCADE, related_name="billing"
    )
    cnss = models.CharField(_("CNSS affiliation number"), max_length=30, blank=True)
    bank_name = models.CharField(_("bank"), max_length=100, blank=True)
    rib = models.CharField(
        _("RIB (24 digits)"), max_length=24, blank=True, validators=[RIB_VALIDATOR]
    )
    payment_term_days = models.PositiveSmallIntegerField(_("payment term (days)"), default=30)
    payment_terms = models.CharField(
        _("payment terms"),
        max_length=200,
        blank=True,
        help_text=_("Printed on invoices, e.g. 'Bank transfer within 30 days'."),
    )
    vat_rate = models.CharField(
        _("VAT rate"), max_length=4, choices=VatRate.choices, default=VatRate.STANDARD
    )
    vat_exemption_mention = models.CharField(
        _("VAT exemption mention"),
        max_length=300,
        blank=True,
        help_text=_("The legal ground printed on exempt lines."),
    )
    journal_sales = models.CharField(_("sales journal"), max_length=10, default="VT")
    journal_bank = models.CharField(_("bank journal"), max_length=10, default="BQ")
    room_hour_price_mad = models.DecimalField(
        _("meeting room, price per hour (MAD excl. VAT)"),
        max_digits=8,
        decimal_places=2,
        default=Decimal("150"),
    )
    offer_rent_per_m2_mad = models.DecimalField(
        _("rent per m² of a waiting-list offer (MAD excl. VAT)"),
        max_digits=8,
        decimal_places=2,
        default=Decimal("50"),
        help_text=_("The draft contract made when a startup accepts an offer from its workspace."),
    )
    free_room_hours = models.PositiveSmallIntegerField(
        _("free meeting-room hours per month for residents"), default=4
    )

    class Meta:
        db_table = "hosting_sitebilling"  # the table hosting made: the move copied no row
        verbose_name = _("site billing settings")
        verbose_name_plural = _("site billing settings")

    def __str__(self) -> str:
        return str(self.site)


class Invoice(models.Model):
    """An invoice: a month's rent (and the charges added to it) or a one-off invoice.

    The issuer's and client's mentions are frozen at issue; an issued invoice is never
    edited or deleted (the service, the admin and a database trigger refuse it): a credit
    note corrects it.
    """

    VAT_RATE = Decimal("0.20")

    class Kind(models.TextChoices):
        RENT = "rent", _("Rent")
        DEPOSIT = "deposit", _("Deposit")
        CHARGES = "charges", _("Charges")
        OTHER = "other", _("One-off")

    site = models.ForeignKey(
        Site, verbose_name=_("site"), on_delete=models.PROTECT, related_name="invoices"
    )
    lease = models.ForeignKey(
        "hosting.Lease",
        verbose_name=_("contract"),
        on_delete=models.PROTECT,
        related_name="invoices",
        null=True,
        blank=True,
        help_text=_("Empty for a client without a contract (room hire by an outsider)."),
    )
    startup = models.ForeignKey(
        Startup, verbose_name=_("client"), on_delete=models.PROTECT, related_name="invoices"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveIntegerField(_("number"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.RENT)
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
    issuer_cnss = models.CharField(max_length=30, blank=True)
    bank_name = models.CharField(max_length=100, blank=True)
    bank_rib = models.CharField(max_length=24, blank=True)
    payment_terms = models.CharField(max_length=200, blank=True)
    vat_mention = models.CharField(max_length=300, blank=True)
    client_name = models.CharField(max_length=200)
    client_ice = models.CharField(max_length=15, blank=True)
    client_if = models.CharField(max_length=30, blank=True)
    client_rc = models.CharField(max_length=30, blank=True)
    client_rc_court = models.CharField(max_length=60, blank=True)
    client_address = models.CharField(max_length=300, blank=True)
    client_email = models.EmailField(blank=True)
    sent_at = models.DateTimeField(_("sent on"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True, null=True, editable=False)

    class Meta:
        db_table = "hosting_invoice"  # the table hosting made: the move copied no row
        ordering = ["-year", "-number"]
        verbose_name = _("invoice")
        verbose_name_plural = _("invoices")
        constraints = [
            models.UniqueConstraint(
                fields=["site", "year", "number"], name="invoice_number_unique"
            ),
            models.UniqueConstraint(
                fields=["lease", "period"],
                condition=Q(kind="rent"),
                name="invoice_rent_once_per_month",
            ),
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
        """Left to pay: the total less payments (net of reversals) and credit notes. The one definition of
        an invoice's balance: `billing.selectors.invoices_with_balance` annotates the same
        (`balance_mad`, with `paid_mad` and `credited_mad`), which this reads when the
        query made it."""
        balance = getattr(self, "balance_mad", None)
        if balance is not None:
            return balance
        paid = getattr(self, "paid_mad", None)
        if paid is None:  # received less what was given back (a refunded card payment)
            paid = (self.payments.aggregate(total=models.Sum("amount_mad"))["total"] or 0) - (
                self.reversals.aggregate(total=models.Sum("amount_mad"))["total"] or 0
            )
        credited = getattr(self, "credited_mad", None)
        if credited is None:
            credited = self.credit_notes.aggregate(total=models.Sum("total_mad"))["total"] or 0
        return self.total_mad - paid - credited

    @property
    def has_receipt(self) -> bool:
        """Settled by money received (nothing left to pay, and something was paid, not
        only credited): the invoice has its receipt ("quittance")."""
        if self.balance_due > 0:
            return False
        paid = getattr(self, "paid_mad", None)
        return paid > 0 if paid is not None else self.payments.exists()


# The columns an issued invoice never changes (the database trigger lists them too).
INVOICE_FROZEN_COLUMNS = (
    "site_id",
    "lease_id",
    "startup_id",
    "year",
    "number",
    "kind",
    "period",
    "issued_on",
    "due_on",
    "rent_mad",
    "charges_mad",
    "vat_rate",
    "vat_mad",
    "total_mad",
    "issuer_name",
    "issuer_ice",
    "issuer_if",
    "issuer_rc",
    "issuer_tp",
    "client_name",
    "client_ice",
    "client_if",
    "client_rc",
    "bank_rib",
)


class InvoiceLine(models.Model):
    """One line of an invoice, with its own VAT rate."""

    invoice = models.ForeignKey(Invoice, on_delete=models.PROTECT, related_name="lines")
    position = models.PositiveSmallIntegerField(default=1)
    label = models.CharField(_("description"), max_length=300)
    quantity = models.DecimalField(_("quantity"), max_digits=10, decimal_places=2, default=1)
    unit_price_mad = models.DecimalField(_("unit price excl. VAT"), max_digits=12, decimal_places=2)
    vat_rate = models.DecimalField(_("VAT rate"), max_digits=4, decimal_places=2)
    amount_excl_mad = models.DecimalField(_("amount excl. VAT"), max_digits=12, decimal_places=2)
    vat_mad = models.DecimalField(_("VAT"), max_digits=12, decimal_places=2)

    class Meta:
        db_table = "hosting_invoiceline"  # the table hosting made: the move copied no row
        ordering = ["invoice", "position", "id"]
        verbose_name = _("invoice line")
        verbose_name_plural = _("invoice lines")

    def __str__(self) -> str:
        return self.label

    @property
    def vat_percent(self) -> int:
        return int(self.vat_rate * 100)


class CreditNote(models.Model):
    """An "avoir": cancels an invoice in whole or in part. Numbered in its own gapless
    series per site and year; never edited or deleted either."""

    site = models.ForeignKey(
        Site, verbose_name=_("site"), on_delete=models.PROTECT, related_name="credit_notes"
    )
    invoice = models.ForeignKey(
        Invoice, verbose_name=_("invoice"), on_delete=models.PROTECT, related_name="credit_notes"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveIntegerField(_("number"))
    issued_on = models.DateField(_("issued on"))
    reason = models.CharField(_("reason"), max_length=300)
    amount_excl_mad = models.DecimalField(_("amount excl. VAT"), max_digits=12, decimal_places=2)
    vat_mad = models.DecimalField(_("VAT"), max_digits=12, decimal_places=2)
    total_mad = models.DecimalField(_("total incl. VAT"), max_digits=12, decimal_places=2)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    sent_at = models.DateTimeField(_("sent on"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True, null=True, editable=False)

    class Meta:
        db_table = "hosting_creditnote"  # the table hosting made: the move copied no row
        ordering = ["-year", "-number"]
        verbose_name = _("credit note")
        verbose_name_plural = _("credit notes")
        constraints = [
            models.UniqueConstraint(
                fields=["site", "year", "number"], name="credit_note_number_unique"
            ),
            models.CheckConstraint(condition=Q(number__gte=1), name="credit_note_number_pos"),
            models.CheckConstraint(condition=Q(total_mad__gt=0), name="credit_note_amount_pos"),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def reference(self) -> str:
        return f"AV-{self.site.code}-{self.year}-{self.number:05d}"


class InvoiceReminder(models.Model):
    """A payment reminder: automatic N days after the due date (one row per level = sent
    once), or sent by hand by the site's staff (`manual`, `sent_by`; once a day at most)."""

    invoice = models.ForeignKey(Invoice, on_delete=models.CASCADE, related_name="reminders")
    days_late = models.PositiveSmallIntegerField()
    sent_on = models.DateField()
    manager_told = models.BooleanField(default=False)
    manual = models.BooleanField(_("sent by hand"), default=False)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    sent_at = models.DateTimeField(null=True, blank=True)
    # How the startup was told: in the platform and by e-mail (its billing recipients).
    recipients = models.PositiveSmallIntegerField(default=0)

    class Meta:
        db_table = "hosting_invoicereminder"  # the table hosting made: the move copied no row
        ordering = ["-sent_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["invoice", "days_late"],
                condition=Q(manual=False),
                name="invoice_reminder_once",
            ),
            models.UniqueConstraint(
                fields=["invoice", "sent_on"],
                condition=Q(manual=True),
                name="invoice_reminder_by_hand_once_a_day",
            ),
        ]


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
    updated_at = models.DateTimeField(_("updated at"), auto_now=True, null=True, editable=False)

    class Meta:
        db_table = "hosting_payment"  # the table hosting made: the move copied no row
        ordering = ["paid_on", "id"]
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        constraints = [
            models.CheckConstraint(condition=Q(amount_mad__gt=0), name="payment_amount_pos"),
        ]


class PaymentReversal(models.Model):
    """A payment given back (a card payment refunded): the money leaves again, so the
    invoice's balance reopens by its amount. At most one per payment (the database refuses
    a second); a payment and its reversal are never edited."""

    payment = models.OneToOneField(
        Payment, verbose_name=_("payment"), on_delete=models.PROTECT, related_name="reversal"
    )
    invoice = models.ForeignKey(
        Invoice, verbose_name=_("invoice"), on_delete=models.PROTECT, related_name="reversals"
    )
    amount_mad = models.DecimalField(_("amount (MAD)"), max_digits=12, decimal_places=2)
    reversed_on = models.DateField(_("reversed on"))
    reason = models.CharField(_("reason"), max_length=300)
    reversed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["reversed_on", "id"]
        verbose_name = _("payment reversal")
        verbose_name_plural = _("payment reversals")
        constraints = [
            models.CheckConstraint(condition=Q(amount_mad__gt=0), name="payment_reversal_pos"),
            models.CheckConstraint(condition=~Q(reason=""), name="payment_reversal_reason"),
        ]


class Deposit(models.Model):
    """The security deposit of a contract: invoiced at signing, held, then at exit
    returned or retained, wholly or in part, with the reason."""

    class Status(models.TextChoices):
        HELD = "held", _("Held")
        RETURNED = "returned", _("Returned")
        PARTLY_RETAINED = "partly", _("Partly retained")
        RETAINED = "retained", _("Retained")

    lease = models.OneToOneField(
        "hosting.Lease",
        verbose_name=_("contract"),
        on_delete=models.PROTECT,
        related_name="deposit",
    )
    invoice = models.OneToOneField(
        Invoice, verbose_name=_("invoice"), on_delete=models.PROTECT, related_name="deposit"
    )
    amount_mad = models.DecimalField(_("amount (MAD)"), max_digits=12, decimal_places=2)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.HELD
    )
    returned_mad = models.DecimalField(
        _("returned (MAD)"), max_digits=12, decimal_places=2, default=Decimal("0")
    )
    retained_mad = models.DecimalField(
        _("retained (MAD)"), max_digits=12, decimal_places=2, default=Decimal("0")
    )
    reason = models.CharField(_("reason for retaining"), max_length=300, blank=True)
    settled_on = models.DateField(_("settled on"), null=True, blank=True)
    settled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        db_table = "hosting_deposit"  # the table hosting made: the move copied no row
        verbose_name = _("deposit")
        verbose_name_plural = _("deposits")
        constraints = [
            models.CheckConstraint(
                condition=Q(returned_mad__gte=0) & Q(retained_mad__gte=0), name="deposit_parts_pos"
            ),
            models.CheckConstraint(
                condition=Q(status="held")
                | Q(returned_mad=models.F("amount_mad") - models.F("retained_mad")),
                name="deposit_settled_adds_up",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.lease}: {self.amount_mad}"


class Charge(models.Model):
    """Something billed beyond rent: meeting-room hire, a desk service, an event fee, a
    one-off charge. Unbilled until it goes on the next rent invoice or an invoice of its
    own (`invoice` is then set)."""

    class Kind(models.TextChoices):
        ROOM = "room", _("Meeting-room hire")
        SERVICE = "service", _("Desk service")
        EVENT = "event", _("Event fee")
        OTHER = "other", _("One-off charge")

    site = models.ForeignKey(
        Site, verbose_name=_("site"), on_delete=models.PROTECT, related_name="charges"
    )
    startup = models.ForeignKey(
        Startup, verbose_name=_("client"), on_delete=models.PROTECT, related_name="charges"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    label = models.CharField(_("description"), max_length=300)
    quantity = models.DecimalField(_("quantity"), max_digits=10, decimal_places=2, default=1)
    unit_price_mad = models.DecimalField(_("unit price excl. VAT"), max_digits=12, decimal_places=2)
    vat_rate = models.DecimalField(_("VAT rate"), max_digits=4, decimal_places=2)
    incurred_on = models.DateField(_("date"))
    period = models.DateField(
        _("month"), null=True, blank=True, help_text=_("For room hire: the month counted.")
    )
    invoice = models.ForeignKey(
        Invoice,
        verbose_name=_("invoice"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="charges",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "hosting_charge"  # the table hosting made: the move copied no row
        ordering = ["incurred_on", "id"]
        verbose_name = _("charge")
        verbose_name_plural = _("charges")
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gt=0), name="charge_quantity_pos"),
            models.CheckConstraint(condition=Q(unit_price_mad__gte=0), name="charge_price_pos"),
            models.UniqueConstraint(
                fields=["site", "startup", "period"],
                condition=Q(kind="room"),
                name="charge_room_once_per_month",
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def amount_excl_mad(self) -> Decimal:
        return (self.quantity * self.unit_price_mad).quantize(Decimal("0.01"))


ACCOUNT_VALIDATOR = RegexValidator(r"^\d{4,10}$", _("An account number has 4 to 10 digits."))


class AccountPlan(models.Model):
    """The accounts an operator's journal posts to. Without one, the Moroccan plan (CGNC):
    clients 3421, rent revenue 7127, VAT collected 4455, bank 5141, deposits received 4427.

    Each client has its auxiliary account: the clients account's first four digits and the
    startup's number, e.g. 34210042 for startup 42 (`client_account`)."""

    CGNC = {
        "account_clients": "34210000",
        "account_revenue": "71270000",
        "account_vat": "44550000",
        "account_bank": "51410000",
        "account_deposits": "44270000",
    }

    operator = models.OneToOneField(
        Operator, verbose_name=_("operator"), on_delete=models.CASCADE, related_name="account_plan"
    )
    account_clients = models.CharField(
        _("clients account"),
        max_length=10,
        default=CGNC["account_clients"],
        validators=[ACCOUNT_VALIDATOR],
    )
    account_revenue = models.CharField(
        _("rent revenue account"),
        max_length=10,
        default=CGNC["account_revenue"],
        validators=[ACCOUNT_VALIDATOR],
    )
    account_vat = models.CharField(
        _("VAT collected account"),
        max_length=10,
        default=CGNC["account_vat"],
        validators=[ACCOUNT_VALIDATOR],
    )
    account_bank = models.CharField(
        _("bank account"),
        max_length=10,
        default=CGNC["account_bank"],
        validators=[ACCOUNT_VALIDATOR],
    )
    account_deposits = models.CharField(
        _("deposits received account"),
        max_length=10,
        default=CGNC["account_deposits"],
        validators=[ACCOUNT_VALIDATOR],
    )

    class Meta:
        verbose_name = _("account plan")
        verbose_name_plural = _("account plans")

    def __str__(self) -> str:
        return str(self.operator)

    def client_account(self, startup_id: int) -> str:
        """The client's auxiliary account: 3421 + the startup's number on four digits
        (more when the number needs them)."""
        return f"{self.account_clients[:4]}{startup_id:04d}"


class PeriodClose(models.Model):
    """The accountant closed a site's books up to `closed_until` (included): no invoice,
    credit note or payment dated then is added, changed or removed any more (the services
    refuse it, and triggers in the database, see `billing/migrations_sql_periods.py`).
    A closing is never undone: a later one only moves the date forward."""

    site = models.ForeignKey(
        Site, verbose_name=_("site"), on_delete=models.PROTECT, related_name="period_closes"
    )
    closed_until = models.DateField(_("closed up to (included)"))
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    closed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["site", "-closed_until"]
        verbose_name = _("closed period")
        verbose_name_plural = _("closed periods")
        constraints = [
            models.UniqueConstraint(fields=["site", "closed_until"], name="period_close_once"),
        ]

    def __str__(self) -> str:
        return f"{self.site.code} ≤ {self.closed_until:%d/%m/%Y}"


class HistoricalInvoice(models.Model):
    """An invoice a site issued before the platform, kept as the historical document it is.

    It has its own number as printed (any text: "F-2019/041", "2021-117"), outside the
    platform's gapless series: a table of its own, which the counters (`InvoiceCounter`),
    the numbering, the journal and the credit notes never read, so it can neither take
    nor leave a gap in `hosting_invoice`. It is only ever imported
    (`billing.services.historical.historical_invoices_import`) and never edited after: a
    trigger refuses any change (`billing/migrations_sql_history.py`). What was left unpaid
    counts in the arrears, shown as "before the platform" (`docs/billing.md`).
    """

    class Status(models.TextChoices):
        PAID = "paid", _("Paid")
        PARTLY_PAID = "partly_paid", _("Partly paid")
        UNPAID = "unpaid", _("Unpaid")
        CANCELLED = "cancelled", _("Cancelled")

    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="+")
    startup = models.ForeignKey(
        Startup, on_delete=models.PROTECT, related_name="historical_invoices"
    )
    number = models.CharField(_("number as printed"), max_length=60)
    issued_on = models.DateField(_("issued on"))
    due_on = models.DateField(_("due on"))
    total_mad = models.DecimalField(_("total incl. VAT"), max_digits=12, decimal_places=2)
    paid_mad = models.DecimalField(
        _("paid (MAD)"), max_digits=12, decimal_places=2, default=Decimal("0")
    )
    paid_on = models.DateField(_("last paid on"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    imported_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-issued_on", "number"]
        verbose_name = _("invoice before the platform")
        verbose_name_plural = _("invoices before the platform")
        constraints = [
            models.UniqueConstraint(fields=["site", "number"], name="historical_invoice_unique"),
            models.CheckConstraint(
                condition=Q(total_mad__gte=0, paid_mad__gte=0, paid_mad__lte=F("total_mad")),
                name="historical_invoice_amounts",
            ),
            models.CheckConstraint(
                condition=Q(due_on__gte=F("issued_on")), name="historical_invoice_due_after"
            ),
            models.CheckConstraint(
                condition=Q(status="cancelled")
                | Q(status="paid", paid_mad=F("total_mad"))
                | Q(status="unpaid", paid_mad=0)
                | Q(status="partly_paid", paid_mad__gt=0, paid_mad__lt=F("total_mad")),
                name="historical_invoice_status",
            ),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def balance_due(self) -> Decimal:
        """Left to pay: nothing on a cancelled invoice, else the total less what was paid."""
        if self.status == self.Status.CANCELLED:
            return Decimal("0")
        return self.total_mad - self.paid_mad
