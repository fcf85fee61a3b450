"""Community life: calendars, feeds, amenities and the lobby are public; events are run
by the staff of their site (another site's staff get 404); tickets are their holder's."""

from technopark.community.tests.factories import event_world
from technopark.core.matrix import Case, everyone, with_roles

RUNS = {"site_manager": 200, "officer": 200, "admin": 200}
RUNS_POST = {"site_manager": 302, "officer": 302, "admin": 302}
STAFF = {"site_manager": 200, "officer": 200, "other_site_staff": 200, "admin": 200}

CASES = [
    Case("community:event_list", lambda c: "/community/events/", everyone(200), setup=event_world),
    Case(
        "community:event_list",
        lambda c: "/community/events/?view=month&site=SA",
        everyone(200),
        setup=event_world,
        id="month view",
    ),
    Case(
        "community:ical",
        lambda c: "/community/events.ics?site=SA",
        everyone(200),
        setup=event_world,
    ),
    Case(
        "community:event_create",
        lambda c: "/community/events/new/",
        {**STAFF, "anonymous": 302},
        default=403,
    ),
    Case(
        "community:my_events",
        lambda c: "/community/events/mine/",
        everyone(200, anonymous=302),
        setup=event_world,
    ),
    Case(
        "community:attendance",
        lambda c: "/community/events/attendance/",
        {**STAFF, "anonymous": 302},
        default=403,
        setup=event_world,
    ),
    Case(
        "community:event_detail",
        lambda c: f"/community/events/{c.event.pk}/",
        everyone(200),
        setup=event_world,
    ),
    Case(
        "community:event_detail",
        lambda c: f"/community/events/{c.residents_event.pk}/",
        everyone(200, anonymous=404),
        setup=event_world,
        id="residents event detail",
    ),
    Case(
        "community:event_register",
        lambda c: f"/community/events/{c.residents_event.pk}/register/",
        everyone(302, other_member=403, expert=403),
        method="post",
        setup=event_world,
        notes="a residents' event: members of startups hosted at the site and staff",
    ),
    Case(
        "community:event_unregister",
        lambda c: f"/community/events/{c.event.pk}/unregister/",
        {"owner": 302, "anonymous": 302},
        default=404,
        method="post",
        setup=event_world,
    ),
    Case(
        "community:event_manage",
        lambda c: f"/community/events/{c.event.pk}/manage/",
        {**RUNS, "anonymous": 302},
        default=404,
        setup=event_world,
    ),
    Case(
        "community:checkin",
        lambda c: f"/community/events/{c.event.pk}/checkin/",
        {**RUNS, "anonymous": 302},
        default=404,
        setup=event_world,
    ),
    Case(
        "community:registration_decide",
        lambda c: f"/community/registrations/{c.pending.pk}/decide/",
        {**RUNS_POST, "colleague": 403, "anonymous": 302},
        default=404,
        method="post",
        data=lambda c: {"approve": "1"},
        setup=event_world,
    ),
    Case(
        "community:checkin_registration",
        lambda c: f"/community/registrations/{c.registration.pk}/checkin/",
        {**RUNS, "owner": 403, "anonymous": 302},
        default=404,
        method="post",
        setup=event_world,
    ),
    Case(
        "community:ticket",
        lambda c: f"/community/tickets/{c.registration.ticket}/",
        {"owner": 200, **RUNS, "anonymous": 302},
        default=404,
        setup=event_world,
    ),
    Case(
        "community:amenities",
        lambda c: "/community/sites/SA/amenities/",
        everyone(200),
        setup=event_world,
    ),
    Case(
        "community:lobby", lambda c: "/community/sites/SA/lobby/", everyone(200), setup=event_world
    ),
    Case(
        "api:GET /api/v1/events",
        lambda c: "/api/v1/events?site=SA",
        everyone(200),
        setup=event_world,
    ),
    Case(
        "api:POST /api/v1/events",
        lambda c: "/api/v1/events",
        {"site_manager": 201, "officer": 201, "admin": 201, "anonymous": 404},
        default=403,
        method="post",
        json=True,
        data=lambda c: {
            "site": "SA",
            "title": "Afterwork",
            "kind": "networking",
            "starts_at": c.event.starts_at.isoformat(),
            "ends_at": c.event.ends_at.isoformat(),
            "capacity": 40,
            "audience": "network",
        },
        setup=event_world,
    ),
    Case(
        "api:POST /api/v1/events/{event_id}/registrations",
        lambda c: f"/api/v1/events/{c.event.pk}/registrations",
        everyone(201, owner=409, anonymous=404),
        method="post",
        setup=event_world,
        notes="owner is already registered: 409",
    ),
    Case(
        "api:DELETE /api/v1/events/{event_id}/registrations/mine",
        lambda c: f"/api/v1/events/{c.event.pk}/registrations/mine",
        {"owner": 204},
        default=404,
        method="delete",
        setup=event_world,
    ),
]


# What the desk agent (of site A's OMPIC desk) and partner staff (of `alpha`) get, per
# case: (desk_agent, partner_admin, partner_officer). A new case may instead name these
# three roles in its own `expect`; core/matrix.py refuses a case that names neither.
OTHER_ROLES = {
    "GET community:event_list": (200, 200, 200),
    "GET community:event_list [month view]": (200, 200, 200),
    "GET community:ical": (200, 200, 200),
    "GET community:event_create": (403, 403, 403),
    "GET community:my_events": (200, 200, 200),
    "GET community:attendance": (403, 403, 403),
    "GET community:event_detail": (200, 200, 200),
    "GET community:event_detail [residents event detail]": (200, 200, 200),
    "POST community:event_register": (403, 302, 302),
    "POST community:event_unregister": (404, 404, 404),
    "GET community:event_manage": (404, 404, 404),
    "GET community:checkin": (404, 404, 404),
    "POST community:registration_decide": (404, 404, 404),
    "POST community:checkin_registration": (404, 404, 404),
    "GET community:ticket": (404, 404, 404),
    "GET community:amenities": (200, 200, 200),
    "GET community:lobby": (200, 200, 200),
    "GET api:GET /api/v1/events": (200, 200, 200),
    "POST api:POST /api/v1/events": (403, 403, 403),
    "POST api:POST /api/v1/events/{event_id}/registrations": (201, 201, 201),
    "DELETE api:DELETE /api/v1/events/{event_id}/registrations/mine": (404, 404, 404),
}
CASES = with_roles(CASES, OTHER_ROLES)
