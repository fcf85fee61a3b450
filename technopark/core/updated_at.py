"""The data step of a migration that adds `updated_at` to a model: its rows get their
`created_at` (or the migration's time when the model has none), so `updated_since` of the
API (core/api_paging.py) lists them as changed when they were made. A base module."""

from __future__ import annotations

from django.db.models import F
from django.utils import timezone


def fill_updated_at(*models: str):
    """A RunPython function filling `updated_at` of the models named "app_label.Model"."""

    def forward(apps, schema_editor):
        now = timezone.now()
        for label in models:
            model = apps.get_model(label)
            names = {field.name for field in model._meta.get_fields()}
            value = F("created_at") if "created_at" in names else now
            model.objects.using(schema_editor.connection.alias).filter(
                updated_at__isnull=True
            ).update(updated_at=value)

    return forward
