"""API: one's own personal data and requests about it (law 09-08)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext as _
from ninja import Router, Schema, Status

from technopark.accounts.permissions import principal
from technopark.core.errors import DomainError
from technopark.privacy.models import DataRequest
from technopark.privacy.selectors import personal_data_json
from technopark.privacy.services import data_request_create

router = Router(tags=["personal data"])


class DataRequestIn(Schema):
    kind: DataRequest.Kind
    message: str = ""


class DataRequestOut(Schema):
    id: int
    kind: str
    message: str
    status: str
    created_at: dt.datetime
    answer: str


class ErrorOut(Schema):
    code: str
    message: str


def _me(request):
    if not principal(request.user).is_authenticated:
        raise DomainError(_("Log in or send an API token."), code="unauthenticated", status=401)
    return request.user


@router.get(
    "/privacy/me",
    response={200: dict[str, Any], 401: ErrorOut},
    summary="Everything the platform holds about you",
)
def my_data(request):
    return personal_data_json(_me(request))


@router.get(
    "/privacy/requests",
    response={200: list[DataRequestOut], 401: ErrorOut},
    summary="Your requests about your personal data",
)
def my_requests(request):
    return list(_me(request).data_requests.all())


@router.post(
    "/privacy/requests",
    response={201: DataRequestOut, 400: ErrorOut, 401: ErrorOut, 409: ErrorOut},
    summary="Ask for a copy, a correction or the deletion of your data",
)
def request_create(request, payload: DataRequestIn):
    created = data_request_create(user=_me(request), kind=payload.kind, message=payload.message)
    return Status(201, created)
