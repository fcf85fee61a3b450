"""The demo's saved views: the site manager's own and one shared with the Casablanca team."""

from __future__ import annotations

from technopark.core.demo import DemoContext
from technopark.search.services import saved_view_create

VIEWS = [
    # who, name, address, shared with the team of (site code) or personal
    ("site_manager", "Impayés en retard", "/billing/CASA/invoices/?state=overdue&sort=due", ""),
    ("site_manager", "Demandes ouvertes", "/support/queue/?status=open", "CASA"),
    ("program_officer", "Startups fintech", "/startups/?sector=Fintech", ""),
    ("network_admin", "Startups en activité", "/startups/?status=active", ""),
]


def seed(ctx: DemoContext) -> None:
    made = 0
    for who, name, url, site in VIEWS:
        user = ctx.users.get(who)
        if user is None:
            continue
        saved_view_create(by=user, name=name, url=url, site_code=site)
        made += 1
    ctx.log(f"{made} saved views (1 shared with the Casablanca team)")
