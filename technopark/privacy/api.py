"""API: one's own personal data and requests about it (law 09-08)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ninja import Router, Schema, Status
from ninja.pagination import paginate

from technopark.core.api_common import ErrorOut, signed_in_user
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


@router.get(
    "/privacy/me",
    response={200: dict[str, Any], 401: ErrorOut},
    summary="Everything the platform holds about you",
)
def my_data(request):
    return personal_data_json(signed_in_user(request))


@router.get(
    "/privacy/requests",
    response={200: list[DataRequestOut], 401: ErrorOut},
    summary="Your requests about your personal data",
)
@paginate
def my_requests(request):
    return signed_in_user(request).data_requests.order_by("-created_at", "-pk")


@router.post(
    "/privacy/requests",
    response={201: DataRequestOut, 400: ErrorOut, 401: ErrorOut, 409: ErrorOut},
    summary="Ask for a copy, a correction or the deletion of your data",
)
def request_create(request, payload: DataRequestIn):
    created = data_request_create(
        user=signed_in_user(request), kind=payload.kind, message=payload.message
    )
    return Status(201, created)
