"""Rent invoices: amounts, Moroccan mentions, numbering without gaps, payments, arrears,
the PDF, the command and the daily job, and who sees which invoice."""

from __future__ import annotations

import datetime as dt
import threading
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connections, transaction

from technopark.billing import services
from technopark.billing.models import Invoice
from technopark.billing.selectors import arrears
from technopark.core.errors import DomainError
from technopark.hosting import services as hosting_services
from technopark.hosting.daily import daily
from technopark.hosting.models import Lease
from technopark.house.testing import SpaceFactory, StartupFactory
from technopark.network.models import Operator

D = dt.date


@pytest.fixture
def issuer(cast):
    Operator.objects.filter(pk=cast.site.operator_id).update(
        ice="001525687000089",
        tax_id="40215378",
        rc="123457",
        rc_court="Casablanca",
        tp="35790123",
        address="Route de Nouaceur, Casablanca",
    )
    cast.site.refresh_from_db()


@pytest.fixture
def lease(cast, issuer):
    cast.own.ice = "002345678000012"
    cast.own.save()
    lease = Lease.objects.get(space__code="A-101")
    lease.rent_per_m2_mad = Decimal("62.50")  # 20 m² → 1 250,00
    lease.charges_mad = Decimal("120")
    lease.save()
    return lease


def test_amounts_and_mentions(lease):
    invoice = hosting_services.invoice_issue(
        lease=lease, month=D(2026, 10, 1), issued_on=D(2026, 10, 1)
    )
    assert invoice.rent_mad == Decimal("1250.00")
    assert invoice.charges_mad == Decimal("120.00")
    assert invoice.vat_mad == Decimal("274.00")
    assert invoice.total_mad == Decimal("1644.00")
    assert invoice.reference == "SA-2026-00001"
    assert invoice.due_on == D(2026, 10, 31)
    assert (invoice.issuer_ice, invoice.issuer_if, invoice.issuer_rc, invoice.issuer_tp) == (
        "001525687000089",
        "40215378",
        "123457",
        "35790123",
    )
    assert invoice.client_ice == "002345678000012"


def test_a_partial_month_is_pro_rata(cast, lease):
    hosting_services.lease_end(lease=lease, ended_on=D(2026, 11, 16), by=cast.site_manager)
    invoice = hosting_services.invoice_issue(
        lease=lease, month=D(2026, 11, 1), issued_on=D(2026, 11, 1)
    )
    assert invoice.rent_mad == Decimal("625.00")  # 15 of 30 days
    with pytest.raises(DomainError):
        hosting_services.invoice_issue(lease=lease, month=D(2026, 12, 1), issued_on=D(2026, 12, 1))


def test_numbers_follow_per_site_and_year_and_issuing_is_idempotent(cast, lease):
    other_space = SpaceFactory(site=cast.site, code="A-150")
    second = Lease.objects.create(
        site=cast.site,
        space=other_space,
        startup=cast.other,
        starts_on=D(2025, 1, 1),
        monthly_rent_mad=Decimal("2000"),
    )
    elsewhere = Lease.objects.create(
        site=cast.other_site,
        space=SpaceFactory(site=cast.other_site, code="B-1"),
        startup=cast.other,
        starts_on=D(2025, 1, 1),
        monthly_rent_mad=Decimal("900"),
    )
    result = hosting_services.invoices_issue_month(month=D(2026, 11, 1), issued_on=D(2026, 11, 1))
    assert len(result.created) == 3
    again = hosting_services.invoices_issue_month(month=D(2026, 11, 1), issued_on=D(2026, 11, 2))
    assert (len(again.created), again.existing) == (0, 3)
    dec = hosting_services.invoices_issue_month(month=D(2026, 12, 1), issued_on=D(2026, 12, 1))
    jan = hosting_services.invoices_issue_month(month=D(2027, 1, 1), issued_on=D(2027, 1, 1))
    assert len(dec.created) == len(jan.created) == 3
    site_a = Invoice.objects.filter(site=cast.site)
    assert sorted(site_a.filter(year=2026).values_list("number", flat=True)) == [1, 2, 3, 4]
    assert sorted(site_a.filter(year=2027).values_list("number", flat=True)) == [1, 2]
    numbers = Invoice.objects.filter(lease=elsewhere).order_by("period")
    # its own site's sequence, restarting in 2027
    assert list(numbers.values_list("number", flat=True)) == [1, 2, 1]
    assert second.invoices.count() == 3


def test_a_rolled_back_invoice_gives_its_number_back(cast, lease):
    with pytest.raises(RuntimeError), transaction.atomic():
        hosting_services.invoice_issue(lease=lease, month=D(2026, 10, 1), issued_on=D(2026, 10, 1))
        raise RuntimeError("the printer caught fire")
    invoice = hosting_services.invoice_issue(
        lease=lease, month=D(2026, 10, 1), issued_on=D(2026, 10, 1)
    )
    assert invoice.number == 1


