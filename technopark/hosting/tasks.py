"""Background work of hosting: reminders before a contract ends; the daily job."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage, send_mail
from django.utils import formats, translation
from django.utils.translation import gettext as _
from django_tasks import task


def lease_reminder_recipients(lease) -> list[str]:
    from technopark.startups.models import Membership

    members = Membership.objects.filter(startup_id=lease.startup_id).values_list(
        "user__email", flat=True
    )
    return sorted({*site_manager_emails(lease.site_id), *(e for e in members if e)})


@task()
def send_lease_reminder(lease_id: int, days: int) -> int:
    from technopark.hosting.models import Lease

    lease = Lease.objects.select_related("site", "space", "startup").filter(pk=lease_id).first()
    if lease is None or lease.planned_end is None:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        end = formats.date_format(lease.planned_end, "SHORT_DATE_FORMAT")
        subject = _("The hosting contract of %(startup)s ends on %(date)s") % {
            "startup": lease.startup.name,
            "date": end,
        }
        body = _(
            "The contract for space %(space)s at %(site)s ends in %(days)d days, on %(date)s.\n"
            "Renew it, plan the move, or give notice from the platform."
        ) % {"space": lease.space.code, "site": lease.site.name, "days": days, "date": end}
    return send_mail(subject, body, None, lease_reminder_recipients(lease), fail_silently=True)


def site_manager_emails(site_id: int) -> list[str]:
    from technopark.accounts.models import Role

    emails = Role.objects.filter(kind="site_manager", site_id=site_id).values_list(
        "user__email", flat=True
    )
    return sorted({e for e in emails if e})


def billing_document_send(kind: str, pk: int) -> int:
    """E-mail an invoice or a credit note, PDF attached, to the client's billing contact,
    and stamp it sent. The one place that sends billing documents (a notification service
    may replace its body later)."""
    from django.utils import timezone

    from technopark.hosting import documents
    from technopark.hosting.models import CreditNote, Invoice

    if kind == "invoice":
        doc = Invoice.objects.select_related("site").filter(pk=pk).first()
        if doc is None:
            return 0
        invoice, pdf, name = doc, documents.invoice_pdf(doc), f"facture-{doc.reference}.pdf"
        model = Invoice
    else:
        doc = CreditNote.objects.select_related("site", "invoice__site").filter(pk=pk).first()
        if doc is None:
            return 0
        invoice, pdf, name = (
            doc.invoice,
            documents.credit_note_pdf(doc),
            f"avoir-{doc.reference}.pdf",
        )
        model = CreditNote
    if not invoice.client_email:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        if kind == "invoice":
            subject = _("Invoice %(ref)s from %(issuer)s") % {
                "ref": doc.reference,
                "issuer": invoice.issuer_name,
            }
            body = _(
                "Please find attached invoice %(ref)s, of %(total)s MAD incl. VAT, due on %(due)s."
            ) % {
                "ref": doc.reference,
                "total": formats.number_format(
                    doc.total_mad, 2, use_l10n=True, force_grouping=True
                ),
                "due": formats.date_format(doc.due_on, "SHORT_DATE_FORMAT"),
            }
        else:
            subject = _("Credit note %(ref)s from %(issuer)s") % {
                "ref": doc.reference,
                "issuer": invoice.issuer_name,
            }
            body = _(
                "Please find attached credit note %(ref)s, of %(total)s MAD incl. VAT, on "
                "invoice %(invoice)s."
            ) % {
                "ref": doc.reference,
                "total": formats.number_format(
                    doc.total_mad, 2, use_l10n=True, force_grouping=True
                ),
                "invoice": invoice.reference,
            }
    message = EmailMessage(subject, body, None, [invoice.client_email])
    message.attach(name, pdf, "application/pdf")
    sent = message.send(fail_silently=True)
    if sent:
        # update(), not save(): only `sent_at` changes on an issued document.
        model.objects.filter(pk=pk).update(sent_at=timezone.now())
    return sent


@task()
def send_billing_document(kind: str, pk: int) -> int:
    return billing_document_send(kind, pk)


@task()
def send_payment_reminder(invoice_id: int, days_late: int, tell_manager: bool) -> int:
    from technopark.hosting.models import Invoice

    invoice = Invoice.objects.select_related("site").filter(pk=invoice_id).first()
    if invoice is None:
        return 0
    balance = invoice.balance_due
    with translation.override(settings.LANGUAGE_CODE):
        values = {
            "ref": invoice.reference,
            "due": formats.date_format(invoice.due_on, "SHORT_DATE_FORMAT"),
            "days": days_late,
            "balance": formats.number_format(balance, 2, use_l10n=True, force_grouping=True),
            "client": invoice.client_name,
        }
        subject = _("Reminder: invoice %(ref)s is %(days)d days overdue") % values
        body = (
            _(
                "Invoice %(ref)s was due on %(due)s; %(balance)s MAD remain to pay. "
                "If you have paid it since, thank you and please ignore this message."
            )
            % values
        )
        sent = 0
        if invoice.client_email:
            sent += send_mail(subject, body, None, [invoice.client_email], fail_silently=True)
        if tell_manager:
            manager_subject = (
                _("%(client)s has not paid invoice %(ref)s (%(days)d days late)") % values
            )
            sent += send_mail(
                manager_subject,
                body,
                None,
                site_manager_emails(invoice.site_id),
                fail_silently=True,
            )
    return sent
