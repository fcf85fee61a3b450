"""Retention (law 09-08): personal data kept no longer than needed, run by `technopark daily`.

- applications of declined applicants: their free text, answers and documents are
  blanked after settings.TECHNOPARK_RETENTION_DECLINED_APPLICATIONS_DAYS (the row stays,
  so the calls' figures stay right);
- the audit log: who (actor, address) is removed from entries older than
  settings.TECHNOPARK_RETENTION_AUDIT_DAYS, what changed stays;
- idempotency records of the API older than a day are deleted.
"""

from __future__ import annotations

import datetime as dt

from auditlog.models import LogEntry
from django.apps import apps
from django.conf import settings
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone

from technopark.privacy.models import IdempotencyRecord

DECLINED = "declined"
DATE_FIELDS = ("decided_on", "decided_at", "updated_at", "submitted_at", "created_at")
# Short text fields that name a person (an uploaded file's name is often "CV Omar Tazi.pdf").
PERSONAL_CHAR_FIELDS = {"original_name", "phone", "full_name", "contact_name", "contact_phone"}


def _start_of(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def _blankable(model) -> list[str]:
    return [
        f.name
        for f in model._meta.concrete_fields
        if isinstance(f, models.TextField | models.FileField)
        or (isinstance(f, models.EmailField | models.URLField) and f.blank)
        or (isinstance(f, models.CharField) and f.name in PERSONAL_CHAR_FIELDS)
    ]


def _application_model():
    try:
        return apps.get_model("programs", "Application")
    except LookupError:
        return None


@transaction.atomic
def anonymise_declined_applications(today: dt.date) -> int:
    model = _application_model()
    if model is None:
        return 0
    names = {f.name for f in model._meta.concrete_fields}
    decision = next((n for n in ("status", "decision") if n in names), None)
    when = next((n for n in DATE_FIELDS if n in names), None)
    if decision is None or when is None:
        return 0
    cutoff = today - dt.timedelta(days=settings.TECHNOPARK_RETENTION_DECLINED_APPLICATIONS_DAYS)
    is_datetime = isinstance(model._meta.get_field(when), models.DateTimeField)
    limit = _start_of(cutoff) if is_datetime else cutoff
    fields = _blankable(model)
    still_personal = Q()
    for name in fields:
        still_personal |= ~Q(**{name: ""})
    old = model.objects.filter(**{decision: DECLINED, f"{when}__lt": limit})
    todo = list(old.filter(still_personal).values_list("pk", flat=True)) if fields else []
    if not todo:
        return 0
    _blank_children(model, todo)
    # Files first, then the rows: a blanked FileField no longer knows its file.
    for obj in model.objects.filter(pk__in=todo):
        _delete_files(obj)
    model.objects.filter(pk__in=todo).update(**{name: "" for name in fields})
    return len(todo)


def _blank_children(parent, pks: list) -> None:
    """Answers, documents and other rows hanging from the applications lose their text."""
    for model in apps.get_models():
        for f in model._meta.concrete_fields:
            if f.is_relation and f.many_to_one and f.related_model is parent:
                fields = [n for n in _blankable(model) if n != f.name]
                if not fields:
                    continue
                rows = model.objects.filter(**{f"{f.name}__in": pks})
                for obj in rows:
                    _delete_files(obj)
                rows.update(**{name: "" for name in fields})


def _delete_files(obj) -> None:
    for f in obj._meta.concrete_fields:
        if isinstance(f, models.FileField):
            value = getattr(obj, f.name)
            if value:
                value.storage.delete(value.name)


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
