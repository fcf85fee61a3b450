"""Every webhooks page and API operation as every member of the cast.

Network administrators and partner administrators subscribe; a subscription (here the
administrator's) is seen and changed by its owner only: a 404 for everyone else."""

from __future__ import annotations

from technopark.core.matrix import Case, everyone


def _subscription(c):
    from technopark.webhooks.models import Subscription

    found = Subscription.objects.filter(owner=c.admin).first()
    if found is None:
        found = Subscription.objects.create(
            owner=c.admin, url="https://hooks.example.org/technopark", actions=["invoice.issued"]
        )
    return found


def _mine(c) -> str:
    return f"/webhooks/{_subscription(c).pk}/"


BODY = {"url": "https://hooks.example.org/technopark", "actions": ["invoice.issued"]}
OWNER_ONLY = everyone(404, admin=200, anonymous=302)

CASES = [
    Case(
        "webhooks:index",
        lambda c: "/webhooks/",
        everyone(404, admin=200, partner_admin=200, anonymous=302),
    ),
    Case("webhooks:detail", _mine, OWNER_ONLY),
    Case(
        "webhooks:resume",
        lambda c: _mine(c) + "resume/",
        everyone(404, admin=302, anonymous=302),
        method="post",
    ),
    Case(
        "webhooks:test",
        lambda c: _mine(c) + "test/",
        everyone(404, admin=302, anonymous=302),
        method="post",
    ),
    Case(
        "api:POST /api/v1/webhooks",
        lambda c: "/api/v1/webhooks",
        everyone(403, admin=201, partner_admin=201, anonymous=401),
        method="post",
        data=lambda c: BODY,
        json=True,
    ),
    Case(
        "api:GET /api/v1/webhooks",
        lambda c: "/api/v1/webhooks",
        everyone(200, anonymous=401),
    ),
    Case(
        "api:DELETE /api/v1/webhooks/{subscription_id}",
        lambda c: f"/api/v1/webhooks/{_subscription(c).pk}",
        everyone(404, admin=204, anonymous=401),
        method="delete",
    ),
]
