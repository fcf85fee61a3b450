"""Reminders before a contract's planned end (to the site's managers and the startup);
payment reminders are billing's (`billing.services.reminders`)."""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction

from technopark.hosting.models import Lease, LeaseReminder

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
