"""A credit note and a payment on one invoice at once: together they never exceed what is
due. Twenty threads, half paying and half crediting 1 000 MAD of a 1 644 MAD invoice:
exactly one wins. The control run turns the invoice lock off (check, pause, write) and
shows the race lets several through, so the test is known to bite."""

from __future__ import annotations

import datetime as dt
import threading
from collections import Counter
from decimal import Decimal

import pytest
from django.db import connections

from technopark.billing import services
from technopark.billing.models import Invoice
from technopark.billing.services import invoices as invoice_services
from technopark.core.errors import DomainError
from technopark.hosting import services as hosting_services
from technopark.hosting.models import Lease

pytestmark = [pytest.mark.concurrency, pytest.mark.django_db(transaction=True)]

THREADS = 20
AMOUNT = Decimal("1000")


@pytest.fixture
def invoice(cast) -> Invoice:
    lease = Lease.objects.get(space__code="A-101")
    lease.monthly_rent_mad = Decimal("1370")  # 1 644,00 incl. VAT
    lease.save()
    return hosting_services.invoice_issue(
        lease=lease, month=dt.date(2026, 10, 1), issued_on=dt.date(2026, 10, 1)
    )


def _race(invoice: Invoice) -> Counter:
    barrier = threading.Barrier(THREADS)
    outcomes: Counter = Counter()
    lock = threading.Lock()

    def attempt(i: int) -> None:
        try:
            barrier.wait()
            if i % 2:
                services.payment_record(
                    invoice=invoice, amount_mad=AMOUNT, paid_on=dt.date(2026, 10, 9), by=None
                )
                outcome = "paid"
            else:
                services.credit_note_issue(
                    invoice=invoice,
                    issued_on=dt.date(2026, 10, 9),
                    reason=f"Avoir {i}",
                    amount_mad=AMOUNT,
                    by=None,
                )
                outcome = "credited"
        except DomainError:
            outcome = "refused"
        except Exception as exc:  # noqa: BLE001 - a crash is a failure of the guard
            outcome = f"error {exc!r}"
        finally:
            connections.close_all()
        with lock:
            outcomes[outcome] += 1

    threads = [threading.Thread(target=attempt, args=(i,)) for i in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes


def _settled(invoice: Invoice) -> Decimal:
    return invoice.total_mad - invoice_services.invoice_balance(invoice)


def test_a_payment_and_a_credit_note_never_exceed_the_invoice(invoice):
    outcomes = _race(invoice)
    print(f"guarded run: {dict(outcomes)}")
    assert outcomes["paid"] + outcomes["credited"] == 1
    assert outcomes["refused"] == THREADS - 1
    assert _settled(invoice) == AMOUNT
    assert Invoice.objects.get(pk=invoice.pk).balance_due == Decimal("644.00")


def test_control_without_the_lock_the_race_overshoots(invoice, monkeypatch):
    monkeypatch.setattr(
        invoice_services, "GUARD", invoice_services.RaceGuard(serialise=False, pause_seconds=0.05)
    )
    outcomes = _race(invoice)
    print(f"control run: {dict(outcomes)}")
    winners = outcomes["paid"] + outcomes["credited"]
    assert winners > 1, outcomes
    assert _settled(invoice) > invoice.total_mad
