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
from technopark.core.audit import acts_for_by
from technopark.core.errors import Conflict, DomainError
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


# --- History: visits to the desks before the platform ------------------------------------------


@transaction.atomic
@acts_for_by
def walk_ins_history_import(*, records, counts, empty: bool, by=None) -> list[int]:
    """Keep the visits of startups to a desk before the platform, brought in by the import
    (interchange/importer.py) from validated rows keyed by (desk pk, startup pk, day) with
    their fields (visitor, subject, outcome): as walk-ins of that day (10:00, local time), so
    they count in the desk's figures, told to nobody. The subject is the desk's service of
    that name when it has one, else it heads the outcome. A visit of that startup to that
    desk on that day already kept is refused (`history_visit_exists`)."""
    if not records:
        return []
    desks = {r.key[0] for r in records}
    services: dict[tuple[int, str], int] = {}
    for pk, desk_id, *names in Service.objects.filter(desk_id__in=desks).values_list(
        "pk", "desk_id", "name_fr", "name_ar", "name_en"
    ):
        for name in names:
            if name:
                services.setdefault((desk_id, name.strip().casefold()), pk)
    zone = timezone.get_default_timezone()
    taken = set()
    if not empty:
        for desk_id, startup_id, at in WalkIn.objects.filter(
            desk_id__in=desks, startup_id__in={r.key[1] for r in records}
        ).values_list("desk_id", "startup_id", "at"):
            taken.add((desk_id, startup_id, timezone.localtime(at, zone).date()))
    rows = []
    for r in records:
        if r.key in taken:
            raise Conflict(
                _("This visit of %(day)s was already brought in: it is kept as it is.")
                % {"day": r.key[2].strftime("%d/%m/%Y")},
                code="history_visit_exists",
            )
        taken.add(r.key)
        subject = (r.fields.get("subject") or "").strip()
        service = services.get((r.key[0], subject.casefold())) if subject else None
        outcome = (r.fields.get("outcome") or "").strip()
        if subject and service is None:
            outcome = f"{subject} — {outcome}" if outcome else subject
        rows.append(
            WalkIn(
                desk_id=r.key[0],
                startup_id=r.key[1],
                visitor=(r.fields.get("visitor") or "")[:200],
                service_id=service,
                at=timezone.make_aware(dt.datetime.combine(r.key[2], dt.time(10, 0)), zone),
                outcome=outcome[:2000],
            )
        )
    created = WalkIn.objects.bulk_create(rows, batch_size=500)
    for r in records:
        counts.add_created(r.label)
    return [w.pk for w in created]
