"""Reading one cell of the interchange format: dates, numbers, booleans and codes.

A cell comes from a CSV file (always text) or a workbook (text, or a real date, number or
boolean). Each reader returns the Python value or raises `CellError` with a message a
person can act on; an empty cell is `None` ("not known").
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

TRUE_WORDS = frozenset({"true", "yes", "oui", "1", "vrai"})
FALSE_WORDS = frozenset({"false", "no", "non", "0", "faux"})
ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
FRENCH_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
YEAR = re.compile(r"^\d{4}$")
# Spaces a French spreadsheet puts between thousands (space, no-break, narrow no-break).
THOUSANDS = str.maketrans("", "", " \u00a0\u202f")
# Characters no cell may hold: PostgreSQL refuses NUL in text, and XML (so an .xlsx
# export) refuses the other C0 controls but tab and line breaks, and U+FFFE/U+FFFF.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


class CellError(ValueError):
    """A cell that cannot be read; `message` says what to write instead."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def text(raw) -> str | None:
    if raw is None:
        return None
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    value = str(raw).strip()
    if value and CONTROL.search(value):
        raise control_error(value)
    return value or None


def control_error(value: str) -> CellError:
    """The message for a cell holding a control character; it never repeats the cell,
    which the report (stored as JSON) and a terminal could not show either."""
    found = CONTROL.search(value)
    return CellError(
        _(
            "This cell holds an invisible control character (%(code)s, character %(at)d) "
            "that cannot be stored: delete it, or type the text again."
        )
        % {"code": f"U+{ord(found.group()):04X}", "at": found.start() + 1}
    )


def date(raw) -> dt.date | None:
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    value = text(raw)
    if value is None:
        return None
    if " " in value or "T" in value:
        # A workbook date typed as text sometimes carries a midnight time.
        head, _sep, tail = value.replace("T", " ").partition(" ")
        if tail.strip() in ("00:00", "00:00:00"):
            value = head
    match = ISO_DATE.match(value)
    if match:
        year, month, day = (int(x) for x in match.groups())
    else:
        match = FRENCH_DATE.match(value)
        if not match:
            raise CellError(
                _("“%(value)s” is not a date: write YYYY-MM-DD or DD/MM/YYYY.") % {"value": value}
            )
        day, month, year = (int(x) for x in match.groups())
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise CellError(
            _(
                "“%(value)s” is not a date of the calendar (write YYYY-MM-DD or DD/MM/YYYY, day first)."
            )
            % {"value": value}
        ) from None


def decimal(raw, *, comma_decimal: bool) -> Decimal | None:
    if isinstance(raw, bool):
        raise CellError(_("Write a number here, not a yes/no value."))
    if isinstance(raw, int):
        return Decimal(raw)
    if isinstance(raw, float):
        return Decimal(repr(raw))
    value = text(raw)
    if value is None:
        return None
    cleaned = value
    if comma_decimal:
        cleaned = cleaned.translate(THOUSANDS)
        if "," in cleaned:
            if "." in cleaned:
                raise CellError(
                    _(
                        "“%(value)s” mixes '.' and ',': write the number without separators, e.g. 12500,50."
                    )
                    % {"value": value}
                )
            cleaned = cleaned.replace(",", ".")
    try:
        number = Decimal(cleaned)
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite():
        hint = "12,5" if comma_decimal else "12.5"
        raise CellError(
            _("“%(value)s” is not a number (write it like %(example)s).")
            % {"value": value, "example": hint}
        )
    return number


def amount(raw, *, comma_decimal: bool, max_digits: int = 14) -> Decimal | None:
    number = decimal(raw, comma_decimal=comma_decimal)
    if number is None:
        return None
    rounded = number.quantize(Decimal("0.01"))
    if rounded != number:
        raise CellError(
            _("“%(value)s” has more than 2 decimals; amounts are in dirhams and centimes.")
            % {"value": raw}
        )
    if abs(rounded) >= Decimal(10) ** (max_digits - 2):
        raise CellError(_("“%(value)s” is too large.") % {"value": raw})
    return rounded


def integer(raw, *, comma_decimal: bool) -> int | None:
    number = decimal(raw, comma_decimal=comma_decimal)
    if number is None:
        return None
    if number != number.to_integral_value():
        raise CellError(_("“%(value)s” is not a whole number.") % {"value": raw})
    if abs(number) > 2_000_000_000:
        raise CellError(_("“%(value)s” is too large.") % {"value": raw})
    return int(number)


def boolean(raw) -> bool | None:
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, int | float) and raw in (0, 1):
        return bool(raw)
    value = text(raw)
    if value is None:
        return None
    lowered = value.lower()
    if lowered in TRUE_WORDS:
        return True
    if lowered in FALSE_WORDS:
        return False
    raise CellError(
        _("“%(value)s” is not a yes/no value: write true/false, yes/no, oui/non or 1/0.")
        % {"value": value}
    )


def year(raw) -> int | None:
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    value = text(raw)
    if value is None:
        return None
    if not YEAR.match(value):
        raise CellError(
            _("“%(value)s” is not a year: write four digits, e.g. 2022.") % {"value": value}
        )
    return int(value)
