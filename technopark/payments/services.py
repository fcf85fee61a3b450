"""Writes of payments: card payments (start, the gateway's callback) and bank statements
(import, confirm a proposal, assign or dismiss a transfer).

Every payment lands on an invoice through the ledger's `payment_record`, the service a
payment typed in by staff goes through, under the invoice's lock: never more than its
balance; what comes in beyond it is kept as the client's credit.
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from technopark.core.actions import record
from technopark.core.audit import acts_for_by
from technopark.core.clock import today
from technopark.core.errors import DomainError
from technopark.payments import ledger
from technopark.payments.models import (
    BankStatement,
    BankTransaction,
    ClientCredit,
    ClientCreditUse,
    OnlinePayment,
    OnlinePaymentItem,
)
from technopark.payments.providers import InvalidCallback, Outcome, Provider


def _today() -> dt.date:
    return timezone.localdate()


def _settle(
    *, invoice, amount: Decimal, paid_on: dt.date, method: str, reference: str, by
) -> tuple[object | None, Decimal]:
    """Record up to the invoice's balance (read under its lock); (payment, excess)."""
    locked = ledger.lock_invoice(invoice)
    due = ledger.invoice_balance(locked)
    part = min(amount, max(due, Decimal("0")))
    payment = None
    if paid_on < locked.issued_on - dt.timedelta(days=31):
        paid_on = locked.issued_on
    # Money the bank booked in a period the accountant has since closed is recorded on the
    # first open day: the cash is there, the closed books stay as they were.
    until = ledger.closed_until(locked.site_id)
    if until is not None and paid_on <= until:
        paid_on = until + dt.timedelta(days=1)
    if part > 0:
        payment = ledger.payment_record(
            invoice=locked,
            amount_mad=part,
            paid_on=paid_on,
            method=method,
            reference=reference[:100],
            by=by,
        )
    return payment, amount - part


# --- Card payments -------------------------------------------------------------------------


@acts_for_by
@transaction.atomic
def online_payment_start(
    *, startup, invoices: list, by, language: str = "", oid: str = ""
) -> OnlinePayment:
    """An order for the balances of `invoices` (all the startup's, each with something due)."""
    if not invoices:
        raise DomainError(_("Choose at least one invoice to pay."), code="no_invoice")
    items = []
    for invoice in invoices:
        if invoice.startup_id != startup.pk:
            raise DomainError(_("This invoice is not yours to pay."), code="not_yours")
        due = ledger.invoice_balance(invoice)
        if due <= 0:
            raise DomainError(
                _("Invoice %(ref)s is already paid.") % {"ref": invoice.reference},
                code="already_paid",
            )
        items.append((invoice, due))
    order = OnlinePayment.objects.create(
        oid=oid or f"TP{timezone.now():%y%m%d}{secrets.token_hex(6).upper()}",
        startup=startup,
        amount_mad=sum((due for _i, due in items), Decimal("0")),
        started_by=by if getattr(by, "pk", None) else None,
        language=language,
    )
    OnlinePaymentItem.objects.bulk_create(
        [OnlinePaymentItem(online_payment=order, invoice=i, amount_mad=due) for i, due in items]
    )
    record(
        "online_payment.started",
        order,
        by=by,
        payload={"amount_mad": order.amount_mad, "invoices": [i.reference for i, _d in items]},
    )
    return order


@dataclass
class CallbackResult:
    order: OnlinePayment
    outcome: Outcome
    newly_paid: bool = False
    credits: list = field(default_factory=list)


