from technopark.accounts.services import token_create
from technopark.core.matrix import Case, everyone, with_roles

CASES = [
    Case("accounts:profile", lambda c: "/me/", everyone(200, anonymous=302)),
    Case(
        "accounts:token_new",
        lambda c: "/me/tokens/",
        everyone(302),
        method="post",
        data=lambda c: {"name": "script"},
    ),
    # Revoking someone else's token (the owner's) is a 404 for everyone else.
    Case(
        "accounts:token_revoke",
        lambda c: f"/me/tokens/{token_create(user=c.owner, name='t')[0].pk}/revoke/",
        {"owner": 302, "anonymous": 302},
        default=404,
        method="post",
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
