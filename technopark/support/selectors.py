"""Reads spanning support and programs: the expert hours of a startup's programme period.

A startup's budget of expert hours applies per programme period: the enrollment (programs)
that covers the session's day. Each program may set its hours (`ExpertHoursBudget`, in the
admin); otherwise `DEFAULT_EXPERT_HOURS` apply. Proposed, accepted and held sessions count;
declined and cancelled ones do not. A new enrollment starts with a fresh budget.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q, Sum
from django.utils import timezone

from technopark.programs.models import Enrollment
from technopark.startups.models import Startup
from technopark.support.models import DEFAULT_EXPERT_HOURS, ExpertHoursBudget, ExpertSession


@dataclass(frozen=True)
class HoursBudget:
    enrollment: Enrollment
    total: Decimal
    used: Decimal

    @property
    def left(self) -> Decimal:
        return max(self.total - self.used, Decimal(0))


def hours_text(value: Decimal) -> str:
    """Hours as a person writes them: 4, 1.5 (not 4.0 or 2E+1)."""
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def period_of(startup: Startup | int, day: dt.date) -> Enrollment | None:
    """The enrollment covering `day` (the latest begun, when two overlap), or None."""
    startup_id = startup if isinstance(startup, int) else startup.pk
    return (
        Enrollment.objects.filter(startup_id=startup_id, started_on__lte=day)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=day))
        .select_related("program")
        .order_by("-started_on", "-pk")
        .first()
    )


def hours_allowed(enrollment: Enrollment) -> Decimal:
    found = (
        ExpertHoursBudget.objects.filter(program_id=enrollment.program_id)
        .values_list("hours", flat=True)
        .first()
    )
    return DEFAULT_EXPERT_HOURS if found is None else found


def hours_counted(enrollment: Enrollment) -> Decimal:
    total = ExpertSession.objects.filter(
        enrollment=enrollment, status__in=ExpertSession.LIVE
    ).aggregate(total=Sum("hours"))["total"]
    return total or Decimal(0)


def hours_budget_of(enrollment: Enrollment) -> HoursBudget:
    return HoursBudget(
        enrollment=enrollment, total=hours_allowed(enrollment), used=hours_counted(enrollment)
    )


def hours_budget_on(startup: Startup, day: dt.date | None = None) -> HoursBudget | None:
    """The startup's expert hours for the period covering `day` (today by default)."""
    enrollment = period_of(startup, day or timezone.localdate())
    return hours_budget_of(enrollment) if enrollment else None
