"""Reads for the home page: a few live counts of the network."""

from __future__ import annotations

import datetime as dt

from technopark.network.models import Site
from technopark.programs.models import Enrollment
from technopark.startups.models import Startup


def home_figures(today: dt.date | None = None) -> dict[str, int]:
    today = today or dt.date.today()
    operational = Site.objects.operational_on(today)
    in_progress = Site.objects.in_progress_on(today)
    return {
        "sites_operational": operational.count(),
        "sites_in_progress": in_progress.count(),
        "startups_supported": Enrollment.objects.filter(started_on__lte=today)
        .values("startup")
        .distinct()
        .count(),
        "startups_public": Startup.objects.filter(public=True).count(),
    }
