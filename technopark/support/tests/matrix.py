"""Support pages: a request is seen by its startup, the staff of its site and the expert booked."""

from technopark.core.matrix import Case, everyone, with_roles
from technopark.support.tests.fixtures import (
    make_consortium,
    make_expert,
    make_opportunity,
    make_request,
)
from technopark.support.tests.slot_fixtures import slot_world

STAFF = {"officer": 200, "site_manager": 200, "admin": 200, "other_site_staff": 200}
MEMBERS_403 = {"owner": 403, "colleague": 403, "other_member": 403, "expert": 403}
SEES_REQUEST = {
    "owner": 200,
    "colleague": 200,
    "officer": 200,
    "site_manager": 200,
    "admin": 200,
    "expert": 200,
    "anonymous": 302,
}
SEES_GIE = {
    "owner": 200,
    "colleague": 200,
    "other_member": 200,
    "officer": 200,
    "site_manager": 200,
    "admin": 200,
    "other_site_staff": 200,
    "anonymous": 302,
}


def _session(c) -> int:
    return make_request(c).sessions.get().pk


def _doc(c):
    consortium = make_consortium(c)
    return f"/support/groupings/{consortium.pk}/documents/{consortium.documents.first().pk}/"


CASES = [
    Case("support:catalogue", lambda c: "/support/", everyone(200)),
    Case(
        "support:request_create",
        lambda c: "/support/requests/new/",
        {"owner": 200, "colleague": 200, "other_member": 200, "anonymous": 302},
        default=403,
    ),
    Case(
        "support:request",
        lambda c: f"/support/requests/{make_request(c).pk}/",
        SEES_REQUEST,
        default=404,
    ),
    Case(
        "support:request",
        lambda c: f"/support/requests/{make_request(c).pk}/",
        {
            "officer": 302,
            "site_manager": 302,
            "admin": 302,
            "owner": 403,
            "colleague": 403,
            "expert": 403,
            "anonymous": 302,
        },
        default=404,
        method="post",
        data=lambda c: {"action": "take"},
        id="take a request",
    ),
    Case(
        "support:session_answer",
        lambda c: f"/support/sessions/{_session(c)}/answer/",
        {
            "expert": 302,
            "owner": 403,
            "colleague": 403,
            "officer": 403,
            "site_manager": 403,
            "admin": 403,
            "anonymous": 302,
        },
        default=404,
        method="post",
        data=lambda c: {"answer": "accept"},
        id="only the expert answers",
    ),
    Case(
        "support:session_cancel",
        lambda c: f"/support/sessions/{_session(c)}/cancel/",
        {
            "expert": 302,
            "owner": 302,
            "colleague": 302,
            "officer": 302,
            "site_manager": 302,
            "admin": 302,
            "anonymous": 302,
        },
        default=404,
        method="post",
        data=lambda c: {"reason": "Empêchement"},
        id="either side cancels",
    ),
    Case("support:queue", lambda c: "/support/queue/", {**STAFF, **MEMBERS_403, "anonymous": 302}),
    Case(
        "support:experts", lambda c: "/support/experts/", {**STAFF, **MEMBERS_403, "anonymous": 302}
    ),
    Case(
        "support:expert_profile",
        lambda c: "/support/experts/me/",
        {"expert": 200, "anonymous": 302},
        default=404,
        setup=lambda c: make_expert(c),
    ),
    Case(
        "support:opportunity_create",
        lambda c: "/support/opportunities/new/",
        {**STAFF, **MEMBERS_403, "anonymous": 302},
    ),
    Case(
        "support:opportunity",
        lambda c: f"/support/opportunities/{make_opportunity(c).pk}/",
        everyone(200, anonymous=302),
    ),
    Case(
        "support:grouping_create",
        lambda c: "/support/groupings/new/",
        {
            **STAFF,
            "owner": 200,
            "other_member": 200,
            "colleague": 403,
            "expert": 403,
            "anonymous": 302,
        },
    ),
    Case(
        "support:grouping",
        lambda c: f"/support/groupings/{make_consortium(c).pk}/",
        SEES_GIE,
        default=404,
    ),
    Case("support:grouping_document", _doc, SEES_GIE, default=404),
]


# What the desk agent (of site A's OMPIC desk) and partner staff (of `alpha`) get, per
# case: (desk_agent, partner_admin, partner_officer). A new case may instead name these
# three roles in its own `expect`; core/matrix.py refuses a case that names neither.
OTHER_ROLES = {
    "GET support:catalogue": (200, 200, 200),
    "GET support:request_create": (403, 403, 403),
    "GET support:request": (404, 404, 404),
    "POST support:request [take a request]": (404, 404, 404),
    "POST support:session_answer [only the expert answers]": (404, 404, 404),
    "POST support:session_cancel [either side cancels]": (404, 404, 404),
    "GET support:queue": (403, 200, 200),
    "GET support:experts": (403, 200, 200),
    "GET support:expert_profile": (404, 404, 404),
    "GET support:opportunity_create": (403, 200, 200),
    "GET support:opportunity": (200, 200, 200),
    "GET support:grouping_create": (403, 403, 403),
    "GET support:grouping": (404, 404, 404),
    "GET support:grouping_document": (404, 404, 404),
}
CASES = with_roles(CASES, OTHER_ROLES)

