"""Reads about startups that span apps: the directory's filters and a startup's timeline."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from technopark.core.hooks import startup_filter_q, startup_timeline
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
    """Filter the startups a user may see; each filter is one EXISTS, so the count stays flat.

    The site, program and status filters are answered by the apps that hold the records
    (hosting's leases, programs' enrollments) through `core.hooks.startup_filter_q`.
    """
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
    for name in ("site", "program", "status"):
        value = getattr(filters, name)
        if value:
            q = startup_filter_q(name, value, today)
            if q is not None:
                qs = qs.filter(q)
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
    """What happened to a startup, newest first: founding, enrollments, leases, records.

    Enrollments and leases come from their apps (`core.hooks.startup_timeline`).
    """
    from django.utils.translation import gettext as _

    entries: list[TimelineEntry] = []
    if startup.founded_on:
        entries.append(TimelineEntry(startup.founded_on, "founded", _("Company founded")))
    entries.extend(startup_timeline(startup, private=private))
    if private:
        entries.extend(action_entries(startup))
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


def action_entries(startup: Startup, limit: int = 30) -> list[TimelineEntry]:
    """The startup's latest named actions that a timeline tells (core/actions.py)."""
    from django.utils import timezone

    from technopark.core.actions import ACTIONS
    from technopark.core.models import Action

    told = [name for name, kind in ACTIONS.items() if kind.timeline is not None]
    latest = Action.objects.filter(startup_id=startup.pk, name__in=told).order_by(
        "-created_at", "-pk"
    )[:limit]
    return [
        TimelineEntry(
            timezone.localdate(a.created_at),
            a.name,
            str(ACTIONS[a.name].timeline) % {"label": a.label},
        )
        for a in latest
    ]


# The kinds of the staff page's timeline (its filter), and the named actions of each.
STAFF_TIMELINE_KINDS = ("documents", "notes", "activity")


def _action_kind(name: str) -> str:
    if name.startswith(("document.", "document_request.")):
        return "documents"
    if name == "note.added":
        return "notes"
    return "activity"


@dataclass
class StaffTimelineEntry:
    at: dt.datetime
    kind: str
    text: str
    by: str = ""
    note: str = ""
    link: str = ""


def staff_timeline(startup: Startup, notes, *, kind: str = "", limit: int = 1000) -> list:
    """Everything that happened to a startup, for the staff who follow it, newest first:
    its named actions (bookings, invoices, applications, documents and requests…) and
    the staff's notes with their text (`notes`: already scoped by the permission layer)."""
    from django.urls import NoReverseMatch, reverse
    from django.utils.translation import gettext as _

    from technopark.core.actions import ACTIONS
    from technopark.core.models import Action

    entries: list[StaffTimelineEntry] = []
    if kind in ("", "notes"):
        for note in notes[:limit]:
            who = note.author.get_full_name() if note.author else ""
            entries.append(
                StaffTimelineEntry(note.created_at, "notes", _("Staff note"), who, note.text)
            )
    if kind != "notes":
        actions = Action.objects.filter(startup_id=startup.pk).exclude(name="note.added")
        about_documents = Q(name__startswith="document.") | Q(name__startswith="document_request.")
        if kind == "documents":
            actions = actions.filter(about_documents)
        elif kind == "activity":
            actions = actions.exclude(about_documents)
        try:
            vault = reverse("documents:vault", args=[startup.ref])
        except NoReverseMatch:  # the vault's app not installed
            vault = ""
        for a in actions.select_related("actor").order_by("-created_at", "-pk")[:limit]:
            declared = ACTIONS.get(a.name)
            if declared is None:
                continue
            if declared.timeline is not None:
                text = str(declared.timeline) % {"label": a.label}
            else:
                text = f"{declared.description} ({a.label})"
            action_kind = _action_kind(a.name)
            entries.append(
                StaffTimelineEntry(
                    a.created_at,
                    action_kind,
                    text,
                    a.actor.get_full_name() if a.actor else "",
                    link=vault if action_kind == "documents" else "",
                )
            )
    return sorted(entries, key=lambda e: e.at, reverse=True)
