"""Charges beyond rent (meeting rooms, desk services, event fees, one-off charges) and
the deposit of each contract."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from technopark.billing.models import Charge, Deposit, Invoice
from technopark.billing.services.invoices import (
    CENT,
    audit_actor,
    invoice_create,
    month_bounds,
    site_billing,
)
from technopark.core.actions import record
from technopark.core.errors import DomainError
from technopark.network.models import Site

DEPOSIT_MENTION = "Dépôt de garantie : somme remboursable, hors champ de la TVA."


@transaction.atomic
def charge_add(
    *,
    site: Site,
    startup,
    kind: str,
    label: str,
    unit_price_mad: Decimal,
    incurred_on: dt.date,
    quantity: Decimal = Decimal("1"),
    vat_rate: Decimal | None = None,
    by,
) -> Charge:
    """Something to bill beyond rent; it waits for the next rent invoice or an invoice of
    its own. The VAT rate is the site's unless given."""
    if kind not in Charge.Kind.values:
        raise DomainError(_("Unknown kind of charge."), code="bad_kind", field="kind")
    if not (label or "").strip():
        raise DomainError(_("Describe the charge."), code="no_label", field="label")
    if unit_price_mad is None or unit_price_mad < 0 or quantity is None or quantity <= 0:
        raise DomainError(_("Give a positive amount."), code="bad_amount", field="unit_price_mad")
    rate = Decimal(site_billing(site).vat_rate) if vat_rate is None else Decimal(vat_rate)
    with audit_actor(by):
        charge = Charge.objects.create(
            site=site,
            startup=startup,
            kind=kind,
            label=label.strip(),
            quantity=quantity,
            unit_price_mad=Decimal(unit_price_mad).quantize(CENT),
            vat_rate=rate,
            incurred_on=incurred_on,
            created_by=by if getattr(by, "pk", None) else None,
        )
    _charge_recorded(charge, by)
    return charge


def _charge_recorded(charge: Charge, by) -> None:
    record(
        "charge.added",
        charge,
        by=by,
        payload={
            "kind": charge.kind,
            "quantity": charge.quantity,
            "unit_price_mad": charge.unit_price_mad,
            "incurred_on": charge.incurred_on,
        },
    )


def _hours(value: Decimal) -> str:
    """6 → '6', 1.5 → '1,5' (French decimals)."""
    return format(value.quantize(CENT).normalize(), "f").replace(".", ",")


@transaction.atomic
def room_hire_charge_month(
    *, site: Site, month: dt.date, hours: dict[int, Decimal], residents: set[int], by=None
) -> list[Charge]:
    """One charge per startup for the month's meeting-room `hours` at the site, as booking
    counts them (startup id → hours): `residents` get the site's free hours each month and
    pay beyond them; outsiders pay from the first hour. Safe to run again (one room-hire
    charge per startup and month)."""
    first, after = month_bounds(month)
    billing = site_billing(site)
    done = set(
        Charge.objects.filter(site=site, kind=Charge.Kind.ROOM, period=first).values_list(
            "startup_id", flat=True
        )
    )
    made = []
    for startup_id, total in sorted(hours.items()):
        if startup_id in done:
            continue
        free = Decimal(billing.free_room_hours) if startup_id in residents else Decimal("0")
        billable = (total - free).quantize(CENT)
        if billable <= 0:
            continue
        label = f"Location de salles de réunion {first:%m/%Y} : {_hours(total)} h"
        if free:
            label += f", dont {free} h offertes aux résidents"
        with audit_actor(by):
            charge = Charge.objects.create(
                site=site,
                startup_id=startup_id,
                kind=Charge.Kind.ROOM,
                label=label,
                quantity=billable,
                unit_price_mad=billing.room_hour_price_mad,
                vat_rate=Decimal(billing.vat_rate),
                incurred_on=after - dt.timedelta(days=1),
                period=first,
                created_by=by if getattr(by, "pk", None) else None,
            )
        _charge_recorded(charge, by)
        made.append(charge)
    return made


