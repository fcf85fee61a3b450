"""Reads of the guichet unique: free slots, the agent's queue, and the desks compared."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Avg, Count, DurationField, ExpressionWrapper, F, Min, Q, QuerySet
from django.utils import timezone

from technopark.desk.models import Appointment, Case, Desk, Slot, WalkIn
from technopark.surveys.models import satisfied_q


def slots_on(desk: Desk, day: dt.date) -> QuerySet[Slot]:
    return desk.slots.filter(starts_at__date=day).order_by("starts_at")


def open_slots(desk: Desk, *, days: int = 14) -> QuerySet[Slot]:
    """Coming slots with a free agent, for the booking page."""
    now = timezone.now()
    return desk.slots.filter(
        starts_at__gt=now, starts_at__lt=now + dt.timedelta(days=days), booked__lt=F("capacity")
    ).order_by("starts_at")


def queue_of_day(desk: Desk, day: dt.date) -> QuerySet[Appointment]:
    return (
        Appointment.objects.filter(slot__desk=desk, slot__starts_at__date=day)
        .exclude(status=Appointment.Status.CANCELLED)
        .select_related("slot", "service", "startup", "booked_by", "case")
        .order_by("slot__starts_at", "id")
    )


def left_to_mark(desk: Desk, before: dt.date, limit: int = 20) -> QuerySet[Appointment]:
    """Appointments of earlier days still booked: the agent has not said done or no-show."""
    return (
        Appointment.objects.filter(
            slot__desk=desk,
            slot__starts_at__date__lt=before,
            status=Appointment.Status.BOOKED,
        )
        .select_related("slot", "service", "startup", "booked_by", "case")
        .order_by("-slot__starts_at", "-id")[:limit]
    )


@dataclass
class DeskFigures:
    desk: Desk
    appointments: int
    done: int
    no_shows: int
    lead_days: float | None  # booking to appointment, on average
    cases_closed: int
    case_days: float | None  # first appointment to case closed, on average
    ratings: int
    rating_avg: float | None
    satisfied_rate: float | None  # share of ratings 4 or 5
    walk_ins: int = 0  # visitors received without an appointment

    @property
    def visits(self) -> int:
        """Everyone the desk received: appointments done and walk-ins."""
        return self.done + self.walk_ins

    @property
    def no_show_rate(self) -> float | None:
        handled = self.done + self.no_shows
        return self.no_shows / handled if handled else None


def _days(value) -> float | None:
    return round(value.total_seconds() / 86400, 1) if value is not None else None


def desks_compared(desks: QuerySet[Desk], since: dt.date, until: dt.date) -> list[DeskFigures]:
    """Volume (appointments and walk-ins), delays and satisfaction of each desk over a period
    (a few queries, whatever the number of desks)."""
    period = Q(slot__starts_at__date__gte=since, slot__starts_at__date__lte=until)
    lead = ExpressionWrapper(F("slot__starts_at") - F("created_at"), output_field=DurationField())
    rows = {
        row["slot__desk"]: row
        for row in Appointment.objects.filter(period, slot__desk__in=desks)
        .exclude(status=Appointment.Status.CANCELLED)
        .values("slot__desk")
        .annotate(
            n=Count("id"),
            done=Count("id", filter=Q(status="done")),
            no_shows=Count("id", filter=Q(status="no_show")),
            lead=Avg(lead),
            ratings=Count("rating"),
            rating_avg=Avg("rating"),
            satisfied=Count("id", filter=satisfied_q("rating")),
        )
    }
    walk_ins = dict(
        WalkIn.objects.filter(desk__in=desks, at__date__gte=since, at__date__lte=until)
        .values("desk")
        .annotate(n=Count("id"))
        .values_list("desk", "n")
    )
    cases = {}
    for case in (
        Case.objects.filter(
            desk__in=desks,
            status=Case.Status.CLOSED,
            closed_at__date__gte=since,
            closed_at__date__lte=until,
        )
        .annotate(first=Min("appointments__slot__starts_at"))
        .values("desk", "closed_at", "first", "opened_at")
    ):
        start = case["first"] or case["opened_at"]
        cases.setdefault(case["desk"], []).append(case["closed_at"] - start)
    result = []
    for desk in desks:
        row = rows.get(desk.pk, {})
        durations = cases.get(desk.pk, [])
        ratings = row.get("ratings", 0)
        result.append(
            DeskFigures(
                desk=desk,
                appointments=row.get("n", 0),
                done=row.get("done", 0),
                no_shows=row.get("no_shows", 0),
                lead_days=_days(row.get("lead")),
                cases_closed=len(durations),
                case_days=_days(sum(durations, dt.timedelta()) / len(durations))
                if durations
                else None,
                ratings=ratings,
                rating_avg=round(row["rating_avg"], 2) if ratings else None,
                satisfied_rate=row["satisfied"] / ratings if ratings else None,
                walk_ins=walk_ins.get(desk.pk, 0),
            )
        )
    return sorted(result, key=lambda f: (-(f.appointments + f.walk_ins), f.desk.code))
