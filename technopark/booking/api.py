"""API: a room's availability, bookings listed, made and cancelled."""

import datetime as dt

from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from ninja.pagination import paginate

from technopark.accounts.permissions import get_visible_or_404, principal, require
from technopark.booking import services
from technopark.booking.models import Booking
from technopark.booking.permissions import resident_startup_ids, visible_bookings
from technopark.booking.rules import local, local_datetime, rules_for
from technopark.booking.selectors import bookings_between
from technopark.core.api_common import ErrorOut, Instant
from technopark.core.errors import DomainError
from technopark.core.query import check_day
from technopark.network.permissions import visible_spaces
from technopark.startups.models import Startup

router = Router(tags=["booking"])
# `from` is a Python keyword: the parameter is named from_ and read under its alias.
FROM_QUERY = Query(None, alias="from")


class BookingIn(Schema):
    site: str
    space: str
    starts_at: Instant
    ends_at: Instant
    title: str
    startup: str | None = None


class BookingOut(Schema):
    id: int
    site: str
    space: str
    kind: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    title: str
    startup: str | None
    status: str

    @staticmethod
    def resolve_site(obj) -> str:
        return obj.site.code

    @staticmethod
    def resolve_space(obj) -> str:
        return obj.space.code

    @staticmethod
    def resolve_startup(obj) -> str | None:
        return obj.startup.ref if obj.startup_id else None

    @staticmethod
    def resolve_starts_at(obj) -> dt.datetime:
        return local(obj.starts_at)

    @staticmethod
    def resolve_ends_at(obj) -> dt.datetime:
        return local(obj.ends_at)


class Slot(Schema):
    starts_at: dt.datetime
    ends_at: dt.datetime
    kind: str


class AvailabilityOut(Schema):
    site: str
    space: str
    date: dt.date
    bookable: bool
    opens_at: dt.datetime | None
    closes_at: dt.datetime | None
    max_minutes: int
    seats: int
    equipment: str
    busy: list[Slot]


def startup_for_booking(user, space, ref: str | None) -> Startup | None:
    """Members book for their startup resident at the site; staff may name any startup."""
    p = principal(user)
    if ref:
        startup = Startup.objects.filter(ref=ref).first()
        if startup is None or not (
            p.works_at_site(space.site_id) or startup.pk in resident_startup_ids(p, space.site_id)
        ):
            raise DomainError(_("You cannot book for this startup."), code="bad_startup")
        return startup
    ids = resident_startup_ids(p, space.site_id)
    return Startup.objects.get(pk=ids[0]) if ids else None


@router.get(
    "/spaces/{site}/{code}/availability",
    response={200: AvailabilityOut, 400: ErrorOut},
    summary="A room's opening hours and busy times on one day (Casablanca time)",
)
def space_availability(request, site: str, code: str, date: dt.date):
    # Far from today, Africa/Casablanca has odd historical offsets (-00:30:20 in year
    # 199) that are not valid RFC 3339 times; no booking is ever made then.
    check_day(date, field="date")
    space = get_visible_or_404(visible_spaces(request.user), site__code=site, code=code)
    rules = rules_for(space)
    open_day = space.bookable and rules.bookable and date.isoweekday() in rules.weekdays
    day_start = local_datetime(date, dt.time(0))
    day_end = local_datetime(date + dt.timedelta(days=1), dt.time(0))
    busy = [
        {"starts_at": local(b.starts_at), "ends_at": local(b.ends_at), "kind": b.kind}
        for b in bookings_between([space], day_start, day_end)
    ]
    return {
        "site": site,
        "space": code,
        "date": date,
        "bookable": open_day,
        "opens_at": local_datetime(date, rules.opens_at) if open_day else None,
        "closes_at": local_datetime(date, rules.closes_at) if open_day else None,
        "max_minutes": rules.max_minutes,
        "seats": space.seats,
        "equipment": rules.equipment,
        "busy": busy,
    }


@router.post(
    "/bookings",
    response={201: BookingOut, 400: ErrorOut, 409: ErrorOut},
    summary="Book a room (409 when the time is taken)",
)
def booking_create(request, payload: BookingIn):
    space = get_visible_or_404(
        visible_spaces(request.user), site__code=payload.site, code=payload.space
    )
    require(request.user, "booking.book", space, view_perm="space.view")
    booking = services.booking_create(
        space=space,
        starts_at=payload.starts_at,
        ends_at=payload.ends_at,
        title=payload.title,
        by=request.user,
        startup=startup_for_booking(request.user, space, payload.startup),
    )
    return Status(201, booking)


@router.get(
    "/bookings", response={200: list[BookingOut], 400: ErrorOut}, summary="Bookings you may see"
)
@paginate
def bookings_list(
    request,
    site: str | None = None,
    space: str | None = None,
    from_: dt.date | None = FROM_QUERY,
    to: dt.date | None = None,
):
    check_day(from_, field="from")
    check_day(to, field="to")
    qs = visible_bookings(request.user).filter(status=Booking.Status.CONFIRMED)
    if site:
        qs = qs.filter(site__code=site)
    if space:
        qs = qs.filter(space__code=space)
    if from_:
        qs = qs.filter(ends_at__gt=local_datetime(from_, dt.time(0)))
    if to:
        qs = qs.filter(starts_at__lt=local_datetime(to + dt.timedelta(days=1), dt.time(0)))
    return qs.select_related("site", "space", "startup").order_by("starts_at", "pk")


@router.delete("/bookings/{booking_id}", response={204: None}, summary="Cancel a booking")
def booking_delete(request, booking_id: int):
    booking = get_visible_or_404(visible_bookings(request.user), pk=booking_id)
    require(request.user, "booking.change", booking, view_perm="booking.view")
    services.booking_cancel(booking=booking, by=request.user)
    return Status(204, None)
