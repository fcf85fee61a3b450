"""Payment reminders after an invoice's due date (to the startup; with the last level,
its managers too). `today` is `billing.clock.today()` when `technopark daily` runs."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import IntegrityError, transaction

from technopark.billing.models import Invoice, InvoiceReminder
from technopark.billing.selectors import invoices_with_balance


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
    done = set(InvoiceReminder.objects.values_list("invoice_id", "days_late"))
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
                        InvoiceReminder.objects.create(
                            invoice=invoice,
                            days_late=days,
                            sent_on=today,
                            manager_told=tell and days == latest,
                        )
                except IntegrityError:
                    continue
                created |= days == latest
            if created:
                payment_reminder_send(invoice=invoice, days_late=latest, tell_manager=tell)
                sent += 1
    return sent
