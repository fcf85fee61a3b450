"""Demo bookings: room rules, a week of bookings around today, a blocking, the founder's
weekly meeting and calendar feed."""

from __future__ import annotations

import datetime as dt
import uuid

from technopark.booking.models import Audience, Booking, BookingRule, CalendarFeed
from technopark.booking.rules import local_datetime
from technopark.core.demo import DemoContext
from technopark.hosting.selectors import leases_active_on
from technopark.network.models import Site, Space

TITLES = [
    "Point d'équipe",
    "Entretien de recrutement",
    "Démo client",
    "Comité d'investissement",
    "Atelier design thinking",
    "Pitch training",
    "Réunion partenaires",
    "Sprint review",
    "Rendez-vous banque",
    "Formation RGPD / loi 09-08",
]
EQUIPMENT = {
    Space.Kind.MEETING_ROOM: 'Écran 65", visioconférence, tableau blanc',
    Space.Kind.EVENT_HALL: "Scène, sonorisation, vidéoprojecteur, régie",
}


def _rules(rooms: list[Space]) -> None:
    rows = []
    for room in rooms:
        if room.kind == Space.Kind.EVENT_HALL:
            rows.append(
                BookingRule(
                    space=room,
                    audience=Audience.STAFF,
                    max_minutes=10 * 60,
                    max_days_ahead=180,
                    equipment=EQUIPMENT[room.kind],
                )
            )
        else:
            rows.append(BookingRule(space=room, equipment=EQUIPMENT[room.kind]))
    BookingRule.objects.bulk_create(rows, ignore_conflicts=True)


def _week(ctx: DemoContext, site: Site, rooms: list[Space], staff, founder) -> list[Booking]:
    rng = ctx.rng
    residents = list(leases_active_on(ctx.today).filter(site=site).select_related("startup")[:40])
    founder_startup = founder.memberships.first().startup if founder else None
    bookings: list[Booking] = []
    meeting_rooms = [r for r in rooms if r.kind == Space.Kind.MEETING_ROOM]
    for offset in range(-3, 8):
        day = ctx.today + dt.timedelta(days=offset)
        if day.isoweekday() > 5:
            continue
        for room in meeting_rooms:
            hour = 8 + rng.randrange(0, 2)
            while hour < 18:
                length = rng.choice((1, 1, 2))
                if rng.random() < 0.55 and residents:
                    lease = rng.choice(residents)
                    bookings.append(
                        Booking(
                            site=site,
                            space=room,
                            starts_at=local_datetime(day, dt.time(hour)),
                            ends_at=local_datetime(day, dt.time(hour + length)),
                            title=rng.choice(TITLES),
                            startup=lease.startup,
                            booked_by=staff,
                        )
                    )
                hour += length + rng.randrange(0, 2)
    # The founder's weekly team meeting, Mondays 09:00, in the first room (kept free).
    if founder is not None and meeting_rooms:
        room = meeting_rooms[0]
        series = uuid.uuid4()
        monday = ctx.today - dt.timedelta(days=ctx.today.weekday())
        slots = {(local_datetime(monday + dt.timedelta(weeks=w), dt.time(9))) for w in range(4)}
        bookings = [b for b in bookings if not (b.space == room and b.starts_at in slots)]
        bookings = [
            b
            for b in bookings
            if not (
                b.space == room
                and any(b.starts_at < s + dt.timedelta(hours=1) and b.ends_at > s for s in slots)
            )
        ]
        for start in sorted(slots):
            bookings.append(
                Booking(
                    site=site,
                    space=room,
                    starts_at=start,
                    ends_at=start + dt.timedelta(hours=1),
                    title="Point hebdo de l'équipe",
                    startup=founder_startup,
                    booked_by=founder,
                    series=series,
                )
            )
    # Maintenance of the second room, two days ahead, in the morning.
    if len(meeting_rooms) > 1:
        day = ctx.today + dt.timedelta(days=2)
        start, end = local_datetime(day, dt.time(8)), local_datetime(day, dt.time(12))
        room = meeting_rooms[1]
        bookings = [
            b for b in bookings if not (b.space == room and b.starts_at < end and b.ends_at > start)
        ]
        bookings.append(
            Booking(
                site=site,
                space=room,
                kind=Booking.Kind.BLOCKING,
                starts_at=start,
                ends_at=end,
                title="Maintenance climatisation",
                booked_by=staff,
            )
        )
    halls = [r for r in rooms if r.kind == Space.Kind.EVENT_HALL]
    if halls:
        day = ctx.today + dt.timedelta(days=5)
        bookings.append(
            Booking(
                site=site,
                space=halls[0],
                starts_at=local_datetime(day, dt.time(9)),
                ends_at=local_datetime(day, dt.time(17)),
                title="Demo Day de la promotion",
                booked_by=staff,
            )
        )
    return bookings


def seed(ctx: DemoContext) -> None:
    site = Site.objects.filter(code="CASA").first() or Site.objects.order_by("opened_on").first()
    if site is None:
        ctx.log("no site: nothing to book")
        return
    rooms = list(site.spaces.filter(kind__in=Space.BOOKABLE_KINDS).order_by("code"))
    _rules(rooms)
    staff = ctx.users.get("site_manager") or ctx.users.get("network_admin")
    founder = ctx.users.get("founder")
    if staff is None or not rooms:
        ctx.log("no rooms or staff: no bookings")
        return
    bookings = _week(ctx, site, rooms, staff, founder)
    for booking in bookings:
        booking.uid = uuid.uuid4().hex
    Booking.objects.bulk_create(bookings, batch_size=500)
    if founder is not None:
        # A room's feed; the founder's own bookings are in their personal calendar.
        CalendarFeed.objects.create(user=founder, space=rooms[0], token=CalendarFeed.new_token())
    ctx.log(f"{len(rooms)} rooms at {site.code}, {len(bookings)} bookings around today")
