"""An invoice or a credit note in French (the default, the legal copy) or translated into
Arabic or English (`?lang=`): the Arabic copy names the site in Arabic and keeps the
operator's Latin address and ICE in their order (text extracted from the PDF); the page
links each language, the reader's first; the e-mail attaches the French and links the
recipient's copy."""

from __future__ import annotations

import datetime as dt
import io
import re
from decimal import Decimal

import pytest
from django.core import mail
from pypdf import PdfReader

from technopark.billing import services
from technopark.hosting import services as hosting_services
from technopark.hosting.models import Lease
from technopark.network.models import Operator

D = dt.date
ADDRESS = "Route de Nouaceur, angle RS 114 et CT 1029, Casablanca"
ICE = "001525687000089"
SITE_AR = "تكنوبارك الدار البيضاء"


@pytest.fixture
def lease(cast):
    Operator.objects.filter(pk=cast.site.operator_id).update(address=ADDRESS, ice=ICE, rc="123457")
    cast.site.name_ar = SITE_AR
    cast.site.save(update_fields=["name_ar"])
    lease = Lease.objects.get(space__code="A-101")
    lease.monthly_rent_mad = Decimal("1370")  # 1 644,00 MAD incl. VAT
    lease.save()
    return lease


@pytest.fixture
def invoice(lease):
    return hosting_services.invoice_issue(
        lease=lease, month=D(2026, 10, 1), issued_on=D(2026, 10, 1), send=False
    )


def _text(response) -> str:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    pages = PdfReader(io.BytesIO(response.content)).pages
    text = "\n".join(page.extract_text() for page in pages)
    return re.sub(r"\s+", " ", text.replace("\u202f", " ").replace("\xa0", " "))


def test_the_arabic_invoice_names_the_site_in_arabic_and_keeps_the_latin_in_order(cast, invoice):
    response = cast.client("owner").get(f"/billing/invoices/{invoice.pk}/pdf/?lang=ar")
    text = _text(response)
    assert SITE_AR in text
    assert ADDRESS in text
    assert ICE in text
    assert invoice.reference in text
    assert "1 644,00" in text  # the amount's digit groups keep their order
    assert "Arrêtée la présente facture" not in text  # the French legal sentence is not there
    assert f"facture-{invoice.reference}-ar.pdf" in response["Content-Disposition"]


def test_french_is_the_default_and_names_the_site_in_french(cast, invoice):
    response = cast.client("owner").get(f"/billing/invoices/{invoice.pk}/pdf/")
    text = _text(response)
    assert "Arrêtée la présente facture" in text
    assert cast.site.name_fr in text
    assert SITE_AR not in text
    assert ADDRESS in text
    assert f'filename="facture-{invoice.reference}.pdf"' in response["Content-Disposition"]


def test_the_arabic_credit_note_names_the_site_in_arabic(cast, invoice):
    note = services.credit_note_issue(
        invoice=invoice, issued_on=D(2026, 10, 2), reason="Erreur", by=None, send=False
    )
    text = _text(cast.client("site_manager").get(f"/billing/credit-notes/{note.pk}/pdf/?lang=ar"))
    assert SITE_AR in text and ADDRESS in text and note.reference in text
    french = _text(cast.client("site_manager").get(f"/billing/credit-notes/{note.pk}/pdf/"))
    assert "Arrêté le présent avoir" in french and SITE_AR not in french


def test_another_startups_founder_gets_404_in_every_language(cast, invoice):
    other = cast.client("other_member")
    url = f"/billing/invoices/{invoice.pk}/pdf/"
    for lang in ("", "fr", "ar", "en", "de"):
        assert other.get(url, {"lang": lang} if lang else {}).status_code == 404
    assert cast.client("owner").get(url, {"lang": "de"}).status_code == 404


def test_the_invoice_page_links_each_language_the_readers_first(cast, invoice):
    url = f"/billing/invoices/{invoice.pk}/"
    pdf = f"/billing/invoices/{invoice.pk}/pdf/"
    page = cast.client("owner").get(url).content.decode()
    assert page.index(f"{pdf}?lang=fr") < page.index(f"{pdf}?lang=ar")
    cast.owner.language = "ar"
    cast.owner.save(update_fields=["language"])
    page = cast.client("owner").get(url).content.decode()
    assert page.index(f"{pdf}?lang=ar") < page.index(f"{pdf}?lang=fr")
    staff = cast.client("site_manager").get(url).content.decode()
    assert f"{pdf}?lang=fr" in staff and f"{pdf}?lang=ar" in staff


def test_the_mail_attaches_the_french_and_links_the_arabic_copy(
    cast, lease, django_capture_on_commit_callbacks
):
    cast.owner.language = "ar"
    cast.owner.save(update_fields=["language"])
    with django_capture_on_commit_callbacks(execute=True):
        invoice = hosting_services.invoice_issue(
            lease=lease, month=D(2026, 10, 1), issued_on=D(2026, 10, 1)
        )
    by_address = {m.to[0]: m for m in mail.outbox}
    arabic = by_address["owner@example.ma"]
    name, content, _mimetype = arabic.attachments[0]
    assert name == f"facture-{invoice.reference}.pdf"  # the legal French copy
    assert "Arrêtée la présente facture" in _text_of(content)
    assert f"/billing/invoices/{invoice.pk}/pdf/?lang=ar" in arabic.body
    cast.owner.language = "fr"  # a founder who reads French: the attachment is their copy
    cast.owner.save(update_fields=["language"])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        hosting_services.invoice_issue(lease=lease, month=D(2026, 11, 1), issued_on=D(2026, 11, 1))
    french = next(m for m in mail.outbox if m.to[0] == "owner@example.ma")
    assert french.attachments[0][0].startswith("facture-")
    assert "?lang=" not in french.body


def _text_of(content: bytes) -> str:
    pages = PdfReader(io.BytesIO(content)).pages
    return " ".join(" ".join(page.extract_text() for page in pages).split())
