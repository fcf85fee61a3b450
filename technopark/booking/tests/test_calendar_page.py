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
    # One cell over its two half hours, the label once, escaped, in a link to move it, with
    # its times and the whole title in the tooltip.
    label = "Comité &lt;de&gt; sélection"
    move = f'<a class="tp-slot-label" dir="auto" href="/booking/b/{booking.pk}/move/" title="10:00–11:00 {label}">{label}</a>'
    assert grid.count(move) == 1
    assert grid.count('<td class="tp-slot is-booked tp-block" colspan="2">') == 1
    book = f"/booking/{cast.site.code}/SALLE-1/book/?date={day}&start="
    assert f"{book}09:30" in grid and f"{book}11:00" in grid and f"{book}10:00" not in grid
    assert '<span class="visually-hidden">Book SALLE-1 11:00</span>' in grid


def test_back_to_back_bookings_are_two_blocks_each_with_its_own_title(cast, room, day):
    first = _book(cast, room, day, 9, "Point hebdo de l'équipe produit")
    second = _book(cast, room, day, 10, "Formation RGPD")
    html = cast.client("site_manager").get(f"/booking/{cast.site.code}/?date={day}").content
    grid = html.decode().split('class="d-md-none tp-agenda"')[0]
    assert grid.count('<td class="tp-slot is-booked tp-block" colspan="2">') == 2
    start_first = grid.index(f"/booking/b/{first.pk}/move/")
    start_second = grid.index(f"/booking/b/{second.pk}/move/")
    # Each title inside its own cell: the first cell closes before the second begins.
    assert "</td>" in grid[start_first:start_second]
    assert "Formation RGPD</a>" in grid[start_second:]


def test_the_half_hours_already_begun_are_not_offered(cast, room, day, monkeypatch):
    import datetime as dt

    from technopark.booking import views

    monkeypatch.setattr(views, "_now", lambda: dt.datetime.combine(day, dt.time(10, 40)))
    html = cast.client("site_manager").get(f"/booking/{cast.site.code}/?date={day}")
    grid, agenda = html.content.decode().split('class="d-md-none tp-agenda"')
    book = f"/booking/{cast.site.code}/SALLE-1/book/?date={day}&start="
    assert f"{book}10:00" not in grid and f"{book}10:30" not in grid
    assert grid.count('<td class="tp-slot is-past"></td>') == 6  # 08:00 to 10:30
    assert f"{book}11:00" in grid and f"{book}11:00" in agenda
    assert f"{book}10:30" not in agenda


def test_the_form_opens_on_the_half_hour_clicked_with_no_repetition(cast, room, day):
    url = f"/booking/{cast.site.code}/SALLE-1/book/"
    page = cast.client("owner").get(f"{url}?date={day}&start=14:30").content.decode()
    assert 'name="start" value="14:30"' in page and 'name="end" value="15:00"' in page
    assert "<details" in page and 'name="repeat_weeks"' in page
    # A number of weeks without the box ticked books once.
    cast.client("owner").post(
        url, {"day": day, "start": "14:30", "end": "15:00", "title": "Démo", "repeat_weeks": 4}
    )
    assert Booking.objects.filter(booked_by=cast.owner).count() == 1


def test_the_confirmation_says_what_was_booked(cast, room, day):
    response = cast.client("owner").post(
        f"/booking/{cast.site.code}/SALLE-1/book/",
        {"day": day, "start": "14:30", "end": "15:30", "title": "Démo client"},
        follow=True,
    )
    text = response.content.decode()
    assert f"on {day:%d/%m/%Y} from 14:30 to 15:30" in text and "Démo client" in text


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
