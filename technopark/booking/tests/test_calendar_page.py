"""The day grid: what each half hour shows, and a cost that does not grow with the rooms'
bookings (the grid's cells are drawn in the view, once each)."""

from __future__ import annotations

from technopark.booking import services
from technopark.booking.models import Booking
from technopark.booking.tests.conftest import at
from technopark.house.testing import SpaceFactory
from technopark.network.models import Space


def _book(cast, room, day, hour, title):
    return services.booking_create(
        space=room,
        starts_at=at(day, hour),
        ends_at=at(day, hour + 1),
        title=title,
        by=cast.site_manager,
    )


def test_the_grid_shows_each_booking_once_and_links_each_free_half_hour(cast, room, day):
    booking = _book(cast, room, day, 10, "Comité <de> sélection")
    html = cast.client("site_manager").get(f"/booking/{cast.site.code}/?date={day}").content
    grid = html.decode().split('class="d-md-none tp-agenda"')[0]
    # The label once (the booking's first half hour), escaped, in a link to move it.
    label = "Comité &lt;de&gt; sélection"
    assert grid.count(f'<a class="tp-slot-label" href="/booking/b/{booking.pk}/move/">{label}') == 1
    assert grid.count(f'<td class="tp-slot is-booked" title="{label}">') == 2  # 10:00, 10:30
    book = f"/booking/{cast.site.code}/SALLE-1/book/?date={day}&start="
    assert f"{book}09:30" in grid and f"{book}11:00" in grid and f"{book}10:00" not in grid
    assert '<span class="visually-hidden">Book SALLE-1 11:00</span>' in grid


def test_the_phone_agenda_lists_the_day_s_runs(cast, room, day):
    booking = _book(cast, room, day, 10, "Comité <de> sélection")
    services.room_block(
        space=room,
        starts_at=at(day, 14),
        ends_at=at(day, 15),
        title="Travaux",
        by=cast.site_manager,
    )
    html = cast.client("site_manager").get(f"/booking/{cast.site.code}/?date={day}").content
    agenda = html.decode().split('class="d-md-none tp-agenda"')[1]
    label = "Comité &lt;de&gt; sélection"
    assert '<span class="tp-agenda-time">10:00–11:00</span>' in agenda
    assert f'<a href="/booking/b/{booking.pk}/move/">{label}</a>' in agenda
    assert "Blocked by staff: Travaux" in agenda
    book = f'href="/booking/{cast.site.code}/SALLE-1/book/?date={day}&start=11:00">Book'
    assert book in agenda and '<span class="visually-hidden"> SALLE-1 11:00</span>' in agenda
    # A founder sees whose booking it is, never the staff's title, and may not move it.
    founder = cast.client("owner").get(f"/booking/{cast.site.code}/?date={day}").content.decode()
    assert "Comité" not in founder.split('class="d-md-none tp-agenda"')[1]


def test_the_day_grid_reads_as_much_with_many_rooms_and_bookings(
    cast, room, day, django_assert_max_num_queries
):
    client = cast.client("site_manager")
    _book(cast, room, day, 9, "First")
    client.get(f"/booking/{cast.site.code}/?date={day}")  # the session and principal, warm
    with django_assert_max_num_queries(12) as small:
        client.get(f"/booking/{cast.site.code}/?date={day}")
    for n in range(4):
        other = SpaceFactory(
            site=cast.site, code=f"SALLE-{n + 2}", kind=Space.Kind.MEETING_ROOM, leasable=False
        )
        for hour in (9, 11, 14):
            _book(cast, other, day, hour, f"Meeting {n}-{hour}")
    with django_assert_max_num_queries(12) as large:
        html = client.get(f"/booking/{cast.site.code}/?date={day}").content.decode()
    assert len(large.captured_queries) == len(small.captured_queries)
    assert Booking.objects.count() == 13
    assert all(f"Meeting {n}-14" in html for n in range(4))
