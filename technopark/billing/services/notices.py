"""Who billing tells, and what: every message goes through `notification_send` (kinds in
`billing/notifications.py`, named `hosting.*` as before the move so that preferences and
the e-mail log keep them), in each recipient's language.

- invoices and credit notes, PDF attached: the startup's founders and its billing e-mail;
- payment reminders: the same people; with the last level, the site's managers too.
"""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from technopark.billing.models import CreditNote, Invoice
from technopark.core.audit import acts_for_by
from technopark.notifications.services import notification_send


def site_managers(site_id: int) -> list:
    from technopark.accounts.models import User

    return list(
        User.objects.filter(roles__kind="site_manager", roles__site_id=site_id, is_active=True)
        .distinct()
        .order_by("pk")
    )


def founders_of(startup_id: int) -> list:
    from technopark.accounts.models import User

    return list(
        User.objects.filter(
            memberships__startup_id=startup_id, memberships__is_founder=True, is_active=True
        ).order_by("pk")
    )


def members_of(startup_id: int) -> list:
    from technopark.accounts.models import User

    return list(
        User.objects.filter(memberships__startup_id=startup_id, is_active=True).order_by("pk")
    )


def billing_recipients(invoice: Invoice) -> list:
    """The startup's founders (each in their language) and the invoice's billing e-mail
    (in the site language), once when it is a founder's own address."""
    people = founders_of(invoice.startup_id)
    known = {u.email.lower() for u in people if u.email}
    address = (invoice.client_email or "").strip()
    return [*people, *([address] if address and address.lower() not in known else [])]


def _workspace(startup) -> str:
    return reverse("hosting:startup_invoices", args=[startup.ref])


@acts_for_by
def billing_document_send(*, kind: str, pk: int, by=None) -> int:
    """Send an invoice or a credit note, PDF attached, to its billing recipients and stamp
    it sent. The one place that sends billing documents; how many were told.

    The PDF is drawn before the transaction opens, so no write lock is held meanwhile."""
    from technopark.billing import documents

    if kind == "invoice":
        doc = Invoice.objects.select_related("site", "startup").filter(pk=pk).first()
        invoice, model = doc, Invoice
    else:
        doc = (
            CreditNote.objects.select_related("site", "invoice__site", "invoice__startup")
            .filter(pk=pk)
            .first()
        )
        invoice, model = (doc.invoice if doc else None), CreditNote
    recipients = billing_recipients(invoice) if doc is not None else []
    if not recipients:
        return 0
    # The French PDF, the legal copy, is attached; a recipient who reads another language
    # gets the link to the translated copy (`copy_url` + `?lang=`, in the message).
    if kind == "invoice":
        attachment = (f"facture-{doc.reference}.pdf", documents.invoice_pdf(doc))
        context = {"reference": doc.reference, "issuer": doc.issuer_name, "due": doc.due_on}
        copy = reverse("billing:invoice_pdf", args=[doc.pk])
    else:
        attachment = (f"avoir-{doc.reference}.pdf", documents.credit_note_pdf(doc))
        context = {
            "reference": doc.reference,
            "issuer": invoice.issuer_name,
            "invoice": invoice.reference,
        }
        copy = reverse("billing:credit_note_pdf", args=[doc.pk])
    context["copy_url"] = settings.SITE_URL.rstrip("/") + copy
    with transaction.atomic():
        notification_send(
            to=recipients,
            kind=f"hosting.{'invoice' if kind == 'invoice' else 'credit_note'}_issued",
            context={**context, "total": doc.total_mad, "client": invoice.client_name},
            url=_workspace(invoice.startup),
            attachments=[(*attachment, "application/pdf")],
        )
        # update(), not save(): only `sent_at` changes on an issued document.
        model.objects.filter(pk=pk).update(sent_at=timezone.now())
    return len(recipients)


def billing_document_queue(kind: str, pk: int) -> None:
    """Send the document once the transaction that issued it has committed (its number is
    then final), outside the lock on the numbering counter."""
    transaction.on_commit(lambda: billing_document_send(kind=kind, pk=pk))


def payment_reminder_send(*, invoice: Invoice, days_late: int, tell_manager: bool) -> int:
    """Remind the startup (and, with `tell_manager`, the site's managers); how many of the
    startup's recipients were told."""
    context = {
        "reference": invoice.reference,
        "due": invoice.due_on,
        "days": days_late,
        "balance": invoice.balance_due,
        "client": invoice.client_name,
    }
    recipients = billing_recipients(invoice)
    notification_send(
        to=recipients,
        kind="hosting.invoice_overdue",
        context=context,
        url=_workspace(invoice.startup),
    )
    if tell_manager:
        notification_send(
            to=site_managers(invoice.site_id),
            kind="hosting.invoice_overdue_manager",
            context=context,
            url=reverse("billing:invoice_detail", args=[invoice.pk]),
        )
    return len(recipients)