@transaction.atomic
def charges_invoice(*, site: Site, startup, issued_on: dt.date, by, send: bool = True) -> Invoice:
    """An invoice of their own for a client's unbilled charges at the site (an outsider
    who hired a room, or a resident who should not wait for the month's invoice)."""
    charges = list(
        Charge.objects.select_for_update()
        .filter(site=site, startup=startup, invoice__isnull=True, incurred_on__lte=issued_on)
        .order_by("incurred_on", "id")
    )
    if not charges:
        raise DomainError(_("Nothing is left to invoice for this client."), code="nothing")
    # The contract the client's last invoice at the site billed, if any.
    last = (
        Invoice.objects.filter(site=site, startup=startup, lease__isnull=False)
        .order_by("-issued_on", "-pk")
        .values_list("lease_id", flat=True)
        .first()
    )
    return invoice_create(
        site=site,
        startup=startup,
        lease_id=last,
        kind=Invoice.Kind.CHARGES,
        period=issued_on.replace(day=1),
        issued_on=issued_on,
        billing=site_billing(site),
        lines=[(c.label, c.quantity, c.amount_excl_mad, c.vat_rate) for c in charges],
        space_label="",
        charges=charges,
        by=by,
        send=send,
    )


@transaction.atomic
def deposit_invoice(*, lease, issued_on: dt.date, by, send: bool = True) -> Deposit | None:
    """At signing: invoice the deposit the contract states and hold it. None when the
    contract states no deposit; calling it again returns the deposit already held."""
    existing = Deposit.objects.filter(lease=lease).first()
    if existing is not None:
        return existing
    amount = lease.deposit_amount
    if amount <= 0:
        return None
    label = (
        f"Dépôt de garantie : {lease.deposit_months} mois de loyer · "
        f"{lease.space.code} · contrat du {lease.starts_on:%d/%m/%Y}"
    )
    invoice = invoice_create(
        site=lease.site,
        startup=lease.startup,
        lease=lease,
        kind=Invoice.Kind.DEPOSIT,
        period=lease.starts_on.replace(day=1),
        issued_on=issued_on,
        billing=site_billing(lease.site),
        lines=[(label, Decimal(1), amount, Decimal("0"))],
        space_label=lease.space.code,
        vat_mention=DEPOSIT_MENTION,
        by=by,
        send=send,
    )
    with audit_actor(by):
        return Deposit.objects.create(lease=lease, invoice=invoice, amount_mad=amount)


@transaction.atomic
def deposit_settle(
    *, lease, retained_mad: Decimal, reason: str, settled_on: dt.date, by
) -> Deposit:
    """At exit: return the deposit, or retain all or part of it, saying why."""
    deposit = Deposit.objects.select_for_update().filter(lease=lease).first()
    if deposit is None:
        raise DomainError(_("This contract has no deposit."), code="no_deposit")
    if deposit.status != Deposit.Status.HELD:
        raise DomainError(_("The deposit is already settled."), code="settled")
    if not lease.is_leaving:
        raise DomainError(_("The deposit is settled when the startup leaves."), code="bad_state")
    retained = Decimal(retained_mad or 0).quantize(CENT)
    reason = (reason or "").strip()
    if retained < 0 or retained > deposit.amount_mad:
        raise DomainError(
            _("Retain between 0 and %(amount)s MAD.") % {"amount": deposit.amount_mad},
            code="bad_amount",
            field="retained_mad",
        )
    if retained and not reason:
        raise DomainError(
            _("Say why part of the deposit is retained."), code="no_reason", field="reason"
        )
    deposit.retained_mad = retained
    deposit.returned_mad = deposit.amount_mad - retained
    deposit.reason = reason
    deposit.settled_on = settled_on
    deposit.settled_by = by if getattr(by, "pk", None) else None
    if retained == 0:
        deposit.status = Deposit.Status.RETURNED
    elif retained == deposit.amount_mad:
        deposit.status = Deposit.Status.RETAINED
    else:
        deposit.status = Deposit.Status.PARTLY_RETAINED
    with audit_actor(by):
        deposit.save()
    record(
        "deposit.settled",
        deposit,
        by=by,
        startup=lease.startup_id,
        site=lease.site_id,
        payload={
            "contract": lease.pk,
            "status": deposit.status,
            "returned_mad": deposit.returned_mad,
            "retained_mad": deposit.retained_mad,
            "settled_on": settled_on,
        },
    )
    return deposit
