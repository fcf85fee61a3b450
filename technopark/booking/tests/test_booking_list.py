"""The list of bookings: each person sees their own and their startup's, a site's staff
every booking of their site; search, filters and the export hold to the same scope."""

from __future__ import annotations

import csv
import io

from technopark.booking.models import Booking
from technopark.booking.tests.conftest import at, next_weekday


def _book(cast, room, title, hour, *, startup, by, day=None) -> Booking:
    day = day or next_weekday()
    return Booking.objects.create(
        site=room.site,
        space=room,
        starts_at=at(day, hour),
        ends_at=at(day, hour + 1),
        title=title,
        startup=startup,
        booked_by=by,
    )


def _titles(page) -> set[str]:
    text = page.content.decode()
    return {t for t in ("Point hebdo", "Client Atlas", "Revue interne") if t in text}


def test_each_person_sees_the_bookings_they_may_see(cast, room):
    _book(cast, room, "Point hebdo", 9, startup=cast.own, by=cast.owner)
    _book(cast, room, "Client Atlas", 11, startup=cast.own, by=cast.colleague)
    _book(cast, room, "Revue interne", 14, startup=None, by=cast.site_manager)

    assert _titles(cast.client("owner").get("/booking/list/")) == {
        "Point hebdo",
        "Client Atlas",
    }
    assert _titles(cast.client("site_manager").get("/booking/list/")) == {
        "Point hebdo",
        "Client Atlas",
        "Revue interne",
    }
    assert _titles(cast.client("other_member").get("/booking/list/")) == set()
    assert _titles(cast.client("other_site_staff").get("/booking/list/")) == set()
    # The export holds to the same scope: no other startup's booking in another's file.
    response = cast.client("other_member").get("/booking/list/", {"when": "all", "export": "csv"})
    rows = list(
        csv.reader(
            io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig")), delimiter=";"
        )
    )
    assert rows[1:] == []


def test_search_filters_and_export_what_is_shown(cast, room):
    _book(cast, room, "Point hebdo", 9, startup=cast.own, by=cast.owner)
    cancelled = _book(cast, room, "Client Atlas", 11, startup=cast.own, by=cast.owner)
    Booking.objects.filter(pk=cancelled.pk).update(status=Booking.Status.CANCELLED)
    past = _book(
        cast,
        room,
        "Revue interne",
        10,
        startup=cast.own,
        by=cast.owner,
        day=next_weekday(after_days=-30),
    )
    client = cast.client("owner")

    assert _titles(client.get("/booking/list/")) == {"Point hebdo", "Client Atlas"}
    assert _titles(client.get("/booking/list/", {"when": "past"})) == {"Revue interne"}
    assert _titles(client.get("/booking/list/", {"status": "cancelled"})) == {"Client Atlas"}
    assert _titles(client.get("/booking/list/", {"q": "CLIENT"})) == {"Client Atlas"}

    response = client.get("/booking/list/", {"when": "all", "sort": "latest", "export": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0][:3] == ["Date", "From", "To"]
    assert [r[5] for r in rows[1:]] == ["Client Atlas", "Point hebdo", "Revue interne"]
    assert rows[1][8] == "Cancelled"
    assert past.pk  # the past booking is in the whole list, last in "latest first"


def test_the_list_is_in_the_readers_language(cast, room):
    _book(cast, room, "Point hebdo", 9, startup=cast.own, by=cast.owner)
    page = cast.client("owner").get("/booking/list/", HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    assert 'dir="rtl"' in page and "الحجوزات" in page
    page = cast.client("owner").get("/booking/list/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Réservations" in page
