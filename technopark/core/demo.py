"""The demo network: `technopark seed-demo` asks each app to add its part, in order.

Each app that has something to show defines `seed(ctx: DemoContext)` in its `demo.py`
(the network's own records come from `core/demo_network.py`). Everything is drawn from
one seeded random generator, so the same command gives the same network.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from importlib import import_module
from typing import Any

from django.db import transaction

# The order matters: later parts use what earlier parts made.
DEMO_PARTS = [
    "technopark.core.demo_network",
    "technopark.accounts.demo",
    "technopark.network.demo",
    "technopark.hosting.demo",
    "technopark.booking.demo",
    "technopark.programs.demo",
    "technopark.support.demo",
    "technopark.desk.demo",
    "technopark.community.demo",
    "technopark.surveys.demo",
    "technopark.impact.demo",
    "technopark.publishing.demo",
    "technopark.privacy.demo",
    "technopark.federation.demo",
    "technopark.notifications.demo",
]

DEMO_PASSWORD = "technopark-demo"  # noqa: S105 - printed for the demo on purpose


@dataclass
class DemoContext:
    today: dt.date
    size: str = "full"  # "full" for the demo, "small" for quick tests
    seed: int = 2022
    rng: random.Random = field(init=False)
    users: dict[str, Any] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed)

    @property
    def small(self) -> bool:
        return self.size == "small"

    def log(self, message: str) -> None:
        self.notes.append(message)


def seed_demo(
    *, today: dt.date | None = None, size: str = "full", seed: int = 2022, log=print
) -> DemoContext:
    ctx = DemoContext(today=today or dt.date.today(), size=size, seed=seed)
    for path in DEMO_PARTS:
        module = import_module(path)
        with transaction.atomic():
            module.seed(ctx)
        log(f"  {path.rsplit('.', 2)[-2]}: {ctx.notes[-1] if ctx.notes else 'done'}")
    return ctx
