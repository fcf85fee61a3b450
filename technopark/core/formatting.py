"""How numbers are written for a person, in the active language."""

from __future__ import annotations

from django.utils import formats


def percent(rate) -> str:
    """A rate between 0 and 1 as a rounded percentage ("42 %"); no value is a dash.

    The one way rates are shown: the bilan, the reports, open data and the federation.
    """
    if rate is None or rate == "":
        return "—"
    return f"{formats.number_format(round(float(rate) * 100), 0, force_grouping=True)} %"


def next_on(moment) -> str:
    """The hint of a home line about what is coming: "next on 04/12/2026 at 10:00", in
    Casablanca time; nothing when nothing is coming."""
    from django.utils import timezone
    from django.utils.translation import gettext as _

    if not moment:
        return ""
    when = timezone.localtime(moment)
    return _("next on %(day)s at %(time)s") % {
        "day": formats.date_format(when, "SHORT_DATE_FORMAT"),
        "time": formats.time_format(when, "H:i"),
    }
