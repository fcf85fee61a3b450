"""Who hosting tells, and what: every message goes through `notification_send` (kinds in
`hosting/notifications.py`), in each recipient's language (invoices: `billing`).

- a contract ending soon: the site's managers and the startup's members;
- the waiting list: the founders are offered a space and told when the offer lapses; the
  site's managers when it is accepted, declined or lapses.
"""

from __future__ import annotations

from django.urls import reverse

from technopark.billing.services.notices import founders_of, members_of, site_managers
from technopark.core.translated import name_of
from technopark.hosting.models import Lease, WaitingEntry
from technopark.notifications.services import notification_send

__all__ = ["founders_of", "members_of", "site_managers"]


def _workspace(startup) -> str:
    return reverse("hosting:startup_invoices", args=[startup.ref])


def lease_reminder_send(*, lease: Lease, days: int) -> None:
    context = {
        "startup": lease.startup.name,
        "space": lease.space.code,
        "site": name_of(lease.site),
        "days": days,
        "end": lease.planned_end,
    }
    notification_send(
        to=members_of(lease.startup_id),
        kind="hosting.lease_ending",
        context=context,
        url=_workspace(lease.startup),
    )
    notification_send(
        to=site_managers(lease.site_id),
        kind="hosting.lease_ending",
        context=context,
        url=reverse("hosting:contract_detail", args=[lease.site.code, lease.pk]),
    )


def _offer_context(entry: WaitingEntry, space) -> dict:
    return {
        "startup": entry.startup.name,
        "site": name_of(entry.site),
        "space": space.code,
        "area": space.area_m2,
        # The lazy label, so each recipient reads the kind of space in their language.
        "space_kind": type(space).Kind(space.kind).label,
        "answer_by": entry.answer_by,
    }


def offer_made_send(*, entry: WaitingEntry) -> None:
    notification_send(
        to=founders_of(entry.startup_id),
        kind="hosting.space_offered",
        context=_offer_context(entry, entry.offered_space),
        url=_workspace(entry.startup),
    )


def offer_outcome_send(*, entry: WaitingEntry, space, outcome: str) -> None:
    """`outcome`: accepted, declined or expired. The managers are told; on expiry the
    founders too (they keep their place)."""
    context = {**_offer_context(entry, space), "outcome": outcome}
    if outcome == "expired":
        notification_send(
            to=founders_of(entry.startup_id),
            kind="hosting.offer_expired",
            context=context,
            url=_workspace(entry.startup),
        )
    notification_send(
        to=site_managers(entry.site_id),
        kind="hosting.offer_answered",
        context=context,
        url=reverse("hosting:waiting_list", args=[entry.site.code]),
    )