def online_payment_callback(*, params: dict[str, str], provider: Provider) -> CallbackResult:
    """The gateway's server callback: verified (InvalidCallback: nothing changes) and
    idempotent (the order's row is locked; a second callback finds it settled)."""
    outcome = provider.verify(params)
    with transaction.atomic():
        order = (
            OnlinePayment.objects.select_for_update().filter(oid=outcome.oid).first()
            if outcome.oid
            else None
        )
        if order is None:
            raise InvalidCallback("order")
        if outcome.amount != order.amount_mad:
            raise InvalidCallback("amount")
        result = CallbackResult(order=order, outcome=outcome)
        if order.state in (OnlinePayment.State.PAID, OnlinePayment.State.REFUNDED):
            return result
        if not outcome.approved:
            if order.state != OnlinePayment.State.FAILED:
                order.state = OnlinePayment.State.FAILED
                order.gateway_message = outcome.message
                order.save(update_fields=["state", "gateway_message", "updated_at"])
            return result
        paid_on = _today()
        for item in order.items.select_related("invoice").order_by("invoice_id"):
            if item.payment_id:
                continue
            payment, excess = _settle(
                invoice=item.invoice,
                amount=item.amount_mad,
                paid_on=paid_on,
                method=ledger.Payment.Method.CARD,
                reference=f"CMI {outcome.reference or order.oid}",
                by=order.started_by,
            )
            if payment is not None:
                item.payment = payment
                item.save(update_fields=["payment"])
            if excess > 0:
                result.credits.append(
                    ClientCredit.objects.create(
                        startup=order.startup,
                        amount_mad=excess,
                        invoice=item.invoice,
                        online_payment=order,
                    )
                )
        order.state = OnlinePayment.State.PAID
        order.gateway_reference = outcome.reference
        order.gateway_message = outcome.message
        order.save(update_fields=["state", "gateway_reference", "gateway_message", "updated_at"])
        result.newly_paid = True
        pk = order.pk
        transaction.on_commit(lambda: receipt_send(pk=pk))
    return result


def online_payment_returned(*, params: dict[str, str], provider: Provider) -> OnlinePayment:
    """The browser back from the gateway (okUrl): when the signed result says approved and
    the callback has not come yet, the order is authorised (the callback settles it)."""
    outcome = provider.verify(params)
    with transaction.atomic():
        order = OnlinePayment.objects.select_for_update().filter(oid=outcome.oid).first()
        if order is None:
            raise InvalidCallback("order")
        if order.state == OnlinePayment.State.STARTED:
            order.state = (
                OnlinePayment.State.AUTHORISED if outcome.approved else OnlinePayment.State.FAILED
            )
            order.gateway_message = outcome.message
            order.save(update_fields=["state", "gateway_message", "updated_at"])
    return order


def receipt_send(*, pk: int) -> int:
    """E-mail the receipt of a paid order to the startup's founders, each in their language."""
    from technopark.notifications.services import notification_send

    order = OnlinePayment.objects.select_related("startup").get(pk=pk)
    recipients = ledger.founders_of(order.startup_id)
    items = list(order.items.select_related("invoice__site"))
    with transaction.atomic():
        notification_send(
            to=recipients,
            kind="payments.receipt",
            context={
                "oid": order.oid,
                "total": order.amount_mad,
                "client": order.startup.name,
                "invoices": ", ".join(i.invoice.reference for i in items),
                "paid_on": order.updated_at,
            },
            url=reverse("payments:startup_pay", args=[order.startup.ref]),
        )
    return len(recipients)


# --- Bank statements -----------------------------------------------------------------------


@dataclass
class Credit:
    """One credit line read from a statement."""

    reference: str
    booked_on: dt.date
    amount: Decimal
    label: str = ""
    counterparty: str = ""


@dataclass
class ImportResult:
    statement: BankStatement | None = None
    matched: list = field(default_factory=list)
    proposed: list = field(default_factory=list)
    unknown: list = field(default_factory=list)
    already: int = 0


