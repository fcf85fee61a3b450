"""The committee in the menu (those who run calls, and the members of a committee) and on
the home page (the sessions a member sits on, coming up)."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from technopark.accounts.permissions import principal
from technopark.committee.models import Member
from technopark.committee.permissions import can_run_some_call
from technopark.core.hooks import AppHooks, NavItem, TodayItem


def nav_items(request) -> list[NavItem]:
    """Officers and leadership (who run calls); experts and partners' staff, who may sit on a
    committee, see the sessions they sit on there."""
    p = principal(getattr(request, "user", None))
    if can_run_some_call(p) or p.is_expert:
        return [NavItem(_("Selection committees"), reverse("committee:list"), "startups")]
    return []


def today_items(request) -> list[TodayItem]:
    p = principal(request.user)
    if not p.is_authenticated:
        return []
    count = (
        Member.objects.filter(
            user_id=p.user_id,
            session__minutes="draft",
            session__starts_at__gte=timezone.now() - dt.timedelta(hours=12),
        )
        .values("session")
        .distinct()
        .count()
    )
    if not count:
        return []
    return [
        TodayItem(
            _("Selection committee sessions you sit on"),
            count,
            reverse("committee:list"),
            section="mine",
        )
    ]


HOOKS = AppHooks(nav_items=nav_items, today_items=today_items)
