"""The PDFs of invoices and credit notes: legal documents, always in French."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from technopark.billing.amounts import (
    amount_in_words,
    amount_in_words_ar,
    credit_note_total_sentence,
    invoice_total_sentence,
)
from technopark.billing.models import CreditNote, Invoice


def _pdf(template: str, context: dict, lang: str = "fr") -> bytes:
    from weasyprint import HTML

    with translation.override(lang):
        html = render_to_string(template, context)
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()


def invoice_context(invoice: Invoice) -> dict:
    return {
        "invoice": invoice,
        "lines": list(invoice.lines.all()),
        "balance": invoice.balance_due,
        "credit_notes": list(invoice.credit_notes.all()),
        "in_words": invoice_total_sentence(invoice.total_mad),
    }


def invoice_pdf(invoice: Invoice) -> bytes:
    return _pdf("billing/invoice_pdf.html", invoice_context(invoice))


def credit_note_context(note: CreditNote) -> dict:
    return {
        "note": note,
        "invoice": note.invoice,
        "in_words": credit_note_total_sentence(note.total_mad),
    }


def credit_note_pdf(note: CreditNote) -> bytes:
    return _pdf("billing/credit_note_pdf.html", credit_note_context(note))


RECEIPT_LANGUAGES = ("fr", "ar")


def receipt_context(invoice: Invoice, lang: str) -> dict:
    """The receipt ("quittance") of a settled invoice: what was received, when and how."""
    payments = list(invoice.payments.order_by("paid_on", "pk"))
    received = sum((p.amount_mad for p in payments), Decimal("0"))
    return {
        "invoice": invoice,
        "payments": payments,
        "received": received,
        "credit_notes": list(invoice.credit_notes.all()),
        "settled_on": payments[-1].paid_on if payments else None,
        "in_words": amount_in_words_ar(received) if lang == "ar" else amount_in_words(received),
        "lang": lang,
    }


def receipt_pdf(invoice: Invoice, lang: str = "fr") -> bytes:
    """The receipt in French or Arabic (`RECEIPT_LANGUAGES`)."""
    lang = lang if lang in RECEIPT_LANGUAGES else "fr"
    return _pdf("billing/receipt_pdf.html", receipt_context(invoice, lang), lang)
