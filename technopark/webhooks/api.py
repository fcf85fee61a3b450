"""API: webhook subscriptions of network and partner administrators (docs/webhooks.md).

`POST /webhooks` answers the subscription with its `secret` (shown once: keep it to verify
the signatures); `GET /webhooks` lists one's subscriptions; `DELETE /webhooks/{id}` ends one.
"""

from __future__ import annotations

import datetime as dt

from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from technopark.accounts.permissions import get_visible_or_404
from technopark.core.api_common import ErrorOut, signed_in_user
from technopark.webhooks import services
from technopark.webhooks.models import Subscription
from technopark.webhooks.permissions import visible_subscriptions

router = Router(tags=["webhooks"])


class SubscriptionIn(Schema):
    url: str = Field(..., description="The receiver: an http(s) URL on a public address.")
    actions: list[str] = Field(
        ..., description="The action names it wants (docs/actions.md), e.g. invoice.issued."
    )


class SubscriptionOut(Schema):
    id: int
    url: str
    actions: list[str]
    created_at: dt.datetime
    paused: bool = Field(..., description="Paused after repeated failures, until resumed.")
    paused_at: dt.datetime | None
    failures: int = Field(..., description="Failed attempts in a row.")
    updated_at: dt.datetime


class SubscriptionCreated(SubscriptionOut):
    secret: str = Field(
        ...,
        description="The signing secret (whsec_…, Standard Webhooks); shown only in this answer.",
    )


def _out(subscription: Subscription) -> dict:
    return {
        "id": subscription.pk,
        "url": subscription.url,
        "actions": subscription.actions,
        "created_at": subscription.created_at,
        "paused": subscription.paused,
        "paused_at": subscription.paused_at,
        "failures": subscription.failures,
        "updated_at": subscription.updated_at,
    }


@router.post(
    "/webhooks",
    response={201: SubscriptionCreated, 400: ErrorOut, 401: ErrorOut, 403: ErrorOut},
    summary="Subscribe a receiver to actions (network and partner administrators)",
)
def webhook_create(request, payload: SubscriptionIn):
    user = signed_in_user(request)
    subscription = services.subscription_create(url=payload.url, actions=payload.actions, by=user)
    return Status(201, {**_out(subscription), "secret": subscription.secret})


@router.get("/webhooks", response=list[SubscriptionOut], summary="Your webhook subscriptions")
@paginate
def webhook_list(request):
    user = signed_in_user(request)
    return visible_subscriptions(user).order_by("pk")


@router.delete(
    "/webhooks/{subscription_id}",
    response={204: None, 401: ErrorOut, 404: ErrorOut},
    summary="Remove one of your webhook subscriptions",
)
def webhook_delete(request, subscription_id: int):
    user = signed_in_user(request)
    subscription = get_visible_or_404(visible_subscriptions(user), pk=subscription_id)
    services.subscription_delete(subscription=subscription, by=user)
    return Status(204, None)
