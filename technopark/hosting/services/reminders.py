"""Reminders before a contract's planned end (to the site's managers and the startup) and
after an invoice's due date (to the startup; with the last level, its managers too)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import IntegrityError, transaction

from technopark.hosting.models import Invoice, InvoiceReminder, Lease, LeaseReminder

REMINDER_DAYS = (60, 30)


def lease_reminders_send(*, today: dt.date) -> int:
    """Queue each due reminder once (a unique row per lease, threshold and planned end).

    A reminder is due when the planned end is at most N days away. If the job missed
    days, only the nearest threshold is sent, and the farther one is marked as passed.
    """
    from technopark.hosting.services.notices import lease_reminder_send

    horizon = today + dt.timedelta(days=max(REMINDER_DAYS))
    leases = Lease.objects.select_related("site", "space", "startup").filter(
        status__in=[Lease.Status.ACTIVE, Lease.Status.NOTICE],
        planned_end__gt=today,
        planned_end__lte=horizon,
    )
    sent = 0
    for lease in leases:
        days_left = (lease.planned_end - today).days
        due = [d for d in REMINDER_DAYS if days_left <= d]
        nearest = min(due)
        with transaction.atomic():
            created_nearest = False
            for days in due:
                try:
                    with transaction.atomic():
                        LeaseReminder.objects.create(
                            lease=lease,
                            days_before=days,
                            planned_end=lease.planned_end,
                            sent_on=today,
                        )
                except IntegrityError:
                    continue
                created_nearest |= days == nearest
            if created_nearest:
                lease_reminder_send(lease=lease, days=nearest)
                sent += 1
    return sent


def invoice_reminders_send(*, today: dt.date) -> int:
    """Payment reminders N days after the due date (settings.INVOICE_REMINDER_DAYS), each
    level once per invoice; with the last level the site's managers are told too. As for
    contracts, a job that missed days sends only the latest level due."""
    from technopark.hosting.selectors import invoices_with_balance
    from technopark.hosting.services.notices import payment_reminder_send

    levels = sorted(settings.INVOICE_REMINDER_DAYS)
    if not levels:
        return 0
    late = invoices_with_balance(
        Invoice.objects.filter(due_on__lte=today - dt.timedelta(days=levels[0]))
    )
    done = set(InvoiceReminder.objects.values_list("invoice_id", "days_late"))
    sent = 0
    for invoice in late:
        if invoice.total_mad - invoice.paid_mad - invoice.credited_mad <= 0:
            continue
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
