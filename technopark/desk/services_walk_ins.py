"""Walk-ins: visitors a desk receives without an appointment, recorded in two taps.

They count in the desk's figures (`selectors.desks_compared`) beside the appointments.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from technopark.core.actions import record
from technopark.core.errors import DomainError
from technopark.desk.models import Desk, Service, WalkIn
from technopark.startups.models import Startup


def _startup_named(name: str) -> Startup | None:
    """The startup whose name the agent typed (exactly, whatever the case), if there is one."""
    matches = list(Startup.objects.filter(name__iexact=name)[:2])
    return matches[0] if len(matches) == 1 else None


@transaction.atomic
def walk_in_record(
    *,
    desk: Desk,
    who: str,
    service: Service | None = None,
    outcome: str = "",
    at: dt.datetime | None = None,
    by,
) -> WalkIn:
    """Record a visitor received without an appointment: a startup's name or a person's."""
    who = who.strip()
    if not who:
        raise DomainError(_("Give the startup's or the visitor's name."), field="who")
    if service is not None and service.desk_id != desk.pk:
        raise DomainError(_("This desk does not offer this service."), field="service")
    at = at or timezone.now()
    if at > timezone.now() + dt.timedelta(minutes=5):
        raise DomainError(_("A walk-in is recorded once the visitor came."), field="at")
    startup = _startup_named(who)
    walk_in = WalkIn.objects.create(
        desk=desk,
        startup=startup,
        visitor="" if startup else who[:200],
        service=service,
        at=at,
        outcome=outcome.strip()[:2000],
        recorded_by=by,
    )
    record("appointment.walk_in", walk_in, by=by, site=desk.site_id, payload={"desk": desk.code, "service": service.code if service else ""})  # fmt: skip
    return walk_in


def walk_ins_of_day(desk: Desk, day: dt.date) -> QuerySet[WalkIn]:
    return (
        WalkIn.objects.filter(desk=desk, at__date=day)
        .select_related("startup", "service")
        .order_by("at", "pk")
    )