def test_payments_partial_overpaid_and_arrears(cast, lease):
    invoice = hosting_services.invoice_issue(
        lease=lease, month=D(2026, 9, 1), issued_on=D(2026, 9, 1)
    )
    services.payment_record(
        invoice=invoice, amount_mad=Decimal("1000"), paid_on=D(2026, 9, 20), by=cast.site_manager
    )
    with pytest.raises(DomainError) as exc:
        services.payment_record(
            invoice=invoice, amount_mad=Decimal("700"), paid_on=D(2026, 9, 21), by=cast.site_manager
        )
    assert exc.value.code == "overpaid"
    late = arrears(Invoice.objects.filter(site=cast.site), D(2026, 11, 1))
    assert [(a.startup_name, a.due_mad, a.invoices) for a in late] == [
        ("Own Startup", Decimal("644.00"), 1)
    ]
    assert arrears(Invoice.objects.all(), D(2026, 9, 30)) == []  # not yet due
    services.payment_record(
        invoice=invoice, amount_mad=Decimal("644"), paid_on=D(2026, 10, 2), by=cast.site_manager
    )
    assert arrears(Invoice.objects.all(), D(2026, 11, 1)) == []


def test_invoice_page_and_pdf(cast, lease):
    invoice = hosting_services.invoice_issue(
        lease=lease, month=D(2026, 10, 1), issued_on=D(2026, 10, 1)
    )
    html = cast.client("owner").get(f"/billing/invoices/{invoice.pk}/").content.decode()
    for mention in (
        "001525687000089",
        "40215378",
        "123457",
        "Casablanca",
        "35790123",
        "002345678000012",
        "SA-2026-00001",
        "01/10/2026",
    ):
        assert mention in html
    assert "1\u202f644,00" in html  # French grouping, comma decimals
    pdf = cast.client("owner").get(f"/billing/invoices/{invoice.pk}/pdf/")
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert len(pdf.content) > 3000


def test_members_see_only_their_own_invoices(cast, lease):
    mine = hosting_services.invoice_issue(
        lease=lease, month=D(2026, 10, 1), issued_on=D(2026, 10, 1)
    )
    other_lease = Lease.objects.create(
        site=cast.site,
        space=SpaceFactory(site=cast.site, code="A-160"),
        startup=cast.other,
        starts_on=D(2025, 1, 1),
        monthly_rent_mad=Decimal("1000"),
    )
    theirs = hosting_services.invoice_issue(
        lease=other_lease, month=D(2026, 10, 1), issued_on=D(2026, 10, 1)
    )
    owner = cast.client("owner")
    page = owner.get(f"/hosting/startup/{cast.own.ref}/invoices/").content.decode()
    assert mine.reference in page and theirs.reference not in page
    assert owner.get(f"/billing/invoices/{theirs.pk}/").status_code == 404
    assert owner.get(f"/billing/invoices/{theirs.pk}/pdf/").status_code == 404
    assert cast.client("other_member").get(f"/billing/invoices/{mine.pk}/pdf/").status_code == 404
    assert owner.get(f"/hosting/startup/{cast.other.ref}/invoices/").status_code == 404


def test_command_and_daily_job_issue_the_month(cast, lease, capsys):
    call_command("invoices-issue", "--month", "2026-10", "--issued-on", "2026-10-01")
    call_command("invoices-issue", "--month", "2026-10")
    out = capsys.readouterr().out
    assert "1 invoice(s) issued" in out and "1 already issued" in out
    assert "invoice(s) issued" not in daily(D(2026, 11, 2))
    assert "1 invoice(s) issued" in daily(D(2026, 11, 1))
    assert Invoice.objects.count() == 2


def test_no_issuer_no_invoice(cast):
    cast.site.operator = None
    cast.site.save()
    lease = Lease.objects.get(space__code="A-101")
    lease.monthly_rent_mad = Decimal("1000")
    lease.save()
    with pytest.raises(DomainError) as exc:
        hosting_services.invoice_issue(lease=lease, month=D(2026, 10, 1), issued_on=D(2026, 10, 1))
    assert exc.value.code == "no_issuer"
    assert not Invoice.objects.exists()


@pytest.mark.concurrency
@pytest.mark.django_db(transaction=True)
def test_concurrent_issuing_gives_numbers_without_gaps_or_duplicates(cast, issuer):
    """20 threads each issue one contract's invoice at once: numbers 1..20, each once."""
    leases = []
    for i in range(20):
        leases.append(
            Lease.objects.create(
                site=cast.site,
                space=SpaceFactory(site=cast.site, code=f"C-{i:02d}"),
                startup=StartupFactory(),
                starts_on=D(2025, 1, 1),
                monthly_rent_mad=Decimal("1000"),
            )
        )
    barrier = threading.Barrier(len(leases))
    errors = []

    def issue(lease):
        try:
            barrier.wait()
            hosting_services.invoice_issue(
                lease=lease, month=D(2026, 10, 1), issued_on=D(2026, 10, 1)
            )
        except Exception as exc:  # noqa: BLE001
            errors.append(repr(exc))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=issue, args=(lease,)) for lease in leases]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not errors
    numbers = sorted(Invoice.objects.filter(site=cast.site).values_list("number", flat=True))
    assert numbers == list(range(1, 21))


def test_the_rent_line_reads_in_french_whatever_the_page_language(lease):
    from django.utils import translation

    from technopark.network.models import Space

    Space.objects.filter(pk=lease.space_id).update(area_m2=Decimal("19.50"))
    lease.refresh_from_db()
    lease.rent_per_m2_mad = Decimal("62.50")
    lease.save()
    with translation.override("ar"):
        invoice = hosting_services.invoice_issue(
            lease=lease, month=D(2026, 10, 1), issued_on=D(2026, 10, 1)
        )
    rent = invoice.lines.order_by("pk").first()
    assert rent.label == "Loyer 10/2026 · A-101 · Bureau · 19,5 m²"
