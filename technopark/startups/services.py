"""Writes about startups: profile changes and team invitations go through here."""

from __future__ import annotations

from django.db import transaction

from technopark.startups.models import Startup


@transaction.atomic
def startup_update(*, startup: Startup, data: dict, by) -> Startup:
    """Apply validated profile fields; the audit trail records who changed what."""
    for field, value in data.items():
        setattr(startup, field, value)
    startup.full_clean()
    startup.save()
    return startup
