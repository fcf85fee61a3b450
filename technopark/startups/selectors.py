"""Reads about startups that span apps: the directory's filters and a startup's timeline."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet

from technopark.hosting.models import Lease
from technopark.programs.models import Enrollment
from technopark.startups.models import Startup

STATUSES = ("resident", "in_program", "alumni")


@dataclass
class DirectoryFilters:
    q: str = ""
    site: str = ""
    sector: str = ""
    region: str = ""
    program: str = ""
    status: str = ""


def directory(
    queryset: QuerySet[Startup], filters: DirectoryFilters, today: dt.date | None = None
) -> QuerySet[Startup]:
    """Filter the startups a user may see; each filter is one EXISTS, so the count stays flat."""
    today = today or dt.date.today()
    qs = queryset.select_related("region")
    if filters.q:
        qs = qs.filter(
            Q(name__icontains=filters.q) | Q(ref__iexact=filters.q) | Q(sector__icontains=filters.q)
        )
    if filters.sector:
        qs = qs.filter(sector__iexact=filters.sector)
    if filters.region:
        qs = qs.filter(region_id=filters.region)
    enrollments = Enrollment.objects.filter(startup=OuterRef("pk"))
    if filters.site:
        site_enrollments = enrollments.filter(site__code=filters.site)
        site_leases = Lease.objects.filter(startup=OuterRef("pk"), site__code=filters.site)
        qs = qs.filter(Q(Exists(site_enrollments)) | Q(Exists(site_leases)))
    if filters.program:
        qs = qs.filter(Exists(enrollments.filter(program__code=filters.program)))
    if filters.status == "resident":
        active = Lease.objects.filter(startup=OuterRef("pk"), starts_on__lte=today).exclude(
            status=Lease.Status.DRAFT
        )
        qs = qs.filter(Exists(active.filter(Q(ends_on__isnull=True) | Q(ends_on__gt=today))))
    elif filters.status == "in_program":
        running = enrollments.filter(started_on__lte=today).filter(
            Q(ended_on__isnull=True) | Q(ended_on__gt=today)
        )
        qs = qs.filter(Exists(running))
    elif filters.status == "alumni":
        running = enrollments.filter(Q(ended_on__isnull=True) | Q(ended_on__gt=today))
        qs = qs.filter(Exists(enrollments)).exclude(Exists(running))
    return qs.order_by("name", "pk")


def sectors() -> list[str]:
    return list(
        Startup.objects.exclude(sector="")
        .values_list("sector", flat=True)
        .distinct()
        .order_by("sector")
    )


@dataclass
class TimelineEntry:
    day: dt.date
    kind: str
    text: str


def timeline(startup: Startup, *, private: bool) -> list[TimelineEntry]:
    """What happened to a startup, newest first: founding, enrollments, leases, records."""
    from django.utils.translation import gettext as _

    entries: list[TimelineEntry] = []
    if startup.founded_on:
        entries.append(TimelineEntry(startup.founded_on, "founded", _("Company founded")))
    for e in startup.enrollments.select_related("program", "site"):
        entries.append(
            TimelineEntry(
                e.started_on,
                "enrollment",
                _("Joined %(program)s at %(site)s")
                % {"program": e.program.name, "site": e.site.name},
            )
        )
        if e.ended_on:
            entries.append(
                TimelineEntry(
                    e.ended_on,
                    "exit",
                    _("Left %(program)s: %(outcome)s")
                    % {"program": e.program.name, "outcome": e.get_outcome_display()},
                )
            )
    if private:
        for lease in startup.leases.exclude(status=Lease.Status.DRAFT).select_related("space"):
            entries.append(
                TimelineEntry(
                    lease.starts_on, "lease", _("Moved into %(space)s") % {"space": lease.space}
                )
            )
            if lease.ends_on:
                entries.append(
                    TimelineEntry(
                        lease.ends_on,
                        "lease_end",
                        _("Handed back %(space)s") % {"space": lease.space},
                    )
                )
        for f in startup.fundings.all():
            entries.append(
                TimelineEntry(
                    f.obtained_on, "funding", _("Raised funds: %(source)s") % {"source": f.source}
                )
            )
        for p in startup.patents.all():
            entries.append(
                TimelineEntry(
                    p.filed_on, "patent", _("Patent filed: %(title)s") % {"title": p.title}
                )
            )
    for g in startup.groupings.all():
        entries.append(
            TimelineEntry(
                g.formed_on,
                "grouping",
                _("%(kind)s formed: %(name)s") % {"kind": g.get_kind_display(), "name": g.name},
            )
        )
    return sorted(entries, key=lambda e: e.day, reverse=True)
