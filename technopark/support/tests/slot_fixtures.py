"""Experts' weekly slots for the tests and the permission matrix."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from technopark.support.models import ExpertSlot
from technopark.support.services_slots import CASABLANCA, expert_slot_publish, slot_session_book
from technopark.support.tests.fixtures import make_expert


def publish_slot(expert, *, in_days: int = 3, hour: int = 10, hours: int = 2) -> ExpertSlot:
    """A weekly slot whose first occurrence is `in_days` from today at `hour`."""
    day = timezone.localdate() + dt.timedelta(days=in_days)
    return expert_slot_publish(
        expert=expert,
        weekday=day.weekday(),
        start=dt.time(hour),
        end=dt.time(hour + hours),
        valid_from=timezone.localdate(),
        mode="video",
        place="https://meet.example.ma/expert",
        by=expert.user,
    )


def first_start(slot: ExpertSlot, in_days: int = 3) -> dt.datetime:
    day = timezone.localdate() + dt.timedelta(days=in_days)
    return dt.datetime.combine(day, slot.start, tzinfo=CASABLANCA)


def slot_world(c) -> None:
    """The expert publishes a slot; own's owner books its first occurrence."""
    c.expert_profile = make_expert(c)
    c.weekly_slot = publish_slot(c.expert_profile)
    c.slot_session = slot_session_book(
        slot=c.weekly_slot,
        starts_at=first_start(c.weekly_slot),
        startup=c.own,
        topic="Préparer la levée de fonds",
        by=c.owner,
    )
