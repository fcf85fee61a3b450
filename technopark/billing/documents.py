"""The PDFs of invoices and credit notes, and the receipt.

An invoice or a credit note is drawn in French by default: that copy is the legal one (the
one e-mailed). The same document can be drawn in Arabic or English (`INVOICE_LANGUAGES`),
a translation: labels in that language, right to left in Arabic, the site and space named
in that language (`name_of`), the Latin parts (addresses, ICE, RC, RIB, references)
isolated so they keep their order."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from technopark.billing.amounts import (
    amount_in_words,
    amount_in_words_ar,
    amount_in_words_en,
    credit_note_total_sentence,
    invoice_total_sentence,
)
from technopark.billing.models import CreditNote, Invoice
from technopark.core.translated import name_of

LEGAL_LANGUAGE = "fr"
INVOICE_LANGUAGES = ("fr", "ar", "en")


def languages_first(language: str | None, languages=INVOICE_LANGUAGES) -> list[str]:
    """`languages`, the reader's own first (a founder who reads Arabic sees Arabic first)."""
    language = (language or LEGAL_LANGUAGE)[:2]
    return sorted(languages, key=lambda code: code != language)


def _in_words(amount: Decimal, lang: str, legal_sentence) -> str:
    if lang == "ar":
        return amount_in_words_ar(amount)
    if lang == "en":
        return amount_in_words_en(amount)
    return legal_sentence(amount)


def _names(invoice: Invoice) -> dict:
    """The site and the space, each named in the language active when printed."""
    lease = invoice.lease
    space = name_of(lease.space) if lease is not None else ""
    return {"site_name": name_of(invoice.site), "space_name": space or invoice.space_label}


def _pdf(template: str, context: dict, lang: str = "fr") -> bytes:
    from weasyprint import HTML

    with translation.override(lang):
        html = render_to_string(template, context)
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()


def invoice_context(invoice: Invoice, lang: str = LEGAL_LANGUAGE) -> dict:
    return {
        **_names(invoice),
        "lang": lang,
        "invoice": invoice,
        "lines": list(invoice.lines.all()),
        "balance": invoice.balance_due,
        "credit_notes": list(invoice.credit_notes.all()),
        "in_words": _in_words(invoice.total_mad, lang, invoice_total_sentence),
    }


def invoice_pdf(invoice: Invoice, lang: str = LEGAL_LANGUAGE) -> bytes:
    """The invoice in French (the legal copy) or translated (`INVOICE_LANGUAGES`)."""
    lang = lang if lang in INVOICE_LANGUAGES else LEGAL_LANGUAGE
    return _pdf("billing/invoice_pdf.html", invoice_context(invoice, lang), lang)


def credit_note_context(note: CreditNote, lang: str = LEGAL_LANGUAGE) -> dict:
    return {
        **_names(note.invoice),
        "lang": lang,
        "note": note,
        "invoice": note.invoice,
        "in_words": _in_words(note.total_mad, lang, credit_note_total_sentence),
    }


def credit_note_pdf(note: CreditNote, lang: str = LEGAL_LANGUAGE) -> bytes:
    """The credit note in French (the legal copy) or translated (`INVOICE_LANGUAGES`)."""
    lang = lang if lang in INVOICE_LANGUAGES else LEGAL_LANGUAGE
    return _pdf("billing/credit_note_pdf.html", credit_note_context(note, lang), lang)


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
