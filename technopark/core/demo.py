"""What every app's demo part is given: `seed(ctx: DemoContext)` in the app's `demo.py`.

`technopark seed-demo` (the order of the parts: `technopark/house/demo.py`) makes one
context and hands it to each part. Everything is drawn from one seeded random generator
(`ctx.rng`), so the same command gives the same network.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from typing import Any

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
