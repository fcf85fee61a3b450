"""Committee pages: a session is seen by those who run its call (site A's officer, who
chairs it, its manager, the network's administrators) and by its members; a founder, an
expert who does not sit on it, another site's staff see nothing (404). Members declare and
vote; only the chair decides and approves the minutes."""

from technopark.committee.tests.fixtures import make_session
from technopark.core.matrix import Case, everyone
from technopark.programs.tests.fixtures import make_call

HIDDEN = {
    "owner": 404,
    "colleague": 404,
    "other_member": 404,
    "other_site_staff": 404,
    "expert": 404,
    "desk_agent": 404,
    "partner_admin": 404,
    "partner_officer": 404,
    "anonymous": 302,
}
RUNS = {"officer": 200, "site_manager": 200, "admin": 200}


def _item(c) -> int:
    return make_session(c).items.order_by("position").first().pk


CASES = [
    Case(
        "committee:list",
        lambda c: "/committee/",
        everyone(200, anonymous=302),
    ),
    Case(
        "committee:create",
        lambda c: "/committee/new/",
        {
            **RUNS,
            "other_site_staff": 200,
            "owner": 403,
            "colleague": 403,
            "other_member": 403,
            "expert": 403,
            "desk_agent": 403,
            "partner_admin": 200,
            "partner_officer": 200,
            "anonymous": 302,
        },
    ),
    Case(
        "committee:create",
        lambda c: f"/committee/new/?call={make_call(c).pk}",
        {
            **RUNS,
            "other_site_staff": 404,
            "owner": 403,
            "colleague": 403,
            "other_member": 403,
            "expert": 403,
            "desk_agent": 403,
            "partner_admin": 404,
            "partner_officer": 404,
            "anonymous": 302,
        },
        id="for a call",
    ),
    Case("committee:detail", lambda c: f"/committee/{make_session(c).pk}/", {**HIDDEN, **RUNS}),
    Case("committee:edit", lambda c: f"/committee/{make_session(c).pk}/edit/", {**HIDDEN, **RUNS}),
    Case(
        "committee:minutes",
        lambda c: f"/committee/{make_session(c).pk}/minutes.pdf?lang=fr",
        {**HIDDEN, **RUNS},
    ),
    Case(
        "committee:attendance",
        lambda c: f"/committee/{make_session(c).pk}/attendance/",
        {**HIDDEN, "officer": 302, "site_manager": 302, "admin": 302},
        method="post",
        data=lambda c: {"present": [c.officer.pk]},
    ),
    Case(
        "committee:approve",
        lambda c: f"/committee/{make_session(c).pk}/approve/",
        {**HIDDEN, "officer": 302, "site_manager": 403, "admin": 403},
        method="post",
        data=lambda c: {},
    ),
    Case(
        "committee:declare",
        lambda c: f"/committee/items/{_item(c)}/declare/",
        {**HIDDEN, "officer": 302, "site_manager": 302, "admin": 403},
        method="post",
        data=lambda c: {"conflict": "no"},
    ),
    Case(
        "committee:vote",
        lambda c: f"/committee/items/{_item(c)}/vote/",
        {**HIDDEN, "officer": 302, "site_manager": 302, "admin": 403},
        method="post",
        data=lambda c: {"choice": "for"},
    ),
    Case(
        "committee:decide",
        lambda c: f"/committee/items/{_item(c)}/decide/",
        # The data lacks the item's prefix: refused, the page again with the form (400).
        {**HIDDEN, "officer": 400, "site_manager": 403, "admin": 403},
        method="post",
        data=lambda c: {"decision": "declined", "reasons": "Marché trop étroit."},
    ),
]


# The API (committee/api.py): the same readers; members declare and vote on a held session.
API_HIDDEN = {**HIDDEN, "anonymous": 404}
MEMBERS_OK = {"officer": 200, "site_manager": 200, "admin": 403}


def _held_item(c) -> int:
    return make_session(c, held=True).items.order_by("position").first().pk


def _declared_item(c) -> int:
    """A held session's first item, on which site A's officer and manager declared none."""
    from technopark.committee import services
    from technopark.committee.models import AgendaItem

    item = AgendaItem.objects.get(pk=_held_item(c))
    for member in (c.officer, c.site_manager):
        services.declare(item=item, conflict=False, by=member)
    return item.pk


CASES += [
    Case(
        "api:GET /api/v1/committee-sessions", lambda c: "/api/v1/committee-sessions", everyone(200)
    ),
    Case(
        "api:GET /api/v1/committee-sessions/{session_id}",
        lambda c: f"/api/v1/committee-sessions/{make_session(c).pk}",
        {**API_HIDDEN, **RUNS},
    ),
    Case(
        "api:POST /api/v1/committee-items/{item_id}/declaration",
        lambda c: f"/api/v1/committee-items/{_held_item(c)}/declaration",
        {**API_HIDDEN, **MEMBERS_OK},
        method="post",
        json=True,
        data=lambda c: {"conflict": False},
    ),
    Case(
        "api:POST /api/v1/committee-items/{item_id}/vote",
        lambda c: f"/api/v1/committee-items/{_declared_item(c)}/vote",
        {**API_HIDDEN, **MEMBERS_OK},
        method="post",
        json=True,
        data=lambda c: {"choice": "for"},
    ),
]
