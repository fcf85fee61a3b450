"""What every app's API router shares: the error body and "who is calling" for the
endpoints about oneself. A base module (no app imported), unlike `house.api`, which
mounts the routers."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from django.utils.translation import gettext as _
from ninja import Schema
from pydantic import AfterValidator

from technopark.core.errors import DomainError


def _as_utc(value: dt.datetime) -> dt.datetime:
    # ISO 8601 allows offsets up to ±23:59, PostgreSQL only ±15:59: keep the instant, in UTC.
    return value.astimezone(dt.UTC) if value.tzinfo is not None else value


# A time a client sends: any ISO 8601 offset, stored as the same instant.
Instant = Annotated[dt.datetime, AfterValidator(_as_utc)]


class ErrorOut(Schema):
    """The body of an error answer: a stable code for programs, a message for people."""

    code: str
    message: str


def signed_in_user(request):
    """The caller of an endpoint about oneself; 401 for an anonymous call."""
    if not request.user.is_authenticated:
        raise DomainError(_("Log in or send an API token."), code="unauthenticated", status=401)
    return request.user
