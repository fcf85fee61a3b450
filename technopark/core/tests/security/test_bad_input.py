"""What an outside attacker typed into addresses, on the small demo: each answered a 500.

Searches that named fields a user does not have, dates that are not dates or fall outside
any calendar the network keeps. Pages now show themselves for the default date with an
error message; the API answers 400 {"code": "invalid_date", "message", "field"}.
"""

from __future__ import annotations

import pytest
from django.test import Client

from technopark.desk.models import Desk
from technopark.programs.models import Plan
from technopark.support.models import ServiceRequest

pytestmark = pytest.mark.django_db

BAD_DATES = ("2022-13-45", "2022-02-30", "0001-01-01", "9999-12-31", "20220101", "2022-1-5")


@pytest.fixture
def admin(demo_network) -> Client:
    client = Client()
    client.force_login(demo_network.ctx.users["network_admin"])
    return client


def _shown(response) -> str:
    return response.content.decode()


def test_the_support_queue_finds_a_request_by_its_owners_name(admin):
    owned = ServiceRequest.objects.filter(owner__isnull=False).select_related("owner").first()
    name = owned.owner.full_name
    response = admin.get("/support/queue/", {"q": name.split()[-1], "status": "all"})
    assert response.status_code == 200
    assert owned.title in _shown(response)
    nobody = admin.get("/support/queue/", {"q": "zz-nobody-zz", "status": "all"})
    assert owned.title not in _shown(nobody)


def test_the_plans_find_a_startup_by_its_officers_name(admin):
    plan = Plan.objects.filter(officer__isnull=False).select_related("officer", "startup").first()
    response = admin.get("/programs/plans/", {"q": plan.officer.full_name})
    assert response.status_code == 200
    assert plan.startup.name in _shown(response)


def test_a_registration_list_is_searched_and_sorted_by_name(admin):
    from technopark.community.models import Event

    event = Event.objects.filter(registrations__user__isnull=False).first()
    registration = event.registrations.filter(user__isnull=False).select_related("user").first()
    path = f"/community/events/{event.pk}/manage/"
    found = admin.get(path, {"q": registration.user.full_name, "sort": "name"})
    assert found.status_code == 200
    assert registration.user.email in _shown(found)


@pytest.mark.parametrize("bad", BAD_DATES)
def test_the_booking_calendar_shows_today_and_says_the_date_is_wrong(admin, demo_network, bad):
    response = admin.get("/booking/CASA/", {"date": bad})
    assert response.status_code == 200
    assert "which this page cannot show" in _shown(response)
    assert f"?date={demo_network.today.isoformat()}&view=day" in _shown(response)


@pytest.mark.parametrize("path", ["/bilan/", "/bilan/figure/startups_supported/"])
@pytest.mark.parametrize("bad", ["0001-01-01", "9999-12-31", "2022-02-30"])
def test_the_bilan_shows_today_and_says_the_date_is_wrong(admin, path, bad):
    response = admin.get(path, {"as_of": bad, "site": "CASA"})
    assert response.status_code == 200
    assert "which this page cannot show" in _shown(response)
    assert 'value="CASA" selected' in _shown(response)  # the site asked for is kept


@pytest.mark.parametrize("path", ["/bilan/trends/", "/bilan/sites/"])
def test_the_parts_of_the_bilan_loaded_after_it_take_the_default_date(admin, path):
    response = admin.get(path, {"as_of": "0001-01-01"})
    assert response.status_code == 200
    # the page around them said what was wrong; they keep no message for the next page
    assert "which this page cannot show" not in _shown(admin.get("/bilan/"))


def test_a_good_date_is_still_read(admin):
    response = admin.get("/booking/CASA/", {"date": "2022-11-30"})
    assert response.status_code == 200
    assert "?date=2022-11-30&view=day" in _shown(response)
    assert "which this page cannot show" not in _shown(response)


@pytest.mark.parametrize(
    ("path", "params", "field"),
    [
        ("/api/v1/desks/{desk}/slots", {"date": "2022-02-30"}, "date"),
        ("/api/v1/desks/{desk}/slots", {"date": "9999-12-31"}, "date"),
        ("/api/v1/events", {"from": "2022-02-30"}, "from"),
        ("/api/v1/events", {"to": "0001-01-01"}, "to"),
        ("/api/v1/bookings", {"to": "9999-12-31"}, "to"),
        ("/api/v1/bookings", {"from": "0001-01-01"}, "from"),
        ("/api/v1/bilan", {"as_of": "0001-01-01"}, "as_of"),
        ("/api/v1/bilan", {"as_of": "9999-12-31"}, "as_of"),
        ("/api/v1/federation/regions", {"as_of": "9999-12-31"}, "as_of"),
    ],
)
def test_the_api_answers_400_for_a_date_out_of_any_calendar(demo_network, path, params, field):
    desk = Desk.objects.order_by("pk").first()
    response = Client().get(path.format(desk=desk.pk), params, **demo_network.headers("staff"))
    assert response.status_code == 400, response.content
    body = response.json()
    assert body["code"] == "invalid_date"
    assert body["field"] == field
    assert body["message"]
