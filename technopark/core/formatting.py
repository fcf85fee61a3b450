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
