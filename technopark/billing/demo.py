"""Demo billing: bank details for every site that issues invoices (before hosting issues
any), then what became of the invoices hosting issued: payments, credit notes, the
payment reminders the daily job would have sent, the receipts of the settled ones (drawn
on demand), and the books closed up to the end of last month."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.db.models import Max
from django.utils import timezone

from technopark.billing import services
from technopark.billing.models import Invoice, InvoiceReminder, Payment, SiteBilling
from technopark.billing.selectors import invoices_with_balance
from technopark.billing.services import credit_note_issue
from technopark.core.demo import DemoContext
from technopark.network.models import Site


def seed(ctx: DemoContext) -> None:
    sites = list(Site.objects.filter(operator__isnull=False).order_by("code"))
    ctx.log(f"bank details for {_bank_details(sites)} sites")


def collect(ctx: DemoContext, sites: list[Site], *, founder_startup_id: int | None) -> str:
    """Called by hosting's demo once it has issued the months' invoices."""
    paid = _payments(ctx, sites, founder_startup_id)
    notes, chased = _credit_notes_and_reminders(ctx, sites, founder_startup_id)
    closed = _close_last_month(ctx, sites)
    settled = sum(
        1 for i in invoices_with_balance(Invoice.objects.filter(site__in=sites)) if i.has_receipt
    )
    return (
        f"{paid} payments, {notes} credit notes, {chased} payment reminders, "
        f"{settled} receipts, books closed up to {closed:%d/%m/%Y}"
    )


def _close_last_month(ctx: DemoContext, sites: list[Site]) -> dt.date:
    """The accountant has closed the books up to the end of last month: the journal page
    shows the closing, and nothing dated then can change."""
    until = ctx.today.replace(day=1) - dt.timedelta(days=1)
    for site in sites:
        if services.closed_until(site) is None:
            services.period_close(site=site, closed_until=until, by=ctx.users.get("site_manager"))
    return until


# Bank details of the demo sites: 24 digits, made up (bank 190, city 780 / 810).
DEMO_BILLING = {
    "CASA": ("Banque Populaire — agence Technopark", "190780212110001234567891", "0512345"),
    "RABAT": ("Attijariwafa bank — agence Hay Riad", "007810000123400056789012", "0512346"),
}


def _bank_details(sites) -> int:
    """Every site that issues invoices (it has an operator) has bank details to print:
    issuing refuses without them."""
    from technopark.billing.services.settings import rib_with_key

    for site in sites:
        bank, rib, cnss = DEMO_BILLING.get(
            site.code, ("Banque Populaire", f"190780{site.pk:018d}", "")
        )
        SiteBilling.objects.update_or_create(
            site=site,
            defaults={
                "bank_name": bank,
                "rib": rib_with_key(rib[:22]),  # a key that checks, like a real RIB
                "cnss": cnss,
                "payment_terms": "Virement bancaire à 30 jours date de facture",
                "vat_exemption_mention": "Exonéré de TVA (article 92-I du Code général des impôts)",
            },
        )
    return len(sites)


def _payments(ctx: DemoContext, sites: list[Site], founder_startup_id: int | None) -> int:
    """Most rent invoices paid (some in part, more of the latest month left unpaid, the
    founder's latest left to pay), each as if e-mailed on its issue date."""
    rng = ctx.rng
    payments = []
    latest = Invoice.objects.filter(site__in=sites, kind=Invoice.Kind.RENT).aggregate(
        latest=Max("period")
    )["latest"]
    for invoice in Invoice.objects.filter(site__in=sites, kind=Invoice.Kind.RENT).order_by(
        "period", "number"
    ):
        if invoice.startup_id == founder_startup_id and invoice.period == latest:
            continue  # the founder sees one invoice left to pay
        roll = rng.random()
        unpaid = 0.35 if invoice.period == latest else 0.07
        if roll < unpaid:
            continue
        amount = invoice.total_mad
        if roll < unpaid + 0.05:
            amount = (invoice.total_mad / 2).quantize(Decimal("0.01"))  # a partial payment
        payments.append(
            Payment(
                invoice=invoice,
                amount_mad=amount,
                paid_on=invoice.issued_on + dt.timedelta(days=rng.randrange(3, 40)),
                method=rng.choice(("transfer", "transfer", "cheque")),
                reference=f"VIR-{invoice.number:05d}",
            )
        )
    Payment.objects.bulk_create(payments, batch_size=500)
    # As if each had been e-mailed on its issue date (the demo sends no e-mail).
    for invoice in Invoice.objects.filter(site__in=sites, sent_at__isnull=True):
        sent = dt.datetime.combine(
            invoice.issued_on, dt.time(8), tzinfo=timezone.get_current_timezone()
        )
        Invoice.objects.filter(pk=invoice.pk).update(sent_at=sent)
    return len(payments)


def _credit_notes_and_reminders(
    ctx: DemoContext, sites: list[Site], founder_startup_id: int | None
) -> tuple[int, int]:
    """Two credit notes per site (one partial, one whole), and the payment reminders the
    daily job would have sent for the invoices still unpaid."""
    notes = 0
    for site in sites:
        unpaid = list(
            invoices_with_balance(
                Invoice.objects.filter(site=site).exclude(startup_id=founder_startup_id)
            )
            .filter(paid_mad=0, credited_mad=0)
            .order_by("period", "number")[:2]
        )
        if len(unpaid) == 2:
            partial, whole = unpaid
            credit_note_issue(
                invoice=partial,
                issued_on=partial.issued_on + dt.timedelta(days=6),
                reason="Remise : climatisation en panne pendant une semaine",
                amount_mad=(partial.total_mad * Decimal("0.25")).quantize(Decimal("0.01")),
                by=None,
                send=False,
            )
            credit_note_issue(
                invoice=whole,
                issued_on=whole.issued_on + dt.timedelta(days=3),
                reason="Facture émise par erreur : bureau libéré le mois précédent",
                by=None,
                send=False,
            )
            notes += 2
    levels = sorted(settings.INVOICE_REMINDER_DAYS)
    rows = []
    for invoice in invoices_with_balance(
        Invoice.objects.filter(site__in=sites, due_on__lt=ctx.today)
    ).filter(balance_mad__gt=0):
        late = (ctx.today - invoice.due_on).days
        for days in levels:
            if days <= late:
                rows.append(
                    InvoiceReminder(
                        invoice=invoice,
                        days_late=days,
                        sent_on=invoice.due_on + dt.timedelta(days=days),
                        manager_told=days == levels[-1],
                    )
                )
    InvoiceReminder.objects.bulk_create(rows, ignore_conflicts=True)
    return notes, len(rows) + _reminders_by_hand(ctx, sites)


def _reminders_by_hand(ctx: DemoContext, sites: list[Site]) -> int:
    """A site manager chased the three oldest unpaid invoices of each site by hand, a few
    days ago (the invoice's page lists them, with who sent them)."""
    from django.utils import timezone

    from technopark.billing.services.notices import billing_recipients, site_managers
    from technopark.core.actions import record

    made = 0
    for site in sites:
        managers = site_managers(site.pk)
        if not managers:
            continue
        late = invoices_with_balance(
            Invoice.objects.filter(site=site, due_on__lt=ctx.today)
        ).filter(balance_mad__gt=0)
        for n, invoice in enumerate(late.order_by("due_on", "number")[:3]):
            sent_on = max(
                invoice.due_on + dt.timedelta(days=1), ctx.today - dt.timedelta(days=2 + n)
            )
            at = timezone.make_aware(dt.datetime.combine(sent_on, dt.time(10, 15 + 7 * n)))
            InvoiceReminder.objects.create(
                invoice=invoice,
                days_late=(sent_on - invoice.due_on).days,
                sent_on=sent_on,
                sent_at=at,
                manual=True,
                sent_by=managers[0],
                recipients=len(billing_recipients(invoice)),
            )
            record("invoice.reminded", invoice, by=managers[0], payload={"days_late": (sent_on - invoice.due_on).days, "manual": True})  # fmt: skip
            made += 1
    return made
