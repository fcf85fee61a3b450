"""Demo weekly slots of the experts, and founders' sessions booked in them (seeded inside
support's silent demo, through the services)."""

from __future__ import annotations

import datetime as dt

from technopark.core.demo import DemoContext
from technopark.core.errors import DomainError
from technopark.startups.models import Startup
from technopark.support import services_slots as availability
from technopark.support.models import Expert

# weekday, start, end, mode, place
WEEKLY = [
    (1, dt.time(14), dt.time(16), "place", "Technopark Casablanca, salle Atlas"),
    (3, dt.time(10), dt.time(11, 30), "video", "https://meet.technopark.ma/expert"),
    (4, dt.time(15), dt.time(17), "place", "Technopark Rabat, salle Bouregreg"),
]
TOPICS = [
    "Revoir notre pricing SaaS avant la levée de fonds",
    "Préparer le pitch pour Innov Invest",
    "Structurer notre offre export vers l'Afrique de l'Ouest",
]


def seed_slots(ctx: DemoContext, experts: list[Expert], startups: list[Startup]) -> str:
    published = 0
    for i, expert in enumerate(experts):
        if expert.weekly_slots.exists():
            continue
        for weekday, start, end, mode, place in (WEEKLY[i % 3], WEEKLY[(i + 1) % 3]):
            availability.expert_slot_publish(
                expert=expert,
                weekday=weekday,
                start=start,
                end=end,
                valid_from=ctx.today - dt.timedelta(days=7),
                valid_until=ctx.today + dt.timedelta(days=120),
                mode=mode,
                place=place,
                by=expert.user,
            )
            published += 1
    booked = 0
    founder = ctx.users.get("founder")
    for k, startup in enumerate(startups[:3]):
        expert = experts[k % len(experts)] if experts else None
        if expert is None:
            break
        free = availability.free_occurrences(expert)
        if not free:
            continue
        member = founder if k == 0 else startup.memberships.select_related("user").first()
        try:
            availability.slot_session_book(
                slot=free[min(k, len(free) - 1)].slot,
                starts_at=free[min(k, len(free) - 1)].starts_at,
                startup=startup,
                topic=TOPICS[k % len(TOPICS)],
                by=member if k == 0 else getattr(member, "user", None),
            )
            booked += 1
        except DomainError as exc:  # e.g. no hours left in the period
            ctx.log(f"skipped a demo slot booking: {exc.message}")
    return f"{published} weekly slots, {booked} slot bookings"
