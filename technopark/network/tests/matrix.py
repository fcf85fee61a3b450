from technopark.core.matrix import Case, everyone, with_roles

CASES = [
    Case("network:site_list", lambda c: "/sites/", everyone(200)),
    Case("network:site_detail", lambda c: f"/sites/{c.site.code}/", everyone(200)),
    Case("network:site_detail", lambda c: "/sites/NOPE/", everyone(404), id="site_detail unknown"),
    Case("api:GET /api/v1/sites", lambda c: "/api/v1/sites", everyone(200)),
    Case("api:GET /api/v1/sites/{code}", lambda c: f"/api/v1/sites/{c.site.code}", everyone(200)),
    Case("api:GET /api/v1/spaces", lambda c: "/api/v1/spaces", everyone(200)),
]


# What the desk agent (of site A's OMPIC desk) and partner staff (of `alpha`) get, per
# case: (desk_agent, partner_admin, partner_officer). A new case may instead name these
# three roles in its own `expect`; core/matrix.py refuses a case that names neither.
OTHER_ROLES = {
    "GET network:site_list": (200, 200, 200),
    "GET network:site_detail": (200, 200, 200),
    "GET network:site_detail [site_detail unknown]": (404, 404, 404),
    "GET api:GET /api/v1/sites": (200, 200, 200),
    "GET api:GET /api/v1/sites/{code}": (200, 200, 200),
    "GET api:GET /api/v1/spaces": (200, 200, 200),
}
CASES = with_roles(CASES, OTHER_ROLES)
