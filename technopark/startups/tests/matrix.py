"""Startup pages: `own` is private (not listed), so outsiders get 404, never 403."""

from technopark.core.matrix import Case, with_roles

# Who may see the private startup `own`: its members, staff of its site, the admin.
SEES_OWN = {"owner": 200, "colleague": 200, "site_manager": 200, "officer": 200, "admin": 200}

CASES = [
    # Staff keep the directory as their working list; anyone else is sent to the public
    # showcase (publishing), which shows of each startup only what it chose to show.
    Case(
        "startups:directory",
        lambda c: "/startups/",
        {"site_manager": 200, "officer": 200, "other_site_staff": 200, "admin": 200},
        default=302,
    ),
    Case("startups:detail", lambda c: f"/startups/{c.own.ref}/", SEES_OWN, default=404),
    Case(
        "startups:edit",
        lambda c: f"/startups/{c.own.ref}/edit/",
        {**SEES_OWN, "anonymous": 302},
        default=404,
    ),
    Case(
        "startups:workspace",
        lambda c: f"/startups/{c.own.ref}/workspace/",
        {
            "owner": 200,
            "colleague": 200,
            "site_manager": 403,
            "officer": 403,
            "admin": 403,
            "anonymous": 302,
        },
        default=404,
    ),
    Case(
        "startups:invite",
        lambda c: f"/startups/{c.own.ref}/invite/",
        {
            "owner": 302,
            "colleague": 403,
            "site_manager": 403,
            "officer": 403,
            "admin": 302,
            "anonymous": 302,
        },
        default=404,
        method="post",
        data=lambda c: {"email": "new.teammate@example.ma"},
    ),
    Case(
        "startups:my_workspace",
        lambda c: "/startups/mine/",
        {"owner": 302, "colleague": 302, "other_member": 302, "anonymous": 302},
        default=404,
    ),
    Case(
        "startups:invitation_accept",
        lambda c: "/startups/invitations/unknown-token/",
        {"anonymous": 302},
        default=404,
    ),
    # The directory's selection (startups/bulk.py, through core's bulk pages): staff are
    # offered it; a startup they may not see is left out (nothing left: back to the list).
    Case(
        "bulk:start",
        lambda c: "/bulk/startups.directory/all/",
        {
            "site_manager": 200,
            "officer": 200,
            "admin": 200,
            "other_site_staff": 302,
            "anonymous": 302,
            "desk_agent": 403,
            "partner_admin": 302,
            "partner_officer": 302,
        },
        default=403,
        method="post",
        data=lambda c: {"action": "export_csv", "ids": str(c.own.pk)},
        id="startups.directory export",
    ),
    # Writing to the selection's members: site staff and network administrators (those
    # who write messages); the messages' form then reads the selection again.
    Case(
        "bulk:start",
        lambda c: "/bulk/startups.directory/all/",
        {
            "site_manager": 302,
            "officer": 302,
            "admin": 302,
            "other_site_staff": 302,
            "anonymous": 302,
            "desk_agent": 403,
            "partner_admin": 403,
            "partner_officer": 403,
        },
        default=403,
        method="post",
        data=lambda c: {"action": "write", "ids": str(c.own.pk)},
        id="startups.directory write",
    ),
    Case("api:GET /api/v1/startups", lambda c: "/api/v1/startups", {}, default=200),
    Case(
        "api:GET /api/v1/startups/{ref}",
        lambda c: f"/api/v1/startups/{c.own.ref}",
        SEES_OWN,
        default=404,
    ),
]


# What the desk agent (of site A's OMPIC desk) and partner staff (of `alpha`) get, per
# case: (desk_agent, partner_admin, partner_officer). A new case may instead name these
# three roles in its own `expect`; core/matrix.py refuses a case that names neither.
OTHER_ROLES = {
    "GET startups:directory": (302, 200, 200),
    "GET startups:detail": (404, 404, 404),
    "GET startups:edit": (404, 404, 404),
    "GET startups:workspace": (404, 404, 404),
    "POST startups:invite": (404, 404, 404),
    "GET startups:my_workspace": (404, 404, 404),
    "GET startups:invitation_accept": (404, 404, 404),
    "GET api:GET /api/v1/startups": (200, 200, 200),
    "GET api:GET /api/v1/startups/{ref}": (404, 404, 404),
}
CASES = with_roles(CASES, OTHER_ROLES)
