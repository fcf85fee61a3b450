"""The demo network: `technopark seed-demo` asks each app to add its part, in order.

Each app that has something to show defines `seed(ctx: DemoContext)` in its `demo.py`
(`technopark.core.demo.DemoContext`; the network's own records come from
`house/demo_network.py`, the demo logins from `house/demo_logins.py`). Everything is drawn
from one seeded random generator, so the same command gives the same network.
"""

from __future__ import annotations

import datetime as dt
from importlib import import_module

from django.db import transaction

from technopark.core.demo import DemoContext

# The order matters: later parts use what earlier parts made.
DEMO_PARTS = [
    "technopark.house.demo_network",
    "technopark.house.demo_logins",
    "technopark.network.demo",
    "technopark.billing.demo",
    "technopark.hosting.demo",
    "technopark.payments.demo",
    "technopark.booking.demo",
    "technopark.programs.demo",
    "technopark.committee.demo",
    "technopark.support.demo",
    "technopark.documents.demo",
    "technopark.desk.demo",
    "technopark.community.demo",
    "technopark.surveys.demo",
    "technopark.impact.demo",
    "technopark.publishing.demo",
    "technopark.privacy.demo",
    "technopark.federation.demo",
    "technopark.webhooks.demo",
    "technopark.search.demo",
    "technopark.signatures.demo",
    "technopark.notifications.demo",
    "technopark.messaging.demo",
]


def seed_demo(
    *,
    today: dt.date | None = None,
    size: str = "full",
    seed: int = 2022,
    scale: int = 1,
    log=print,
) -> DemoContext:
    """`scale` multiplies the network's spaces and startups (and so its contracts,
    invoices, enrollments): `--scale 10` is the network at ten times its size, for the
    benches (bench/scale.py)."""
    ctx = DemoContext(today=today or dt.date.today(), size=size, seed=seed)
    ctx.scale = max(1, int(scale))  # read by house/demo_network.py
    for path in DEMO_PARTS:
        module = import_module(path)
        with transaction.atomic():
            module.seed(ctx)
        part = path.removeprefix("technopark.").removesuffix(".demo")
        log(f"  {part}: {ctx.notes[-1] if ctx.notes else 'done'}")
    return ctx
