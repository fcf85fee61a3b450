from technopark.accounts.models import PersonalCalendar
from technopark.accounts.services import token_create
from technopark.core.matrix import Case, everyone, with_roles


def _owner_calendar(c) -> None:
    """The owner's calendar address, and an older one they revoked."""
    PersonalCalendar.objects.create(user=c.owner, token="matrix-owner-calendar")
    PersonalCalendar.objects.create(
        user=c.owner, token="matrix-owner-revoked", revoked_at="2026-01-01T00:00:00Z"
    )


CASES = [
    Case("accounts:profile", lambda c: "/me/", everyone(200, anonymous=302)),
    Case(
        "accounts:token_new",
        lambda c: "/me/tokens/",
        everyone(302),
        method="post",
        data=lambda c: {"name": "script", "scope_startups": "read", "expires": "30"},
    ),
    # Revoking someone else's token (the owner's) is a 404 for everyone else.
    Case(
        "accounts:token_revoke",
        lambda c: f"/me/tokens/{token_create(user=c.owner, name='t')[0].pk}/revoke/",
        {"owner": 302, "anonymous": 302},
        default=404,
        method="post",
    ),
    # One's own calendar address: everyone has theirs.
    Case("accounts:calendar", lambda c: "/me/calendar/", everyone(200, anonymous=302)),
    Case("accounts:calendar_renew", lambda c: "/me/calendar/renew/", everyone(302), method="post"),
    Case(
        "accounts:calendar_revoke", lambda c: "/me/calendar/revoke/", everyone(302), method="post"
    ),
    # The feed: the token is the key (calendar applications fetch it without a session),
    # whoever asks; a revoked address is a 404 for everyone, its owner included.
    Case(
        "accounts:calendar_feed",
        lambda c: "/me/calendar/matrix-owner-calendar.ics",
        everyone(200),
        setup=_owner_calendar,
    ),
    Case(
        "accounts:calendar_feed",
        lambda c: "/me/calendar/matrix-owner-revoked.ics",
        everyone(404),
        setup=_owner_calendar,
        id="revoked",
    ),
    Case(
        "api:GET /api/v1/me/calendar", lambda c: "/api/v1/me/calendar", everyone(200, anonymous=401)
    ),
    Case(
        "api:POST /api/v1/me/calendar",
        lambda c: "/api/v1/me/calendar",
        everyone(201, anonymous=401),
        method="post",
    ),
    Case(
        "api:DELETE /api/v1/me/calendar",
        lambda c: "/api/v1/me/calendar",
        everyone(204, anonymous=401),
        method="delete",
        setup=_owner_calendar,
    ),
]


# What the desk agent (of site A's OMPIC desk) and partner staff (of `alpha`) get, per
# case: (desk_agent, partner_admin, partner_officer). A new case may instead name these
# three roles in its own `expect`; core/matrix.py refuses a case that names neither.
OTHER_ROLES = {
    "GET accounts:profile": (200, 200, 200),
    "POST accounts:token_new": (302, 302, 302),
    "POST accounts:token_revoke": (404, 404, 404),
}
CASES = with_roles(CASES, OTHER_ROLES)
