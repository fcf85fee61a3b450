"""The accountant's export: a period's invoices, credit notes and payments as journal
entries (date, journal, piece, account, label, debit, credit, ICE), balanced per piece,
with each site's own journal codes (`SiteBilling`) and its operator's account plan
(`AccountPlan`, the CGNC when it has none); each client is posted to its own auxiliary
account (`AccountPlan.client_account`, e.g. 34210042)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import QuerySet

from technopark.billing.models import (
    AccountPlan,
    CreditNote,
    Invoice,
    Payment,
    PaymentReversal,
    SiteBilling,
)
from technopark.core.csv_export import csv_content, csv_identifier
from technopark.network.models import Site

HEADERS = ("Date", "Journal", "Pièce", "Compte", "Libellé", "Débit", "Crédit", "ICE")
ZERO = Decimal("0.00")


@dataclass
class Entry:
    date: dt.date
    journal: str
    piece: str
    account: str
    label: str
    debit: Decimal
    credit: Decimal
    ice: str

    def row(self) -> tuple:
        return (
            self.date,
            self.journal,
            self.piece,
            self.account,
            self.label,
            self.debit,
            self.credit,
            self.ice,
        )


def journal_entries(invoices: QuerySet[Invoice], start: dt.date, end: dt.date) -> list[Entry]:
    """Entries dated in [start, end] for the invoices the caller may see (and their credit
    notes and payments), in date order, each piece balanced (debits = credits)."""
    site_ids = set(invoices.values_list("site_id", flat=True).distinct())
    books = {b.site_id: b for b in SiteBilling.objects.filter(site_id__in=site_ids)}
    operators = dict(Site.objects.filter(pk__in=site_ids).values_list("pk", "operator_id"))
    plans = {
        p.operator_id: p
        for p in AccountPlan.objects.filter(operator_id__in=set(operators.values()))
    }

    def book(site_id: int) -> SiteBilling:
        return books.get(site_id) or SiteBilling(site_id=site_id)

    def plan(site_id: int) -> AccountPlan:
        return plans.get(operators.get(site_id)) or AccountPlan()

    entries: list[Entry] = []
    for inv in invoices.filter(issued_on__gte=start, issued_on__lte=end).select_related("site"):
        b, p = book(inv.site_id), plan(inv.site_id)
        label = f"Facture {inv.reference} {inv.client_name}"
        ref, ice = inv.reference, inv.client_ice
        entries.append(
            Entry(
                inv.issued_on,
                b.journal_sales,
                ref,
                p.client_account(inv.startup_id),
                label,
                inv.total_mad,
                ZERO,
                ice,
            )
        )
        # a deposit is owed back, not earned: it goes to the deposits account
        credit_account = (
            p.account_deposits if inv.kind == Invoice.Kind.DEPOSIT else p.account_revenue
        )
        entries.append(
            Entry(
                inv.issued_on,
                b.journal_sales,
                ref,
                credit_account,
                label,
                ZERO,
                inv.total_excl_vat,
                ice,
            )
        )
        if inv.vat_mad:
            entries.append(
                Entry(
                    inv.issued_on,
                    b.journal_sales,
                    ref,
                    p.account_vat,
                    label,
                    ZERO,
                    inv.vat_mad,
                    ice,
                )
            )
    notes = CreditNote.objects.filter(
        invoice__in=invoices, issued_on__gte=start, issued_on__lte=end
    ).select_related("site", "invoice")
    for note in notes:
        b, p = book(note.site_id), plan(note.site_id)
        inv = note.invoice
        label = f"Avoir {note.reference} sur {inv.reference} {inv.client_name}"
        ref, ice = note.reference, inv.client_ice
        entries.append(
            Entry(
                note.issued_on,
                b.journal_sales,
                ref,
                p.account_deposits if inv.kind == Invoice.Kind.DEPOSIT else p.account_revenue,
                label,
                note.amount_excl_mad,
                ZERO,
                ice,
            )
        )
        if note.vat_mad:
            entries.append(
                Entry(
                    note.issued_on,
                    b.journal_sales,
                    ref,
                    p.account_vat,
                    label,
                    note.vat_mad,
                    ZERO,
                    ice,
                )
            )
        entries.append(
            Entry(
                note.issued_on,
                b.journal_sales,
                ref,
                p.client_account(inv.startup_id),
                label,
                ZERO,
                note.total_mad,
                ice,
            )
        )
    payments = Payment.objects.filter(
        invoice__in=invoices, paid_on__gte=start, paid_on__lte=end
    ).select_related("invoice__site")
    for pay in payments:
        inv = pay.invoice
        b, p = book(inv.site_id), plan(inv.site_id)
        piece = pay.reference or f"REG-{pay.pk}"
        label = f"Règlement {inv.reference} {inv.client_name}"
        entries.append(
            Entry(
                pay.paid_on,
                b.journal_bank,
                piece,
                p.account_bank,
                label,
                pay.amount_mad,
                ZERO,
                inv.client_ice,
            )
        )
        entries.append(
            Entry(
                pay.paid_on,
                b.journal_bank,
                piece,
                p.client_account(inv.startup_id),
                label,
                ZERO,
                pay.amount_mad,
                inv.client_ice,
            )
        )
    reversals = PaymentReversal.objects.filter(
        invoice__in=invoices, reversed_on__gte=start, reversed_on__lte=end
    ).select_related("invoice__site", "payment")
    for rev in reversals:  # the payment's entries the other way round: clients / bank
        inv = rev.invoice
        b, p = book(inv.site_id), plan(inv.site_id)
        piece = f"REM-{rev.pk}"
        label = f"Remboursement {rev.payment.reference or inv.reference} {inv.client_name}"
        entries.append(
            Entry(
                rev.reversed_on,
                b.journal_bank,
                piece,
                p.client_account(inv.startup_id),
                label,
                rev.amount_mad,
                ZERO,
                inv.client_ice,
            )
        )
        entries.append(
            Entry(
                rev.reversed_on,
                b.journal_bank,
                piece,
                p.account_bank,
                label,
                ZERO,
                rev.amount_mad,
                inv.client_ice,
            )
        )
    entries.sort(key=lambda e: (e.date, e.journal, e.piece))
    return entries


def journal_csv(entries: list[Entry]) -> str:
    """Semicolon-separated, decimal comma, UTF-8 with a byte order mark: what French-speaking
    accounting software and French Excel read; labels made safe by `csv_content`."""
    cent = Decimal("0.01")
    return csv_content(
        HEADERS,
        (
            (
                e.date.strftime("%d/%m/%Y"),
                e.journal,
                e.piece,
                e.account,
                e.label,
                e.debit.quantize(cent),
                e.credit.quantize(cent),
                csv_identifier(e.ice),
            )
            for e in entries
        ),
        decimal_comma=True,
    )
