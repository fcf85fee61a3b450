"""A settled invoice has its receipt ("quittance") as a PDF in French and in Arabic, linked
from the invoice page; an invoice with something left to pay has none."""

from __future__ import annotations

import datetime as dt
import io
import re
from decimal import Decimal

import pytest
from pypdf import PdfReader

from technopark.billing import services
from technopark.hosting import services as hosting_services
from technopark.hosting.models import Lease

D = dt.date
ARABIC = re.compile(r"[\u0600-\u06FF\uFB50-\uFDFF\uFE70-\uFEFF]")


@pytest.fixture
def invoice(cast):
    lease = Lease.objects.get(space__code="A-101")
    lease.monthly_rent_mad = Decimal("1370")  # 1 644,00 MAD incl. VAT
    lease.save()
    return hosting_services.invoice_issue(
        lease=lease, month=D(2026, 10, 1), issued_on=D(2026, 10, 1), send=False
    )


def _text(response) -> str:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(page.extract_text() for page in reader.pages)
    return re.sub(r"\s+", " ", text.replace("\u202f", " ").replace("\xa0", " "))


def _settle(invoice, by):
    services.payment_record(
        invoice=invoice,
        amount_mad=Decimal("1000"),
        paid_on=D(2026, 10, 5),
        reference="VIR-778",
        by=by,
    )
    services.payment_record(
        invoice=invoice,
        amount_mad=Decimal("644"),
        paid_on=D(2026, 10, 20),
        method="cheque",
        reference="CHQ-12",
        by=by,
    )


def test_an_invoice_left_to_pay_has_no_receipt(cast, invoice):
    owner = cast.client("owner")
    url = f"/billing/invoices/{invoice.pk}/receipt/"
    assert owner.get(url).status_code == 404
    services.payment_record(
        invoice=invoice, amount_mad=Decimal("1000"), paid_on=D(2026, 10, 5), by=cast.site_manager
    )
    assert owner.get(url).status_code == 404  # paid in part: still no receipt
    page = owner.get(f"/billing/invoices/{invoice.pk}/").content.decode()
    assert url not in page


def test_the_french_receipt_names_the_invoice_the_payments_and_the_amount(cast, invoice):
    _settle(invoice, cast.site_manager)
    page = cast.client("owner").get(f"/billing/invoices/{invoice.pk}/").content.decode()
    url = f"/billing/invoices/{invoice.pk}/receipt/"
    assert f"{url}?lang=fr" in page and f"{url}?lang=ar" in page
    text = _text(cast.client("owner").get(url, {"lang": "fr"}))
    assert "Q-SA-2026-00001" in text
    assert "SA-2026-00001" in text and "Own Startup" in text
    assert "1 000,00" in text and "644,00" in text and "1 644,00" in text
    assert "05/10/2026" in text and "20/10/2026" in text  # each payment, dd/mm/yyyy
    assert "VIR-778" in text and "CHQ-12" in text
    assert "mille six cent quarante-quatre dirhams" in text  # the amount in French words


def test_the_arabic_receipt_is_written_in_arabic(cast, invoice):
    _settle(invoice, cast.site_manager)
    text = _text(
        cast.client("site_manager").get(f"/billing/invoices/{invoice.pk}/receipt/?lang=ar")
    )
    assert "Q-SA-2026-00001" in text
    assert "20/10/2026" in text
    assert len(ARABIC.findall(text)) > 20  # the amount in Arabic words at least
    assert "mille" not in text


def test_the_receipt_is_the_clients_and_its_sites_only(cast, invoice):
    _settle(invoice, cast.site_manager)
    url = f"/billing/invoices/{invoice.pk}/receipt/?lang=fr"
    assert cast.client("other_member").get(url).status_code == 404
    assert cast.client("other_site_staff").get(url).status_code == 404
    assert (
        cast.client("owner").get(f"/billing/invoices/{invoice.pk}/receipt/?lang=de").status_code
        == 404
    )
