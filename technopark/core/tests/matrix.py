from technopark.core.matrix import Case, everyone, with_roles

CASES = [
    Case("core:home", lambda c: "/", everyone(200)),
    Case("core:privacy", lambda c: "/privacy/", everyone(301)),
    Case("core:sitemap", lambda c: "/sitemap.xml", everyone(200)),
    Case("core:healthz", lambda c: "/healthz", everyone(200)),
    Case("core:readyz", lambda c: "/readyz", everyone(200)),
    # The test client's address is 127.0.0.1 (loopback): allowed without a token.
    Case("core:metrics", lambda c: "/metrics", everyone(200)),
]


# What the desk agent (of site A's OMPIC desk) and partner staff (of `alpha`) get, per
# case: (desk_agent, partner_admin, partner_officer). A new case may instead name these
# three roles in its own `expect`; core/matrix.py refuses a case that names neither.
OTHER_ROLES = {
    "GET core:home": (200, 200, 200),
    "GET core:privacy": (301, 301, 301),
    "GET core:healthz": (200, 200, 200),
}
CASES = with_roles(CASES, OTHER_ROLES)
