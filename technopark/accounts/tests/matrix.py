from technopark.accounts.services import token_create
from technopark.core.matrix import Case, everyone

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
