"""Small line charts drawn on the server as inline SVG: no script, and they print."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class LineChart:
    title: str
    points: list[tuple[str, float]]  # (label of the x value, y value)
    width: int = 320
    height: int = 160
    pad: int = 28
    percent: bool = False

    @property
    def top(self) -> float:
        values = [v for _label, v in self.points if v is not None]
        if self.percent:
            return 1.0
        top = max(values, default=0) or 1
        return float(top)

    def xy(self) -> list[tuple[float, float, str, float]]:
        usable = [(label, v) for label, v in self.points if v is not None]
        if not usable:
            return []
        span = max(len(usable) - 1, 1)
        inner_w = self.width - 2 * self.pad
        inner_h = self.height - 2 * self.pad
        return [
            (
                round(self.pad + i * inner_w / span, 1),
                round(self.height - self.pad - (v / self.top) * inner_h, 1),
                label,
                v,
            )
            for i, (label, v) in enumerate(usable)
        ]

    @property
    def polyline(self) -> str:
        return " ".join(f"{x},{y}" for x, y, _label, _v in self.xy())

    @property
    def last(self) -> tuple | None:
        points = self.xy()
        return points[-1] if points else None

    @property
    def first(self) -> tuple | None:
        points = self.xy()
        return points[0] if points else None

    @property
    def baseline(self) -> float:
        return self.height - self.pad

    @property
    def top_label(self) -> str:
        return "100 %" if self.percent else f"{self.top:,.0f}".replace(",", "\u202f")
