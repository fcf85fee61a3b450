"""Demo hosting: signatures and charges, notices, renewals, drafts, a waiting list,
reminders already sent, and rent invoices for recent months (what became of them, paid or
not: `billing/demo.py`)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db.models import F, Q

from technopark.billing import demo as billing_demo
from technopark.billing.models import Invoice
from technopark.billing.services import (
    charge_add,
    deposit_invoice,
    deposit_settle,
    payment_record,
)
from technopark.core.demo import DemoContext
from technopark.hosting.models import Lease, LeaseReminder, WaitingEntry
from technopark.hosting.selectors import leases_active_on
from technopark.hosting.services import invoices_issue_month, lease_renew
from technopark.hosting.services.reminders import REMINDER_DAYS
from technopark.hosting.services.waiting import OFFER_ANSWER_DAYS, space_is_free
from technopark.network.models import Site, Space
from technopark.programs.models import Enrollment

CHARGES_PER_M2 = Decimal("6")


def _months_back(today: dt.date, n: int) -> list[dt.date]:
    months, month = [], today.replace(day=1)
    for _ in range(n):
        months.append(month)
        month = (month - dt.timedelta(days=1)).replace(day=1)
    return sorted(months)


def _contracts(ctx: DemoContext, sites: list[Site]) -> int:
    Lease.objects.exclude(status=Lease.Status.DRAFT).filter(signed_on__isnull=True).update(
        signed_on=F("starts_on")
    )
    running = list(
        Lease.objects.filter(status__in=[Lease.Status.ACTIVE, Lease.Status.NOTICE]).select_related(
            "space"
        )
    )
    for lease in running:
        lease.charges_mad = (lease.space.area_m2 * CHARGES_PER_M2).quantize(Decimal("1"))
        if lease.status == Lease.Status.NOTICE and lease.planned_end:
            lease.notice_given_on = lease.planned_end - dt.timedelta(days=90)
    Lease.objects.bulk_update(running, ["charges_mad", "notice_given_on"], batch_size=500)
    # A few renewals: contracts ending within a year are continued for three more years.
    renewed = 0
    for site in sites:
        candidates = Lease.objects.filter(
            site=site,
            status=Lease.Status.ACTIVE,
            planned_end__gt=ctx.today + dt.timedelta(days=90),
            planned_end__lte=ctx.today + dt.timedelta(days=365),
        ).order_by("planned_end")[:2]
        for lease in candidates:
            lease_renew(
                lease=lease,
                planned_end=lease.planned_end.replace(year=lease.planned_end.year + 3),
                by=None,
            )
            renewed += 1
    return renewed


def _ending_soon(ctx: DemoContext, site: Site) -> None:
    """Two contracts end within the reminder window, so the reminders are visible."""
    soon = Lease.objects.filter(
        site=site,
        status=Lease.Status.ACTIVE,
        planned_end__lte=ctx.today + dt.timedelta(days=max(REMINDER_DAYS)),
    )
    if soon.count() >= 2:
        return
    for lease, days in zip(
        Lease.objects.filter(site=site, status=Lease.Status.ACTIVE, ends_on__isnull=True)
        .exclude(continuations__isnull=False)
        .order_by("planned_end")[:2],
        (25, 52),
        strict=False,
    ):
        lease.planned_end = ctx.today + dt.timedelta(days=days)
        lease.save(update_fields=["planned_end"])


def _reminders(ctx: DemoContext) -> int:
    """Reminders the daily job would have sent already (rows only, no e-mail in a demo)."""
    rows = []
    for lease in Lease.objects.filter(
        status__in=[Lease.Status.ACTIVE, Lease.Status.NOTICE],
        planned_end__gt=ctx.today,
        planned_end__lte=ctx.today + dt.timedelta(days=max(REMINDER_DAYS)),
    ):
        days_left = (lease.planned_end - ctx.today).days
        for days in REMINDER_DAYS:
            if days_left <= days:
                sent = max(
                    lease.planned_end - dt.timedelta(days=days), ctx.today - dt.timedelta(30)
                )
                rows.append(
                    LeaseReminder(
                        lease=lease, days_before=days, planned_end=lease.planned_end, sent_on=sent
                    )
                )
    LeaseReminder.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)


def _waiting_list(ctx: DemoContext, site: Site) -> int:
    rng = ctx.rng
    residents = leases_active_on(ctx.today).filter(site=site).values("startup_id")
    admitted = list(
        Enrollment.objects.filter(site=site, started_on__lte=ctx.today)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=ctx.today))
        .exclude(startup_id__in=residents)
        .select_related("startup")
        .order_by("started_on")[: 4 if ctx.small else 8]
    )
    entries = []
    for n, enrollment in enumerate(admitted):
        entries.append(
            WaitingEntry(
                site=site,
                startup=enrollment.startup,
                area_needed_m2=Decimal(rng.choice((12, 15, 18, 24, 30, 40))),
                kind=Space.Kind.OFFICE,
                requested_on=ctx.today - dt.timedelta(days=200 - 20 * n),
                declined_count=1 if n == 2 else 0,
                note=rng.choice(("", "Équipe de 3 personnes", "Besoin d'un accès fibre", "")),
            )
        )
    WaitingEntry.objects.bulk_create(entries, ignore_conflicts=True)
    free = [
        s
        for s in site.spaces.filter(leasable=True, kind=Space.Kind.OFFICE).order_by("code")
        if space_is_free(s, ctx.today)
    ]
    first = WaitingEntry.objects.filter(site=site, status=WaitingEntry.Status.WAITING).first()
    if first is not None and free:
        first.status = WaitingEntry.Status.OFFERED
        first.offered_space = free[0]
        first.offered_on = ctx.today - dt.timedelta(days=3)
        first.answer_by = first.offered_on + dt.timedelta(days=OFFER_ANSWER_DAYS)
        first.save()
    if len(free) > 1 and len(entries) > 1:
        # A draft for the second in line, waiting for signatures.
        second = entries[1]
        Lease.objects.create(
            site=site,
            space=free[1],
            startup=second.startup,
            status=Lease.Status.DRAFT,
            starts_on=ctx.today + dt.timedelta(days=14),
            planned_end=ctx.today + dt.timedelta(days=14 + 3 * 365),
            rent_per_m2_mad=Decimal("55"),
            charges_mad=(free[1].area_m2 * CHARGES_PER_M2).quantize(Decimal("1")),
            note="Depuis la liste d'attente",
        )
    return len(entries)


def _invoices(ctx: DemoContext, sites: list[Site]) -> int:
    months = _months_back(ctx.today, 2 if ctx.small else 4)
    for site in sites:
        _deposits_and_charges(ctx, site, months)
    for month in months:
        for site in sites:
            invoices_issue_month(month=month, issued_on=month, site=site, send=False)
    return Invoice.objects.filter(site__in=sites).count()


def _deposits_and_charges(ctx: DemoContext, site: Site, months: list[dt.date]) -> tuple[int, int]:
    """Deposits of the contracts signed these last years (one returned at exit, one partly
    retained), and charges beyond rent put on the rent invoices of the coming months."""
    recent = list(
        Lease.objects.filter(site=site, signed_on__gte=ctx.today - dt.timedelta(days=3 * 365))
        .exclude(status=Lease.Status.DRAFT)
        .exclude(previous__isnull=False)
        .select_related("site", "space", "startup")
        .order_by("signed_on")
    )
    deposits = 0
    for lease in recent:
        deposit = deposit_invoice(lease=lease, issued_on=lease.signed_on, by=None, send=False)
        if deposit is not None:
            deposits += 1
            payment_record(
                invoice=deposit.invoice,
                amount_mad=deposit.amount_mad,
                paid_on=lease.signed_on,
                method="cheque",
                reference=f"CHQ-DG-{lease.pk}",
                by=None,
            )
    ended = [lease for lease in recent if lease.status == Lease.Status.ENDED]
    for lease, retained, reason in zip(
        ended,
        (Decimal("0"), Decimal("600")),
        ("", "Remise en peinture du bureau"),
        strict=False,
    ):
        deposit_settle(
            lease=lease,
            retained_mad=min(retained, lease.deposit.amount_mad),
            reason=reason,
            settled_on=lease.ends_on,
            by=None,
        )
    charges = 0
    running = list(
        Lease.objects.filter(site=site, status=Lease.Status.ACTIVE)
        .select_related("startup")
        .order_by("space__code")[:6]
    )
    catalogue = (
        ("service", "Légalisation et copies certifiées", Decimal("2"), Decimal("40")),
        ("event", "Stand au Demo Day du technopark", Decimal("1"), Decimal("1500")),
        ("other", "Badge d'accès supplémentaire", Decimal("3"), Decimal("50")),
    )
    for n, lease in enumerate(running):
        kind, label, quantity, price = catalogue[n % len(catalogue)]
        charge_add(
            site=site,
            startup=lease.startup,
            kind=kind,
            label=label,
            quantity=quantity,
            unit_price_mad=price,
            incurred_on=months[-1] - dt.timedelta(days=5 + n),
            by=None,
        )
        charges += 1
    return deposits, charges


def seed(ctx: DemoContext) -> None:
    casa = Site.objects.filter(code="CASA").first() or Site.objects.order_by("opened_on").first()
    if casa is None:
        ctx.log("no site: nothing to host")
        return
    sites = [casa]
    if not ctx.small:
        sites += list(Site.objects.filter(code__in=["RABAT"]))
    renewed = _contracts(ctx, sites)
    for site in sites:
        _ending_soon(ctx, site)
    reminders = _reminders(ctx)
    waiting = sum(_waiting_list(ctx, site) for site in sites)
    founder = ctx.users.get("founder")
    startup_id = None
    if founder is not None:
        startup_id = founder.memberships.values_list("startup_id", flat=True).first()
    invoices = _invoices(ctx, sites)
    # What became of the invoices: payments, credit notes, reminders, a closed period.
    collected = billing_demo.collect(ctx, sites, founder_startup_id=startup_id)
    ctx.log(
        f"{renewed} renewals, {reminders} reminders, {waiting} waiting, {invoices} invoices, "
        f"{collected} ({', '.join(s.code for s in sites)})"
    )