@acts_for_by
def statement_import(
    *, account: str, fmt: str, credits: list[Credit], site=None, filename: str = "", by
) -> ImportResult:
    """Keep each credit once (the bank's reference per account) and match it: the invoice
    number in its label is recorded; a single open invoice of the same amount whose client's
    name or ICE is in the label is proposed; anything else waits for a person."""
    from technopark.payments.matching import match

    account = account.strip()[:64]
    if not account:
        raise DomainError(_("The statement names no account."), code="no_account")
    result = ImportResult()
    with transaction.atomic():
        known = set(
            BankTransaction.objects.filter(
                account=account, bank_reference__in=[c.reference for c in credits]
            ).values_list("bank_reference", flat=True)
        )
        fresh = [c for c in credits if c.reference not in known and c.amount > 0]
        result.already = len(credits) - len(fresh)
        if not fresh:
            return result
        statement = BankStatement.objects.create(
            site=site,
            account=account,
            format=fmt,
            filename=filename[:200],
            imported_by=by if getattr(by, "pk", None) else None,
        )
        result.statement = statement
        record(
            "bank_statement.imported",
            statement,
            by=by,
            label=f"{statement.get_format_display()} #{statement.pk}",
            payload={"format": fmt, "credits": len(fresh)},
        )
    seen: set[str] = set()
    for credit in fresh:
        if credit.reference in seen:
            continue
        seen.add(credit.reference)
        kind, invoice, reason = match(credit, site=site)
        try:
            with transaction.atomic():
                tx = BankTransaction.objects.create(
                    statement=statement,
                    account=account,
                    bank_reference=credit.reference[:100],
                    booked_on=credit.booked_on,
                    amount_mad=credit.amount,
                    label=credit.label[:500],
                    counterparty=credit.counterparty[:200],
                    state=BankTransaction.State.UNKNOWN,
                    invoice=invoice,
                    reason=reason[:300],
                )
                if kind == "matched":
                    _record(tx, invoice, by=by)
                elif kind == "proposed":
                    tx.state = BankTransaction.State.PROPOSED
                    tx.save(update_fields=["state"])
        except IntegrityError:  # the same transaction imported at the same time elsewhere
            result.already += 1
            continue
        {"matched": result.matched, "proposed": result.proposed}.get(kind, result.unknown).append(
            tx
        )
    return result


def _record(tx: BankTransaction, invoice, *, by) -> None:
    payment, excess = _settle(
        invoice=invoice,
        amount=tx.amount_mad,
        paid_on=tx.booked_on,
        method=ledger.Payment.Method.TRANSFER,
        reference=tx.bank_reference,
        by=by,
    )
    tx.state = BankTransaction.State.MATCHED
    tx.invoice = invoice
    tx.payment = payment
    tx.decided_by = by if getattr(by, "pk", None) else None
    tx.save(update_fields=["state", "invoice", "payment", "decided_by"])
    if excess > 0:
        ClientCredit.objects.create(
            startup=invoice.startup, amount_mad=excess, invoice=invoice, bank_transaction=tx
        )


def _open_tx(tx: BankTransaction, states) -> BankTransaction:
    locked = BankTransaction.objects.select_for_update().get(pk=tx.pk)
    if locked.state not in states:
        raise DomainError(_("This transfer has already been dealt with."), code="already_done")
    return locked


@acts_for_by
@transaction.atomic
def transaction_confirm(*, tx: BankTransaction, by) -> BankTransaction:
    """Staff confirm a proposed match: the payment is recorded."""
    locked = _open_tx(tx, [BankTransaction.State.PROPOSED])
    _record(locked, locked.invoice, by=by)
    _tx_recorded("bank_transaction.confirmed", locked, by)
    return locked


@acts_for_by
@transaction.atomic
def transaction_assign(*, tx: BankTransaction, invoice, by) -> BankTransaction:
    """Staff say which invoice an unknown (or wrongly proposed) transfer pays."""
    locked = _open_tx(tx, [BankTransaction.State.PROPOSED, BankTransaction.State.UNKNOWN])
    if ledger.invoice_balance(invoice) <= 0:
        raise DomainError(
            _("Invoice %(ref)s is already paid.") % {"ref": invoice.reference},
            code="already_paid",
        )
    _record(locked, invoice, by=by)
    _tx_recorded("bank_transaction.assigned", locked, by)
    return locked


@acts_for_by
@transaction.atomic
def transaction_dismiss(*, tx: BankTransaction, reason: str, by) -> BankTransaction:
    """Not a client's payment (a refund, interest, another business): set aside."""
    locked = _open_tx(tx, [BankTransaction.State.PROPOSED, BankTransaction.State.UNKNOWN])
    locked.state = BankTransaction.State.DISMISSED
    locked.reason = reason[:300]
    locked.decided_by = by if getattr(by, "pk", None) else None
    locked.save(update_fields=["state", "reason", "decided_by"])
    _tx_recorded("bank_transaction.dismissed", locked, by)
    return locked


