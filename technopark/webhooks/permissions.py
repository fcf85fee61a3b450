"""Who may subscribe to webhooks, whose subscriptions one sees, which actions one may hear.

Network administrators and partner administrators subscribe; a subscription is seen and
changed by its owner only. A receiver gets only the actions its owner may see: those of
the startups whose private records the owner reads (`startups.permissions`), and, for
site staff, those of their sites that concern no startup. So a partner's subscription
never carries another startup's data.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from technopark.accounts.permissions import Principal, principal, rule
from technopark.core.actions import STAFF_ONLY
from technopark.core.models import Action
from technopark.startups.permissions import private_startups
from technopark.webhooks.models import Subscription


def may_subscribe(p: Principal) -> bool:
    return p.is_network_admin or bool(p.partner_admin_operator_ids)


@rule("webhook.create")
def _create(p: Principal, obj=None) -> bool:
    return may_subscribe(p)


@rule("webhook.view")
def _view(p: Principal, subscription: Subscription) -> bool:
    return p.user_id is not None and subscription.owner_id == p.user_id


@rule("webhook.change")
def _change(p: Principal, subscription: Subscription) -> bool:
    return _view(p, subscription) and may_subscribe(p)


def visible_subscriptions(user) -> QuerySet[Subscription]:
    p = principal(user)
    if not p.is_authenticated or not may_subscribe(p):
        return Subscription.objects.none()
    return Subscription.objects.filter(owner_id=p.user_id)


def visible_actions(user) -> QuerySet[Action]:
    """The named actions `user` may see."""
    p = principal(user)
    if p.is_network_admin:
        return Action.objects.all()
    if not p.is_authenticated:
        return Action.objects.none()
    q = Q(startup_id__in=private_startups(user).values("pk"))
    if p.staff_site_ids:
        q |= Q(startup_id__isnull=True, site_id__in=p.staff_site_ids)
    if not p.is_staff:  # a startup's members never hear of the staff's notes on it
        return Action.objects.filter(q).exclude(name__in=STAFF_ONLY)
    return Action.objects.filter(q)
