"""Startup pages: `own` is private (not listed), so outsiders get 404, never 403."""

from technopark.core.matrix import Case

# Who may see the private startup `own`: its members, staff of its site, the admin.
SEES_OWN = {"owner": 200, "colleague": 200, "site_manager": 200, "officer": 200, "admin": 200}

CASES = [
    Case("startups:directory", lambda c: "/startups/", {}, default=200),
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
    Case("api:GET /api/v1/startups", lambda c: "/api/v1/startups", {}, default=200),
    Case(
        "api:GET /api/v1/startups/{ref}",
        lambda c: f"/api/v1/startups/{c.own.ref}",
        SEES_OWN,
        default=404,
    ),
]
