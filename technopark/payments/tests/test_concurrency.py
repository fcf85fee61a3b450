"""The gateway's callback under concurrency, on SQLite and on PostgreSQL (DATABASE_URL):
the same callback delivered by ten threads at once records one payment per invoice; a
callback racing a payment typed by staff on the same invoice never takes more than its
balance (the excess is kept as the client's credit)."""

from __future__ import annotations

import datetime as dt
import threading
from collections import Counter
from decimal import Decimal

import pytest
from django.conf import settings
from django.db import connections
from django.db.models import Sum

from technopark.billing import services as billing
from technopark.billing.models import Payment
from technopark.core.errors import DomainError
from technopark.hosting.models import Lease
from technopark.payments import services
from technopark.payments.models import ClientCredit, OnlinePayment
from technopark.payments.providers import cmi_hash, provider
from technopark.payments.tests.conftest import issue

pytestmark = [pytest.mark.concurrency, pytest.mark.django_db(transaction=True)]


def _approved(order) -> dict[str, str]:
    """The callback the gateway posts for an approved card, signed with the store key."""
    _url, fields = provider().checkout(
        oid=order.oid,
        amount=order.amount_mad,
        ok_url="http://merchant/ok",
        fail_url="http://merchant/fail",
        callback_url="http://merchant/cb",
        language="fr",
    )
    fields.pop("HASH")
    fields.update({"ProcReturnCode": "00", "Response": "Approved", "TransId": "T1"})
    fields["HASH"] = cmi_hash(fields, settings.PAYMENTS_CMI_STORE_KEY)
    return fields


def _run(jobs) -> Counter:
    barrier = threading.Barrier(len(jobs))
    outcomes: Counter = Counter()
    lock = threading.Lock()

    def attempt(job) -> None:
        try:
            barrier.wait()
            outcome = job()
        except DomainError as exc:
            outcome = f"refused {exc.code}"
        except Exception as exc:  # noqa: BLE001 - a crash is a failure of the guard
            outcome = f"error {exc!r}"
        finally:
            connections.close_all()
        with lock:
            outcomes[outcome] += 1

    threads = [threading.Thread(target=attempt, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return outcomes


@pytest.fixture
def invoices(cast):
    lease = Lease.objects.get(space__code="A-101")
    return [issue(lease, dt.date(2026, 10, 1)), issue(lease, dt.date(2026, 11, 1))]


def test_the_same_callback_ten_times_at_once_records_one_payment_per_invoice(cast, invoices):
    order = services.online_payment_start(startup=cast.own, invoices=invoices, by=cast.owner)
    params = _approved(order)

    def callback():
        result = services.online_payment_callback(params=params, provider=provider())
        return "settled" if result.newly_paid else "already"

    outcomes = _run([callback] * 10)
    assert outcomes == Counter({"settled": 1, "already": 9})
    assert Payment.objects.count() == 2
    assert Payment.objects.aggregate(s=Sum("amount_mad"))["s"] == Decimal("2400.00")
    assert OnlinePayment.objects.get().state == "paid"


def test_a_callback_and_a_typed_payment_at_once_never_exceed_the_balance(cast, invoices):
    """Five rounds, each on a fresh order for the October invoice's 1 200 MAD while the
    site manager types 1 000 MAD on it: whichever comes first, no more than 1 200 MAD is
    recorded; when the typed payment won, the card's excess is the client's credit."""
    lease = Lease.objects.get(space__code="A-101")
    for month in range(1, 6):
        invoice = issue(lease, dt.date(2027, month, 1))
        order = services.online_payment_start(startup=cast.own, invoices=[invoice], by=cast.owner)
        params = _approved(order)

        def callback(params=params):
            services.online_payment_callback(params=params, provider=provider())
            return "card"

        def typed(invoice=invoice):
            billing.payment_record(
                invoice=invoice,
                amount_mad=Decimal("1000"),
                paid_on=invoice.issued_on,
                by=cast.site_manager,
            )
            return "typed"

        outcomes = _run([callback, typed])
        assert not [o for o in outcomes if o.startswith("error")], outcomes
        paid = Payment.objects.filter(invoice=invoice).aggregate(s=Sum("amount_mad"))["s"]
        assert paid == Decimal("1200.00"), outcomes
        credit = ClientCredit.objects.filter(online_payment=order).aggregate(s=Sum("amount_mad"))
        if outcomes["typed"]:  # typed first: the card paid the 200 left, 1 000 kept as credit
            assert credit["s"] == Decimal("1000.00")
        else:  # the card first: the typed payment is refused
            assert outcomes["refused overpaid"] == 1 and credit["s"] is None


def test_control_without_the_invoice_lock_the_race_overshoots(cast, invoices, monkeypatch):
    """The control run: with billing's race guard off (check, pause, write, no lock), the
    same race records more than the invoice's total, so the test above is known to bite."""
    from technopark.billing.services import invoices as invoice_services

    monkeypatch.setattr(
        invoice_services, "GUARD", invoice_services.RaceGuard(serialise=False, pause_seconds=0.3)
    )
    invoice = invoices[0]
    order = services.online_payment_start(startup=cast.own, invoices=[invoice], by=cast.owner)
    params = _approved(order)

    def callback():
        services.online_payment_callback(params=params, provider=provider())
        return "card"

    def typed():
        billing.payment_record(
            invoice=invoice, amount_mad=Decimal("1000"), paid_on=invoice.issued_on, by=None
        )
        return "typed"

    outcomes = _run([callback, typed])
    paid = Payment.objects.filter(invoice=invoice).aggregate(s=Sum("amount_mad"))["s"]
    assert paid > invoice.total_mad, outcomes
