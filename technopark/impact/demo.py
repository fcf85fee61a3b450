"""The demo's published bilan: the one the director gave the press in November 2022."""

from __future__ import annotations

import datetime as dt

from technopark.core.demo import DemoContext
from technopark.impact.models import Edition
from technopark.impact.services import edition_freeze


def seed(ctx: DemoContext) -> None:
    admin = ctx.users.get("network_admin")
    if admin is None or Edition.objects.exists():
        ctx.log("no edition")
        return
    edition_freeze(
        name="Bilan d'étape 2022",
        as_of=dt.date(2022, 11, 30),
        note="Chiffres présentés à la presse en novembre 2022.",
        by=admin,
    )
    ctx.log("1 published bilan (Bilan d'étape 2022)")