def _tx_recorded(name: str, tx: BankTransaction, by) -> None:
    invoice = tx.invoice if tx.state == BankTransaction.State.MATCHED else None
    record(
        name,
        tx,
        by=by,
        startup=invoice.startup_id if invoice else None,
        site=invoice.site_id if invoice else tx.statement.site_id,
        label=tx.bank_reference,
        payload={
            "amount_mad": tx.amount_mad,
            "booked_on": tx.booked_on,
            "invoice": invoice.reference if invoice else None,
            "payment": tx.payment_id,
        },
    )


# --- Clients' credits ----------------------------------------------------------------------


def credit_left(credit: ClientCredit) -> Decimal:
    """What is left of a credit: its amount less what was applied (fresh from the database)."""
    used = credit.uses.aggregate(total=Sum("amount_mad"))["total"] or Decimal("0")
    return credit.amount_mad - used


@acts_for_by
@transaction.atomic
def credit_apply(*, credit: ClientCredit, invoice, by) -> ClientCreditUse:
    """Staff apply a client's credit to an open invoice of the same client: a payment
    recorded through billing's `payment_record`, of the smaller of what is left of the
    credit and the invoice's balance. The credit's row is locked first, then the invoice's
    (by `payment_record`), so two applications at once never spend the credit twice nor
    pay the invoice beyond its balance."""
    locked = ClientCredit.objects.select_for_update().get(pk=credit.pk)
    if invoice.startup_id != locked.startup_id:
        raise DomainError(
            _("This credit belongs to another client than the invoice's."), code="other_client"
        )
    left = credit_left(locked)
    if left <= 0:
        raise DomainError(_("Nothing is left of this credit."), code="credit_spent")
    due = ledger.invoice_balance(ledger.lock_invoice(invoice))
    if due <= 0:
        raise DomainError(
            _("Invoice %(ref)s is already paid.") % {"ref": invoice.reference},
            code="already_paid",
        )
    amount = min(left, due)
    payment = ledger.payment_record(
        invoice=invoice,
        amount_mad=amount,
        paid_on=today(),
        method=ledger.Payment.Method.TRANSFER,
        reference=f"AVOIR-CLIENT-{locked.pk}",
        by=by,
    )
    use = ClientCreditUse.objects.create(
        credit=locked,
        payment=payment,
        amount_mad=amount,
        applied_by=by if getattr(by, "pk", None) else None,
    )
    record(
        "credit.applied",
        use,
        by=by,
        startup=locked.startup_id,
        site=invoice.site_id,
        label=f"{invoice.reference}: {amount}",
        payload={"credit": locked.pk, "invoice": invoice.reference, "amount_mad": amount},
    )
    return use


# --- Refunds -------------------------------------------------------------------------------


@acts_for_by
@transaction.atomic
def online_payment_refund(*, order: OnlinePayment, reason: str, by) -> OnlinePayment:
    """Staff mark a paid card payment refunded (the money was given back at the gateway's
    back office: the simulator has no refund API). Each invoice's payment is reversed
    through billing's `payment_reverse` with the reason, so its balance reopens; the order
    is `refunded`. Once: a second refund finds it refunded and changes nothing."""
    locked = OnlinePayment.objects.select_for_update().get(pk=order.pk)
    if locked.state != OnlinePayment.State.PAID:
        raise DomainError(
            _("Only a paid card payment can be refunded."), code="not_paid", status=409
        )
    if not (reason or "").strip():
        raise DomainError(_("Give the reason."), code="no_reason", field="reason")
    for item in locked.items.select_related("payment__invoice"):
        if item.payment is not None:
            ledger.payment_reverse(payment=item.payment, reason=reason, reversed_on=today(), by=by)
    locked.state = OnlinePayment.State.REFUNDED
    locked.gateway_message = reason.strip()[:300]
    locked.save(update_fields=["state", "gateway_message", "updated_at"])
    record(
        "payment.refunded",
        locked,
        by=by,
        payload={
            "amount_mad": locked.amount_mad,
            "invoices": [item.invoice.reference for item in locked.items.select_related("invoice")],
        },
    )
    return locked
