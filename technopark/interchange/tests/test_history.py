"""History: the records a park kept before the platform, brought in from its workbooks.

Invoices issued before the platform keep their own number as printed, outside the
platform's gapless series, and are never edited after; all or nothing, as any import.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core import mail
from django.db import DatabaseError, transaction

from technopark.billing.models import HistoricalInvoice, Invoice, InvoiceCounter
from technopark.billing.selectors import arrears_by_age
from technopark.interchange.importer import import_path
from technopark.interchange.tests.helpers import where, write
from technopark.interchange.tests.workbooks import workbook

pytestmark = pytest.mark.django_db

INVOICE_HEADER = [
    "N° facture",
    "Site",
    "Startup",
    "Date facture",
    "Échéance",
    "Montant TTC",
    "Montant réglé",
    "Statut",
]
INVOICES = [
    ["F-2019/041", "CASA", "S1", "15/01/2019", "15/02/2019", "12 000,00 DH", "12 000", "Payée"],
    ["F-2019/042", "CASA", "S2", dt.datetime(2019, 3, 1), "31/03/2019", "8 400 MAD", None,
     "Impayée"],
    ["2020-117", "CASA", "S1", "2/1/2020", "1/2/2020", "3 600,50", "1 000",
     "Partiellement payée"],
]  # fmt: skip


@pytest.fixture
def network(tmp_path):
    """The network already in the database: site CASA, startups S1 to S3."""
    assert import_path(write(tmp_path / "base")).ok


def _invoices_book(path, rows=None):
    return workbook(
        path,
        {
            "Factures antérieures": [
                ["Historique de facturation — Technopark Casablanca (2019-2020)"],
                [],
                INVOICE_HEADER,
                *(INVOICES if rows is None else rows),
            ]
        },
    )


def test_invoices_before_the_platform_keep_their_numbers_outside_the_series(tmp_path, network):
    counters = InvoiceCounter.objects.count()
    report = import_path(_invoices_book(tmp_path / "factures.xlsx"), guess=True)
    assert report.ok, report.errors
    kept = {h.number: h for h in HistoricalInvoice.objects.select_related("site", "startup")}
    assert set(kept) == {"F-2019/041", "F-2019/042", "2020-117"}
    paid, unpaid, partly = kept["F-2019/041"], kept["F-2019/042"], kept["2020-117"]
    assert (paid.site.code, paid.startup.ref, paid.issued_on, paid.due_on) == (
        "CASA",
        "S1",
        dt.date(2019, 1, 15),
        dt.date(2019, 2, 15),
    )
    assert (paid.total_mad, paid.paid_mad, paid.status) == (Decimal("12000"), 12000, "paid")
    assert (unpaid.total_mad, unpaid.paid_mad, unpaid.status) == (Decimal("8400"), 0, "unpaid")
    assert (partly.total_mad, partly.paid_mad) == (Decimal("3600.50"), Decimal("1000"))
    assert partly.balance_due == Decimal("2600.50")
    # Nothing entered the platform's gapless series, nothing was sent to anyone.
    assert not Invoice.objects.exists()
    assert InvoiceCounter.objects.count() == counters
    assert mail.outbox == []
    assert report.counts["historical_invoices"].created == 3


def test_an_invoice_number_given_twice_for_a_site_is_refused_and_nothing_is_written(
    tmp_path, network
):
    rows = [*INVOICES, ["F-2019/041", "CASA", "S3", "20/01/2019", None, "500", None, None]]
    report = import_path(_invoices_book(tmp_path / "twice.xlsx", rows), guess=True)
    assert ("Factures antérieures", 7, "N° facture") in where(report)
    assert not HistoricalInvoice.objects.exists()


def test_an_invoice_already_brought_in_is_refused_on_a_second_upload(tmp_path, network):
    assert import_path(_invoices_book(tmp_path / "first.xlsx"), guess=True).ok
    rows = [["F-2019/099", "CASA", "S3", "20/05/2019", None, "500", None, None], INVOICES[1]]
    report = import_path(_invoices_book(tmp_path / "again.xlsx", rows), guess=True)
    assert where(report) == {("Factures antérieures", 5, "N° facture")}
    assert not HistoricalInvoice.objects.filter(number="F-2019/099").exists()
    assert HistoricalInvoice.objects.get(number="F-2019/042").startup.ref == "S2"


@pytest.mark.parametrize(
    ("row", "column"),
    [
        (["F-1", "CASA", "S1", "15/01/2019", None, "1 000", "1 200", None], "Montant réglé"),
        (["F-1", "CASA", "S1", "15/01/2019", None, "1 000", "400", "Payée"], "Statut"),
        (["F-1", "CASA", "S1", "15/01/2019", None, "1 000", None, "Partiellement payée"],
         "Montant réglé"),
        (["F-1", "CASA", "S1", "15/01/2019", "01/01/2019", "1 000", None, None], "Échéance"),
        (["F-1", "RABAT", "S1", "15/01/2019", None, "1 000", None, None], "Site"),
        (["F-1", "CASA", "NOPE", "15/01/2019", None, "1 000", None, None], "Startup"),
    ],
)  # fmt: skip
def test_a_wrong_invoice_row_names_its_column_and_changes_nothing(tmp_path, network, row, column):
    report = import_path(_invoices_book(tmp_path / "wrong.xlsx", [INVOICES[0], row]), guess=True)
    assert where(report) == {("Factures antérieures", 5, column)}
    assert not HistoricalInvoice.objects.exists()


def test_a_cancelled_invoice_owes_nothing(tmp_path, network):
    rows = [["F-2019/050", "CASA", "S1", "15/01/2019", None, "2 000", None, "Annulée"]]
    assert import_path(_invoices_book(tmp_path / "annulee.xlsx", rows), guess=True).ok
    cancelled = HistoricalInvoice.objects.get()
    assert (cancelled.status, cancelled.balance_due) == ("cancelled", 0)


def test_the_database_refuses_to_edit_an_invoice_before_the_platform(tmp_path, network):
    assert import_path(_invoices_book(tmp_path / "factures.xlsx"), guess=True).ok
    with pytest.raises(DatabaseError), transaction.atomic():
        HistoricalInvoice.objects.filter(number="F-2019/042").update(paid_mad=8400, status="paid")
    assert HistoricalInvoice.objects.get(number="F-2019/042").paid_mad == 0


def test_the_database_refuses_a_paid_amount_above_the_total(tmp_path, network):
    from technopark.network.models import Site
    from technopark.startups.models import Startup

    with pytest.raises(DatabaseError), transaction.atomic():
        HistoricalInvoice.objects.create(
            site=Site.objects.get(code="CASA"),
            startup=Startup.objects.get(ref="S1"),
            number="X-1",
            issued_on=dt.date(2019, 1, 1),
            due_on=dt.date(2019, 1, 31),
            total_mad=100,
            paid_mad=150,
            status="paid",
        )


def test_unpaid_invoices_before_the_platform_count_in_the_arrears(tmp_path, network):
    assert import_path(_invoices_book(tmp_path / "factures.xlsx"), guess=True).ok
    rows = arrears_by_age(
        Invoice.objects.all(), dt.date(2026, 12, 7), historical=HistoricalInvoice.objects.all()
    )
    owed = {r.startup_ref: (r.total, r.before_platform) for r in rows}
    assert owed == {
        "S2": (Decimal("8400"), Decimal("8400")),
        "S1": (Decimal("2600.50"), Decimal("2600.50")),
    }
    assert all(r.buckets["90+"] == r.total for r in rows)


def test_a_status_the_amounts_contradict_is_named_in_the_readers_words(tmp_path, network):
    from django.utils import translation

    row = ["F-1", "CASA", "S1", "15/01/2019", None, "1 000", "400", "Payée"]
    with translation.override("fr"):
        report = import_path(_invoices_book(tmp_path / "statut.xlsx", [row]), guess=True)
    [error] = report.errors
    assert (error.table, error.line, error.column) == ("Factures antérieures", 4, "Statut")
    assert "paid" not in error.message.split()  # the status in words, never its code
