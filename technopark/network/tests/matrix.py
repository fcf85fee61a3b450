from technopark.core.matrix import Case, everyone

CASES = [
    Case("network:site_list", lambda c: "/sites/", everyone(200)),
    Case("network:site_detail", lambda c: f"/sites/{c.site.code}/", everyone(200)),
    Case("network:site_detail", lambda c: "/sites/NOPE/", everyone(404), id="site_detail unknown"),
    Case("api:GET /api/v1/sites", lambda c: "/api/v1/sites", everyone(200)),
    Case("api:GET /api/v1/sites/{code}", lambda c: f"/api/v1/sites/{c.site.code}", everyone(200)),
    Case("api:GET /api/v1/spaces", lambda c: "/api/v1/spaces", everyone(200)),
]
