"""Payment reminders after an invoice's due date (to the startup; with the last level,
its managers too). `today` is `billing.clock.today()` when `technopark daily` runs.

The site's staff may also send one by hand (`invoice_remind`: from the invoice's page,
the arrears, a selection of invoices); every reminder, automatic or by hand, is a row of
`InvoiceReminder` that the invoice's page lists, and a named action `invoice.reminded`."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from technopark.billing.models import Invoice, InvoiceReminder
from technopark.billing.selectors import invoices_with_balance
from technopark.core.actions import record
from technopark.core.audit import acts_for_by
from technopark.core.errors import Conflict, DomainError


def invoice_reminders_send(*, today: dt.date) -> int:
    """Payment reminders N days after the due date (settings.INVOICE_REMINDER_DAYS), each
    level once per invoice; with the last level the site's managers are told too. As for
    contracts, a job that missed days sends only the latest level due."""
    from technopark.billing.services.notices import payment_reminder_send

    levels = sorted(settings.INVOICE_REMINDER_DAYS)
    if not levels:
        return 0
    late = invoices_with_balance(
        Invoice.objects.filter(due_on__lte=today - dt.timedelta(days=levels[0]))
    ).filter(balance_mad__gt=0)
    done = set(InvoiceReminder.objects.filter(manual=False).values_list("invoice_id", "days_late"))
    sent = 0
    for invoice in late:
        days_late = (today - invoice.due_on).days
        due = [d for d in levels if d <= days_late and (invoice.pk, d) not in done]
        if not due:
            continue
        latest = max(due)
        tell = latest == levels[-1]
        with transaction.atomic():
            created = False
            for days in due:
                try:
                    with transaction.atomic():
                        reminder = InvoiceReminder.objects.create(
                            invoice=invoice,
                            days_late=days,
                            sent_on=today,
                            sent_at=timezone.now(),
                            manager_told=tell and days == latest,
                        )
                except IntegrityError:
                    continue
                created |= days == latest
            if created:
                told = payment_reminder_send(invoice=invoice, days_late=latest, tell_manager=tell)
                InvoiceReminder.objects.filter(pk=reminder.pk).update(recipients=told)
                record("invoice.reminded", invoice, by=None, payload={"days_late": latest, "manual": False})  # fmt: skip
                sent += 1
    return sent


@acts_for_by
def invoice_remind(*, invoice: Invoice, today: dt.date, by) -> InvoiceReminder:
    """Send a payment reminder now, by hand: to the startup's billing recipients (in the
    platform and by e-mail, each in their language). Refused for an invoice with nothing
    left to pay, one not yet due, and a second one the same day."""
    from technopark.billing.services.notices import payment_reminder_send

    with transaction.atomic():
        locked = Invoice.objects.select_for_update(of=("self",)).select_related("site", "startup").get(pk=invoice.pk)  # fmt: skip
        balance = locked.balance_due
        if balance <= 0:
            raise DomainError(_("This invoice is paid: there is nothing to remind."), code="paid")
        if locked.due_on >= today:
            raise DomainError(
                _(
                    "This invoice is not due yet: a reminder can be sent from the day after its due date."
                ),  # fmt: skip
                code="not_due",
            )
        if InvoiceReminder.objects.filter(invoice=locked, manual=True, sent_on=today).exists():
            raise Conflict(
                _("A reminder was already sent by hand today for this invoice."),
                code="reminded_today",
            )
        days_late = (today - locked.due_on).days
        reminder = InvoiceReminder.objects.create(
            invoice=locked,
            days_late=min(days_late, 32767),
            sent_on=today,
            sent_at=timezone.now(),
            manual=True,
            sent_by=by if getattr(by, "pk", None) else None,
        )
        told = payment_reminder_send(invoice=locked, days_late=days_late, tell_manager=False)
        reminder.recipients = told
        reminder.save(update_fields=["recipients"])
        record("invoice.reminded", locked, by=by, payload={"days_late": days_late, "manual": True, "balance_mad": balance})  # fmt: skip
    return reminder
