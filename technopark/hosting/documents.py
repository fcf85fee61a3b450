"""The PDFs of invoices and credit notes: legal documents, always in French."""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string, select_template
from django.utils import translation

from technopark.hosting.amounts import credit_note_total_sentence, invoice_total_sentence
from technopark.hosting.models import CreditNote, Invoice


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
    return _pdf("hosting/invoice_pdf.html", invoice_context(invoice))


def credit_note_context(note: CreditNote) -> dict:
    return {
        "note": note,
        "invoice": note.invoice,
        "in_words": credit_note_total_sentence(note.total_mad),
    }


def credit_note_pdf(note: CreditNote) -> bytes:
    return _pdf("hosting/credit_note_pdf.html", credit_note_context(note))


def contract_pdf(lease, lang: str) -> bytes:
    """The contract of a lease, from the site's own template when it has one
    (`hosting/contracts/<SITE CODE>.html`), in French or Arabic."""
    from weasyprint import HTML

    template = select_template(
        [f"hosting/contracts/{lease.site.code}.html", "hosting/contracts/default.html"]
    )
    with translation.override(lang):
        html = template.render(
            {
                "lease": lease,
                "operator": lease.site.operator,
                "deposit_amount": lease.deposit_amount,
                "lang": lang,
            }
        )
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()
