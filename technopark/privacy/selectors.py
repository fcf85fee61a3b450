"""Everything the platform holds about one person, found through the app registry.

Any model with a foreign key (or one-to-one) to the user is included, so a new app's
records appear in the export without touching this file. Secrets (password hash, token
digests, second-factor keys) are never exported.
"""

from __future__ import annotations

import datetime as dt
import decimal
import uuid
from dataclasses import dataclass, field
from typing import Any

from auditlog.models import LogEntry
from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q

from technopark.accounts.models import User

# Technical records with nothing a person would recognise as "their data".
SKIPPED_MODELS = {"privacy.idempotencyrecord", "auditlog.logentry", "admin.logentry"}
SECRET_FIELDS = {"password", "digest", "secret", "key", "data", "token", "session_key"}
USER_FIELDS = ["id", "email", "full_name", "phone", "language", "is_active", "date_joined"]


@dataclass
class Section:
    """The rows of one model that point to the person, for the page and for the JSON."""

    label: str
    model: str
    via: str
    columns: list[str]
    rows: list[dict[str, Any]] = field(default_factory=list)


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, bytes | memoryview):
        return None
    if isinstance(value, models.fields.files.FieldFile):
        return value.name or None
    return value


def _row(obj: models.Model, fields: list[models.Field]) -> dict[str, Any]:
    return {f.name: _plain(getattr(obj, f.attname)) for f in fields}


def user_relations() -> list[tuple[type[models.Model], models.Field]]:
    """Every (model, field) where a row points to a user."""
    found = []
    for model in apps.get_models():
        if model._meta.label_lower in SKIPPED_MODELS or model is User:
            continue
        for f in model._meta.concrete_fields:
            if f.is_relation and f.related_model is User and (f.many_to_one or f.one_to_one):
                found.append((model, f))
    return found


def audit_entries(user: User):
    user_type = ContentType.objects.get_for_model(User)
    return (
        LogEntry.objects.filter(Q(actor=user) | Q(content_type=user_type, object_pk=str(user.pk)))
        .select_related("content_type")
        .order_by("-timestamp")
    )


def personal_data(user: User) -> dict[str, Any]:
    """The person's data: their row, then every record that points to them, then the audit."""
    sections: list[Section] = []
    for model, fk in user_relations():
        fields = [f for f in model._meta.concrete_fields if f.name not in SECRET_FIELDS]
        rows = [_row(obj, fields) for obj in model._default_manager.filter(**{fk.name: user})]
        if not rows:
            continue
        sections.append(
            Section(
                label=str(model._meta.verbose_name_plural).capitalize(),
                model=model._meta.label,
                via=fk.name,
                columns=[f.name for f in fields],
                rows=rows,
            )
        )
    entries = [
        {
            "timestamp": _plain(e.timestamp),
            "action": e.get_action_display(),
            "record": f"{e.content_type.app_label}.{e.content_type.model}#{e.object_pk}",
            "by_you": e.actor_id == user.pk,
            "changes": e.changes if e.content_type.model == "user" else None,
        }
        for e in audit_entries(user)
    ]
    return {
        "controller": settings.TECHNOPARK_OPERATOR,
        "cndp_declaration": settings.TECHNOPARK_CNDP_DECLARATION,
        "user": {name: _plain(getattr(user, name)) for name in USER_FIELDS},
        "records": [
            {"model": s.model, "label": s.label, "via": s.via, "rows": s.rows} for s in sections
        ],
        "audit": entries,
        "_sections": sections,
    }


def personal_data_json(user: User) -> dict[str, Any]:
    data = personal_data(user)
    data.pop("_sections")
    return data