# The API: a request is read by those who see it on its page (a 404 to everyone else,
# another startup's founder included); asked by a startup's members.
CASES += [
    Case(
        "api:GET /api/v1/support-requests",
        lambda c: (make_request(c), "/api/v1/support-requests")[1],
        everyone(200),
    ),
    Case(
        "api:GET /api/v1/support-requests/{request_id}",
        lambda c: f"/api/v1/support-requests/{make_request(c).pk}",
        {
            **SEES_REQUEST,
            "anonymous": 404,
            "desk_agent": 404,
            "partner_admin": 404,
            "partner_officer": 404,
        },
        default=404,
    ),
    Case(
        "api:POST /api/v1/support-requests",
        lambda c: "/api/v1/support-requests",
        {
            "owner": 201,
            "colleague": 201,
            "other_member": 201,
            "anonymous": 401,
            "desk_agent": 403,
            "partner_admin": 403,
            "partner_officer": 403,
        },
        default=403,
        method="post",
        json=True,
        data=lambda c: {"family": "market", "title": "Salon", "text": "Trouver des clients"},
    ),
]


# Experts' weekly slots (support/services_slots.py): roles named in full, the three explicit
# roles included.
_SLOTS_OTHERS = {"desk_agent": 403, "partner_admin": 403, "partner_officer": 403}
CASES += [
    Case(
        "support:expert_book",
        lambda c: "/support/experts/book/",
        {"owner": 200, "colleague": 200, "other_member": 200, "anonymous": 302, **_SLOTS_OTHERS},
        default=403,
        setup=slot_world,
    ),
    Case(
        "support:expert_slots",
        lambda c: "/support/experts/me/slots/",
        {
            "expert": 200,
            "anonymous": 302,
            "desk_agent": 404,
            "partner_admin": 404,
            "partner_officer": 404,
        },
        default=404,
        setup=slot_world,
    ),
    Case(
        "support:expert_slot_withdraw",
        lambda c: f"/support/experts/me/slots/{c.weekly_slot.pk}/withdraw/",
        {
            "expert": 302,
            "anonymous": 302,
            "desk_agent": 404,
            "partner_admin": 404,
            "partner_officer": 404,
        },
        default=404,
        method="post",
        setup=slot_world,
    ),
    Case(
        "support:slot_no_show",
        lambda c: f"/support/sessions/{c.slot_session.pk}/no-show/",
        {
            "expert": 302,
            "owner": 403,
            "colleague": 403,
            "officer": 403,
            "site_manager": 403,
            "admin": 403,
            "anonymous": 302,
            "desk_agent": 404,
            "partner_admin": 404,
            "partner_officer": 404,
        },
        default=404,
        method="post",
        setup=slot_world,
    ),
    Case(
        "support:slot_booking_cancel",
        lambda c: f"/support/sessions/{c.slot_session.pk}/cancel-booking/",
        {
            "expert": 302,
            "owner": 302,
            "colleague": 302,
            "officer": 302,
            "site_manager": 302,
            "admin": 302,
            "anonymous": 302,
            "desk_agent": 404,
            "partner_admin": 404,
            "partner_officer": 404,
        },
        default=404,
        method="post",
        data=lambda c: {"reason": "Empêchement"},
        setup=slot_world,
    ),
]


def _next_week(c) -> str:
    from technopark.support.tests.slot_fixtures import first_start

    return first_start(c.weekly_slot, in_days=10).isoformat()


# The API (support/api.py): the same rules as the pages; the three explicit roles included.
CASES += [
    Case(
        "api:GET /api/v1/expert-slots",
        lambda c: "/api/v1/expert-slots",
        {"owner": 200, "colleague": 200, "other_member": 200, "anonymous": 401, **_SLOTS_OTHERS},
        default=403,
        setup=slot_world,
    ),
    Case(
        "api:POST /api/v1/expert-slots/{slot_id}/bookings",
        lambda c: f"/api/v1/expert-slots/{c.weekly_slot.pk}/bookings",
        {"owner": 201, "colleague": 201, "other_member": 201, "anonymous": 401, **_SLOTS_OTHERS},
        default=403,
        method="post",
        json=True,
        data=lambda c: {"starts_at": _next_week(c), "topic": "Revoir le pitch"},
        setup=slot_world,
    ),
    Case(
        "api:POST /api/v1/expert-sessions/{session_id}/cancel",
        lambda c: f"/api/v1/expert-sessions/{c.slot_session.pk}/cancel",
        {
            "expert": 200,
            "owner": 200,
            "colleague": 200,
            "officer": 200,
            "site_manager": 200,
            "admin": 200,
            "desk_agent": 404,
            "partner_admin": 404,
            "partner_officer": 404,
        },
        default=404,
        method="post",
        json=True,
        data=lambda c: {"reason": "Empêchement"},
        setup=slot_world,
    ),
]
