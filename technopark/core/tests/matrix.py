from technopark.core.matrix import Case, everyone, with_roles


def _bulk_run(c) -> int:
    from technopark.core.models import BulkRun

    run, _ = BulkRun.objects.get_or_create(
        key="matrix",
        defaults={"selection": "billing.invoices", "scope": c.site.code, "action": "remind",
                  "ids": [], "actor": c.site_manager, "status": "finished"},
    )  # fmt: skip
    return run.pk


CASES = [
    Case("core:home", lambda c: "/", everyone(200)),
    Case("core:privacy", lambda c: "/privacy/", everyone(301)),
    Case("core:sitemap", lambda c: "/sitemap.xml", everyone(200)),
    Case("core:healthz", lambda c: "/healthz", everyone(200)),
    Case("core:readyz", lambda c: "/readyz", everyone(200)),
    # The test client's address is 127.0.0.1 (loopback): allowed without a token.
    Case("core:metrics", lambda c: "/metrics", everyone(200)),
    # Bulk actions (core/selection.py): an export of a selection of site A's invoices is
    # offered to the site's staff only; the outcome of a run to the person who ran it.
    Case(
        "bulk:start",
        lambda c: f"/bulk/billing.invoices/{c.site.code}/",
        # The site's staff are let through (no such invoice: back to the list), others 403.
        everyone(403, site_manager=302, officer=302, admin=302, anonymous=302),
        method="post",
        data=lambda c: {"action": "export_csv", "ids": "1"},
    ),
    Case(
        "bulk:run",
        lambda c: f"/bulk/runs/{_bulk_run(c)}/",
        everyone(404, site_manager=200, anonymous=302),
    ),
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
