"""Retention (law 09-08): personal data kept no longer than needed, run by `technopark daily`.

- applications of declined applicants: programs' `applications_anonymise_declined` blanks
  what they say about people after settings.TECHNOPARK_RETENTION_DECLINED_APPLICATIONS_DAYS
  (the row stays, so the calls' figures stay right);
- the audit log: who (actor, address) is removed from entries older than
  settings.TECHNOPARK_RETENTION_AUDIT_DAYS, what changed stays;
- idempotency records of the API older than a day are deleted.
"""

from __future__ import annotations

import datetime as dt

from auditlog.models import LogEntry
from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from technopark.privacy.models import IdempotencyRecord
from technopark.programs.services import applications_anonymise_declined


def _start_of(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def anonymise_declined_applications(today: dt.date) -> int:
    """Programs own applications and say what in them is personal: ask their service."""
    cutoff = today - dt.timedelta(days=settings.TECHNOPARK_RETENTION_DECLINED_APPLICATIONS_DAYS)
    return applications_anonymise_declined(decided_before=cutoff)


def anonymise_old_audit(today: dt.date) -> int:
    cutoff = _start_of(today - dt.timedelta(days=settings.TECHNOPARK_RETENTION_AUDIT_DAYS))
    return (
        LogEntry.objects.filter(timestamp__lt=cutoff)
        .filter(
            Q(actor__isnull=False)
            | Q(remote_addr__isnull=False)
            | Q(actor_email__isnull=False)
            | Q(additional_data__isnull=False)
        )
        .update(
            actor=None, remote_addr=None, remote_port=None, actor_email=None, additional_data=None
        )
    )


def forget_idempotency_keys(today: dt.date) -> int:
    deleted, _ = IdempotencyRecord.objects.filter(
        created_at__lt=timezone.now() - dt.timedelta(days=1)
    ).delete()
    return deleted


def daily(today: dt.date) -> str:
    applications = anonymise_declined_applications(today)
    audit = anonymise_old_audit(today)
    keys = forget_idempotency_keys(today)
    return (
        f"{applications} declined applications and {audit} old log entries anonymised, "
        f"{keys} idempotency keys forgotten"
    )
