"""Core's once-a-day job for `technopark daily`: the background jobs of a worker that died."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import ngettext

from technopark.core.workers import jobs_recover


def daily(today: dt.date) -> str:
    recovered = jobs_recover()
    return ngettext(
        "%(count)d job lost by a stopped worker taken up again",
        "%(count)d jobs lost by a stopped worker taken up again",
        recovered,
    ) % {"count": recovered}
