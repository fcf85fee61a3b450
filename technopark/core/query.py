"""Reading what a person or a program typed into an address: dates, months and searches.

A date comes from a query string as text anyone can write (`2022-13-45`, `0001-01-01`,
`9999-12-31`); the pages and the API read it here, so that a bad one is a message, never a
server error. Dates are kept between the years FIRST_YEAR and LAST_YEAR: the network's
records all fall inside, and a day plus or minus a few weeks or years (a calendar's next
week, a bilan's trend) stays a valid date.

- the API: `parse_day(raw, field=...)` / `check_day(day, field=...)` raise a DomainError
  (400 `{"code": "invalid_date", "message", "field"}`);
- the pages: `page_day(request, "date", default)` / `page_month(...)` show the page for the
  default with an error message saying what was wrong;
- forms: `DayField`, a DateField with the same bounds;
- searches: `search_text(raw)` drops NUL characters (PostgreSQL refuses them) and bounds
  the length.
"""

from __future__ import annotations

import datetime as dt
import re

from django import forms
from django.contrib import messages
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from technopark.core.errors import DomainError

FIRST_YEAR = 2000
LAST_YEAR = 2100
EARLIEST = dt.date(FIRST_YEAR, 1, 1)
LATEST = dt.date(LAST_YEAR, 12, 31)
SEARCH_MAX_LENGTH = 100

_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_MONTH = re.compile(r"(\d{4})-(\d{2})")


def _out_of_range(field: str) -> DomainError:
    return DomainError(
        _("Choose a date between the years %(first)d and %(last)d.")
        % {"first": FIRST_YEAR, "last": LAST_YEAR},
        code="invalid_date",
        field=field,
    )


def check_day(day: dt.date | None, *, field: str) -> dt.date | None:
    """`day` if it falls between the bounds (None stays None); a DomainError otherwise."""
    if day is not None and not EARLIEST <= day <= LATEST:
        raise _out_of_range(field)
    return day


def parse_day(raw: str | None, *, field: str) -> dt.date | None:
    """The date written YYYY-MM-DD in `raw`, None when `raw` is empty; a DomainError
    (code "invalid_date", naming `field`) when it is not a real date or out of bounds."""
    raw = (raw or "").strip()
    if not raw:
        return None
    try:
        if not _DAY.fullmatch(raw):
            raise ValueError(raw)
        day = dt.date.fromisoformat(raw)
    except ValueError:
        raise DomainError(
            _("Give the date as YYYY-MM-DD."), code="invalid_date", field=field
        ) from None
    return check_day(day, field=field)


def parse_month(raw: str | None, *, field: str) -> dt.date | None:
    """The first day of the month written YYYY-MM in `raw`; None when empty."""
    raw = (raw or "").strip()
    if not raw:
        return None
    match = _MONTH.fullmatch(raw)
    if not match or not 1 <= int(match[2]) <= 12:
        raise DomainError(_("Give the month as YYYY-MM."), code="invalid_date", field=field)
    return check_day(dt.date(int(match[1]), int(match[2]), 1), field=field)


def _on_page(request: HttpRequest, parse, field: str, default, tell: bool):
    raw = request.GET.get(field, "")
    try:
        return parse(raw, field=field) or default
    except DomainError as exc:
        if tell:
            messages.error(
                request,
                _("The address asks for “%(value)s”, which this page cannot show: %(reason)s")
                % {"value": raw[:40], "reason": exc.message},
            )
        return default


def page_day(request: HttpRequest, field: str, default: dt.date, *, tell: bool = True) -> dt.date:
    """The date in `?field=` for a page, else `default`. A bad date shows the page for
    `default`, with an error message saying what was wrong (`tell=False` for a part of a
    page loaded after it, which has no room for messages: the page said it already)."""
    return _on_page(request, parse_day, field, default, tell)


def page_month(request: HttpRequest, field: str, default: dt.date) -> dt.date:
    """The first day of the month in `?field=` (YYYY-MM) for a page, else `default`."""
    return _on_page(request, parse_month, field, default, True)


class DayField(forms.DateField):
    """A form's date, between the years FIRST_YEAR and LAST_YEAR."""

    default_error_messages = {
        "out_of_range": gettext_lazy("Choose a date between the years %(first)d and %(last)d."),
    }

    def validate(self, value):
        super().validate(value)
        if value is not None and not EARLIEST <= value <= LATEST:
            raise forms.ValidationError(
                self.error_messages["out_of_range"],
                code="out_of_range",
                params={"first": FIRST_YEAR, "last": LAST_YEAR},
            )


def search_text(raw: str | None) -> str:
    """A search as typed, without NUL characters and at most SEARCH_MAX_LENGTH long."""
    return (raw or "").replace("\x00", "").strip()[:SEARCH_MAX_LENGTH]
