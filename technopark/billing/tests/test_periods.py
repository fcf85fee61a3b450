"""The accountant's journal: each client on its own auxiliary account of its operator's
plan (the CGNC by default), and a closed period that nothing changes any more, refused by
the service with a translated message and by the database on any other path."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from unittest import mock

import pytest
from django.db import DatabaseError, IntegrityError, transaction

from technopark.billing import services
from technopark.billing.journal import journal_csv, journal_entries
from technopark.billing.models import AccountPlan, CreditNote, Invoice, Payment, PeriodClose
from technopark.core.errors import DomainError
from technopark.hosting import services as hosting_services
from technopark.hosting.models import Lease

D = dt.date
TODAY = D(2026, 12, 7)


@pytest.fixture(autouse=True)
def today():
    with mock.patch("technopark.core.clock.today", return_value=TODAY):
        yield


@pytest.fixture
def october(cast):
    lease = Lease.objects.get(space__code="A-101")
    lease.monthly_rent_mad = Decimal("1370")  # 1 644,00 incl. VAT
    lease.save()
    return hosting_services.invoice_issue(
        lease=lease, month=D(2026, 10, 1), issued_on=D(2026, 10, 1), send=False
    )


def test_each_client_is_posted_to_its_own_auxiliary_account_of_the_cgnc(cast, october):
    services.payment_record(
        invoice=october, amount_mad=Decimal("644"), paid_on=D(2026, 10, 9), by=None
    )
    entries = journal_entries(Invoice.objects.all(), D(2026, 10, 1), D(2026, 10, 31))
    client = f"3421{cast.own.pk:04d}"
    assert {e.account for e in entries} == {client, "71270000", "44550000", "51410000"}
    # the operator sets its own plan: its accounts, the same auxiliary rule
    AccountPlan.objects.create(
        operator=cast.site.operator, account_clients="41100000", account_bank="51200000"
    )
    entries = journal_entries(Invoice.objects.all(), D(2026, 10, 1), D(2026, 10, 31))
    assert f"4110{cast.own.pk:04d}" in {e.account for e in entries}
    assert "51200000" in {e.account for e in entries}
    text = journal_csv(entries)
    assert text.startswith("\ufeffDate;Journal;")  # UTF-8 with BOM, semicolons
    assert ";1644,00;0,00;" in text and ";644,00;" in text  # decimal comma


def test_a_closed_period_refuses_invoices_payments_and_credit_notes(cast, october):
    manager = cast.site_manager
    services.period_close(site=cast.site, closed_until=D(2026, 10, 31), by=manager)
    with pytest.raises(DomainError) as refused:
        services.payment_record(
            invoice=october, amount_mad=Decimal("100"), paid_on=D(2026, 10, 20), by=manager
        )
    assert refused.value.code == "period_closed" and "31/10/2026" in refused.value.message
    with pytest.raises(DomainError) as refused:
        services.credit_note_issue(
            invoice=october, issued_on=D(2026, 10, 30), reason="Geste", by=manager
        )
    assert refused.value.code == "period_closed"
    lease = Lease.objects.get(space__code="A-101")
    with pytest.raises(DomainError):  # an invoice dated in the closed month
        hosting_services.invoice_issue(
            lease=lease, month=D(2026, 11, 1), issued_on=D(2026, 10, 31), send=False
        )
    assert Payment.objects.count() == 0 and CreditNote.objects.count() == 0
    assert Invoice.objects.count() == 1
    # after the closed day, life goes on
    services.payment_record(
        invoice=october, amount_mad=Decimal("100"), paid_on=D(2026, 11, 2), by=manager
    )
    assert services.invoice_balance(october) == Decimal("1544.00")


def test_the_database_refuses_a_write_in_a_closed_period_on_any_other_path(cast, october):
    paid = Payment.objects.create(
        invoice=october, amount_mad=Decimal("100"), paid_on=D(2026, 10, 20)
    )
    PeriodClose.objects.create(site=cast.site, closed_until=D(2026, 10, 31))
    with pytest.raises((IntegrityError, DatabaseError)), transaction.atomic():
        Payment.objects.create(invoice=october, amount_mad=Decimal("5"), paid_on=D(2026, 10, 2))
    with pytest.raises((IntegrityError, DatabaseError)), transaction.atomic():
        Payment.objects.filter(pk=paid.pk).update(amount_mad=Decimal("1"))
    with pytest.raises((IntegrityError, DatabaseError)), transaction.atomic():
        Payment.objects.filter(pk=paid.pk).update(paid_on=D(2026, 11, 5))  # out of the period
    with pytest.raises((IntegrityError, DatabaseError)), transaction.atomic():
        CreditNote.objects.create(
            site=cast.site,
            invoice=october,
            year=2026,
            number=1,
            issued_on=D(2026, 10, 15),
            reason="x",
            amount_excl_mad=Decimal("1"),
            vat_mad=Decimal("0"),
            total_mad=Decimal("1"),
        )
    # a closing never moves back and is never edited
    with pytest.raises((IntegrityError, DatabaseError)), transaction.atomic():
        PeriodClose.objects.create(site=cast.site, closed_until=D(2026, 9, 30))
    with pytest.raises((IntegrityError, DatabaseError)), transaction.atomic():
        PeriodClose.objects.filter(site=cast.site).update(closed_until=D(2026, 9, 30))
    assert Payment.objects.get(pk=paid.pk).amount_mad == Decimal("100")


def test_a_closing_only_moves_forward_and_never_reaches_today(cast):
    manager = cast.site_manager
    with pytest.raises(DomainError) as refused:
        services.period_close(site=cast.site, closed_until=TODAY, by=manager)
    assert refused.value.code == "bad_date"
    services.period_close(site=cast.site, closed_until=D(2026, 10, 31), by=manager)
    with pytest.raises(DomainError) as refused:
        services.period_close(site=cast.site, closed_until=D(2026, 9, 30), by=manager)
    assert refused.value.code == "already_closed"
    assert services.closed_until(cast.site) == D(2026, 10, 31)
    assert services.closed_until(cast.other_site) is None  # one site's books only


def test_the_manager_closes_the_books_from_the_journal_page(cast, october):
    manager = cast.client("site_manager")
    response = manager.post("/billing/SA/journal/close/", {"closed_until": "2026-10-31"})
    assert response.status_code == 302 and response.url == "/billing/SA/journal/"
    assert services.closed_until(cast.site) == D(2026, 10, 31)
    page = manager.get("/billing/SA/journal/").content.decode()
    assert "31/10/2026" in page
    # a bad date changes nothing
    manager.post("/billing/SA/journal/close/", {"closed_until": "2026-13-40"})
    assert PeriodClose.objects.count() == 1
    # the payment form on a closed day is refused with the page's message, nothing saved
    manager.post(
        f"/billing/invoices/{october.pk}/pay/",
        {"amount_mad": "100", "paid_on": "2026-10-15", "method": "transfer"},
    )
    assert not Payment.objects.exists()
