"""What issue 27 left to close on the payments side: the managers' "today" item for the
transfers waiting in reconciliation; a client's credit applied to its open invoices."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.db.models import Sum
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from technopark.billing import services as billing
from technopark.billing.models import Payment
from technopark.core.errors import DomainError
from technopark.hosting import services as hosting_services
from technopark.hosting.models import Lease
from technopark.payments import services
from technopark.payments.nav import today_items
from technopark.payments.tests.conftest import issue
from technopark.payments.tests.test_statements import _import, invoices, mt940  # noqa: F401


def _request(user):
    request = RequestFactory().get("/")
    request.user = user
    return request


@pytest.mark.django_db
def test_managers_see_the_transfers_waiting_and_the_link_lists_as_many(cast, invoices):  # noqa: F811
    assert today_items(_request(cast.site_manager)) == []  # nothing waiting, nothing shown
    _import(
        cast,
        "mt940",
        mt940(
            [
                ("BK1", "1200,00", "VIR RECU FACTURE SA 2026 1"),  # recorded
                ("BK2", "1200,00", "VIREMENT OWN STARTUP LOYER"),  # proposed
                ("BK3", "777,00", "VIR RECU STE INCONNUE"),  # waiting
            ]
        ),
    )
    with CaptureQueriesContext(connection) as queries:
        (item,) = today_items(_request(cast.site_manager))
    assert len([q for q in queries if q["sql"].lstrip().upper().startswith("SELECT")]) <= 2
    assert item.count == 2
    assert item.url == f"/payments/{cast.site.code}/statements/"
    page = cast.client("site_manager").get(item.url).content.decode()
    listed = re.findall(r'<tr data-state="(proposed|unknown)"', page)
    assert len(listed) == item.count
    # the staff of another site and the founders are not told
    assert today_items(_request(cast.other_site_staff)) == []
    assert today_items(_request(cast.owner)) == []


def _credit(cast, paid, amount="1500.00"):
    """A credit of `amount` left by a transfer beyond the first invoice's balance."""
    from technopark.payments.models import ClientCredit

    return ClientCredit.objects.create(
        startup=cast.own, amount_mad=Decimal(amount), invoice=paid[0]
    )


@pytest.mark.django_db
def test_staff_apply_a_credit_in_one_click_never_beyond_the_balance_or_the_credit(
    cast,
    invoices,  # noqa: F811
):
    credit = _credit(cast, invoices)
    manager = cast.client("site_manager")
    page = manager.get(f"/payments/{cast.site.code}/statements/").content.decode()
    second, third = invoices[1], invoices[2]
    assert f"/payments/credits/{credit.pk}/apply/{second.pk}/" in page
    # 1 500,00 of credit: the second invoice takes its 1 200,00, the third what is left
    assert manager.post(f"/payments/credits/{credit.pk}/apply/{second.pk}/").status_code == 302
    assert manager.post(f"/payments/credits/{credit.pk}/apply/{third.pk}/").status_code == 302
    assert billing.invoice_balance(second) == 0
    assert billing.invoice_balance(third) == Decimal("900.00")
    assert services.credit_left(credit) == 0
    assert [u.amount_mad for u in credit.uses.order_by("pk")] == [
        Decimal("1200.00"),
        Decimal("300.00"),
    ]
    assert Payment.objects.get(pk=credit.uses.first().payment_id).recorded_by == cast.site_manager
    # spent: a third click records nothing
    before = Payment.objects.count()
    manager.post(f"/payments/credits/{credit.pk}/apply/{third.pk}/")
    assert Payment.objects.count() == before
    with pytest.raises(DomainError) as exc:
        services.credit_apply(credit=credit, invoice=third, by=cast.site_manager)
    assert exc.value.code == "credit_spent"
    # the founder sees its credit but does not apply it; another startup's founder sees nothing
    url = f"/payments/credits/{credit.pk}/apply/{third.pk}/"
    assert cast.client("owner").post(url).status_code == 403
    assert cast.client("other_member").post(url).status_code == 404
    assert cast.client("other_site_staff").post(url).status_code == 404


