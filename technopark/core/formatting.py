"""How numbers are written for a person, in the active language."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.utils import formats  # noqa: F401 - kept for the callers that import it here

NARROW_NBSP = "\u202f"


def rounded(value, places: int = 0) -> Decimal:
    """A number rounded half away from zero (2.5 -> 3, 0.125 -> 0.13 at 2 places): never
    truncated, and never the banker's rounding of Python's round() on a float (2.5 -> 2)."""
    return Decimal(str(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def grouped(value, places: int = 0) -> str:
    """A number as the network writes it in every language: 3 940 and 1 234,5 (a narrow
    no-break space between thousands, a decimal comma), rounded by `rounded`."""
    text = f"{rounded(value, places):,.{places}f}"
    return text.replace(",", NARROW_NBSP).replace(".", ",")


def list_separator(language: str | None = None) -> str:
    """What separates the items of a list in a language: "، " in Arabic, ", " elsewhere."""
    from django.utils import translation

    code = (language or translation.get_language() or "").split("-")[0]
    return "، " if code == "ar" else ", "


def join_list(items, language: str | None = None) -> str:
    """Items joined as the active language writes a list (the Arabic comma in Arabic)."""
    return list_separator(language).join(str(item) for item in items)


def percent(rate) -> str:
    """A rate between 0 and 1 as a rounded percentage ("42 %"); no value is a dash.

    The one way rates are shown: the bilan, the reports, open data and the federation.
    """
    if rate is None or rate == "":
        return "—"
    return f"{grouped(Decimal(str(rate)) * 100)} %"


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
