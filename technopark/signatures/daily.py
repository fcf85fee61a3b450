"""Signatures' once-a-day job for `technopark daily`: open requests past their date expire."""

from __future__ import annotations

import datetime as dt

from technopark.signatures.services import signature_requests_expire


def daily(today: dt.date) -> str:
    return f"{signature_requests_expire(today=today)} expired request(s)"
