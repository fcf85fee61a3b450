"""The PDFs of invoices and credit notes: legal documents, always in French."""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from technopark.billing.amounts import credit_note_total_sentence, invoice_total_sentence
from technopark.billing.models import CreditNote, Invoice


def _pdf(template: str, context: dict) -> bytes:
    from weasyprint import HTML

    with translation.override("fr"):
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
