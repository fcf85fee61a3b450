"""Reads for the public home: the network on a map, its headline figures, what is coming."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from technopark.community.models import Event
from technopark.community.permissions import visible_events
from technopark.federation.permissions import public_partners
from technopark.impact.definitions import FIGURES as DEFINITIONS
from technopark.impact.engine import compute_bilan, year_before
from technopark.network.geo import network_map
from technopark.programs.permissions import visible_calls
from technopark.publishing import figures as published
from technopark.publishing.reports import format_value
from technopark.publishing.selectors import listed as listed_showcase
from technopark.publishing.selectors import public_card

# The home's headline figures, in order (their names and definitions come from the bilan).
HOME_FIGURES = (
    "startups_supported",
    "residents",
    "jobs_created",
    "sites_operational",
    "sites_in_progress",
)
STORIES = 6
COMING = 4


def headline(today: dt.date) -> list[dict]:
    """Each home figure with its name, value, definition and date, small groups withheld."""
    kpis = compute_bilan(as_of=today)["kpis"]
    shown = published.suppressed(kpis)
    definitions = {f.key: f for f in DEFINITIONS}
    return [
        {
            "key": key,
            "label": definitions[key].label,
            "definition": definitions[key].definition,
            "value": format_value(shown[key]["value"], published.BY_KEY[key].kind),
            "suppressed": shown[key]["suppressed"],
        }
        for key in HOME_FIGURES
    ]


def headline_trend(today: dt.date) -> list[dict]:
    """The headline figures today and a year before, with the change (for leadership's
    home): "up", "down" or "same", and the earlier value as shown."""
    before = year_before(today)
    kpis = {day: published.suppressed(compute_bilan(as_of=day)["kpis"]) for day in (today, before)}
    definitions = {f.key: f for f in DEFINITIONS}
    rows = []
    for key in HOME_FIGURES:
        now, then = kpis[today][key], kpis[before][key]
        kind = published.BY_KEY[key].kind
        trend = ""
        if not (now["suppressed"] or then["suppressed"]) and None not in (
            now["value"],
            then["value"],
        ):
            trend = "up" if now["value"] > then["value"] else "down"
            if now["value"] == then["value"]:
                trend = "same"
        rows.append(
            {
                "key": key,
                "label": definitions[key].label,
                "definition": definitions[key].definition,
                "value": format_value(now["value"], kind),
                "before": format_value(then["value"], kind),
                "since": before,
                "trend": trend,
            }
        )
    return rows


def home_page(today: dt.date | None = None) -> dict:
    today = today or timezone.localdate()
    anonymous = AnonymousUser()
    calls = (
        visible_calls(anonymous)
        .filter(opens_on__lte=today, closes_on__gte=today)
        .order_by("closes_on", "title")[:COMING]
    )
    events = (
        visible_events(anonymous)
        .filter(status=Event.Status.PUBLISHED, starts_at__gte=timezone.now())
        .order_by("starts_at", "id")[:COMING]
    )
    stories = (
        listed_showcase()
        .filter(showcase__show_tagline=True, showcase__tagline__gt="")
        .order_by("-showcase__updated_at", "name")[:STORIES]
    )
    partners = public_partners().order_by("name")
    return {
        "today": today,
        "map": network_map(today),
        "figures": headline(today),
        "calls": list(calls),
        "events": list(events),
        "stories": [public_card(s) for s in stories],
        "partners": list(partners[:12]),
    }