@pytest.mark.django_db
def test_a_credit_is_never_applied_to_another_clients_invoice(cast, invoices):  # noqa: F811
    from technopark.house.testing import SpaceFactory

    credit = _credit(cast, invoices, "100.00")
    lease = hosting_services.lease_create(
        site=cast.site,
        space=SpaceFactory(site=cast.site, code="A-777"),
        startup=cast.other,
        starts_on=dt.date(2026, 9, 1),
        planned_end=dt.date(2027, 9, 1),
        monthly_rent_mad=Decimal("500"),
        by=cast.site_manager,
    )
    hosting_services.lease_sign(lease=lease, signed_on=dt.date(2026, 8, 20), by=cast.site_manager)
    theirs = issue(lease, dt.date(2026, 10, 1), rent="500")
    with pytest.raises(DomainError) as exc:
        services.credit_apply(credit=credit, invoice=theirs, by=cast.site_manager)
    assert exc.value.code == "other_client"
    assert billing.invoice_balance(theirs) == theirs.total_mad


@pytest.mark.concurrency
@pytest.mark.django_db(transaction=True)
def test_two_applications_of_one_credit_at_once_spend_it_once(cast):
    from technopark.payments.tests.test_concurrency import _run

    lease = Lease.objects.get(space__code="A-101")
    first, second, third = (issue(lease, dt.date(2026, m, 1)) for m in (9, 10, 11))
    credit = _credit(cast, [first], "1000.00")  # less than either invoice's 1 200,00
    outcomes = _run(
        [
            lambda: (
                services.credit_apply(credit=credit, invoice=second, by=cast.site_manager)
                and "applied"
            ),
            lambda: (
                services.credit_apply(credit=credit, invoice=third, by=cast.site_manager)
                and "applied"
            ),
        ]
    )
    assert outcomes == {"applied": 1, "refused credit_spent": 1}
    assert services.credit_left(credit) == 0
    paid = Payment.objects.filter(invoice__in=[second, third]).aggregate(t=Sum("amount_mad"))
    assert paid["t"] == Decimal("1000.00")


def _paid_order(cast, to_pay):
    from technopark.payments.providers import provider
    from technopark.payments.tests.test_concurrency import _approved

    order = services.online_payment_start(startup=cast.own, invoices=to_pay, by=cast.owner)
    services.online_payment_callback(params=_approved(order), provider=provider())
    order.refresh_from_db()
    assert order.state == "paid"
    return order


@pytest.mark.django_db
def test_staff_mark_a_card_payment_refunded_and_the_invoices_reopen(cast, invoices):  # noqa: F811
    from technopark.billing.journal import journal_entries
    from technopark.billing.models import Invoice, PaymentReversal
    from technopark.core.clock import today

    order = _paid_order(cast, invoices[:2])
    assert [billing.invoice_balance(i) for i in invoices[:2]] == [0, 0]
    manager = cast.client("site_manager")
    page = manager.get(f"/payments/{cast.site.code}/statements/").content.decode()
    url = f"/payments/online/{order.pk}/refund/"
    assert url in page
    # without a reason, nothing changes
    assert manager.post(url, {"reason": "  "}).status_code == 302
    order.refresh_from_db()
    assert order.state == "paid" and not PaymentReversal.objects.exists()

    assert manager.post(url, {"reason": "Double paiement"}).status_code == 302
    order.refresh_from_db()
    assert order.state == "refunded"
    assert [billing.invoice_balance(i) for i in invoices[:2]] == [
        Decimal("1200.00"),
        Decimal("1200.00"),
    ]
    reversals = list(PaymentReversal.objects.order_by("pk"))
    assert [(r.amount_mad, r.reason, r.reversed_by) for r in reversals] == [
        (Decimal("1200.00"), "Double paiement", cast.site_manager)
    ] * 2
    # the open invoices list sees the balance too (the annotated definition)
    from technopark.billing.selectors import invoices_with_balance

    balances = invoices_with_balance(Invoice.objects.filter(pk__in=[i.pk for i in invoices[:2]]))
    assert {i.balance_mad for i in balances} == {Decimal("1200.00")}
    # the journal gives the money back: clients debited, bank credited, balanced
    day = today()
    back = [
        e for e in journal_entries(Invoice.objects.all(), day, day) if e.piece.startswith("REM-")
    ]
    assert sum(e.debit for e in back) == sum(e.credit for e in back) == Decimal("2400.00")
    # a second refund changes nothing
    with pytest.raises(DomainError) as exc:
        services.online_payment_refund(order=order, reason="encore", by=cast.site_manager)
    assert exc.value.code == "not_paid"
    assert PaymentReversal.objects.count() == 2
    # the founder sees its payment but does not refund it; others do not see it
    assert cast.client("owner").post(url, {"reason": "x"}).status_code == 403
    assert cast.client("other_member").post(url, {"reason": "x"}).status_code == 404
    assert cast.client("other_site_staff").post(url, {"reason": "x"}).status_code == 404
