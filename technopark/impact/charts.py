"""Line charts of the bilan's trends, drawn as server-rendered SVG with real axes.

Why SVG from the server rather than a charting library: the charts are small (one line,
at most 26 points), must print and go into the PDF report (WeasyPrint runs no
JavaScript), must work without JavaScript and mirror for Arabic. A few dozen lines of
geometry here give years on the axis, round gridlines, each value in a <title> (shown on
hover and read by screen readers) and the same values in a table under the chart.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from technopark.core.formatting import grouped


def _nice_step(raw: float) -> float:
    """The smallest of 1, 2, 2.5, 5 × 10ⁿ at least `raw`: gridlines fall on round values."""
    if raw <= 0:
        return 1.0
    magnitude = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if factor * magnitude >= raw:
            return factor * magnitude
    return 10 * magnitude


def _number(value: float) -> str:
    return grouped(value, 0 if float(value).is_integer() or abs(value) >= 100 else 1)


@dataclass
class Tick:
    position: float
    label: str


@dataclass
class Point:
    x: float
    y: float
    label: str
    value: float
    text: str


@dataclass
class LineChart:
    title: str
    points: list[tuple[str, float | None]]  # (label of the x value, y value)
    percent: bool = False
    # Right to left: time runs from right to left and the value axis stands on the right.
    rtl: bool = False
    width: int = 360
    height: int = 200
    axis_pad: int = 46  # room for the value labels
    side_pad: int = 22  # half a year label, so the end years are not cut
    top_pad: int = 12
    bottom_pad: int = 30  # room for the years
    max_year_labels: int = 6

    # --- The value axis -------------------------------------------------------------

    @property
    def _values(self) -> list[float]:
        return [float(v) for _label, v in self.points if v is not None]

    @property
    def step(self) -> float:
        if self.percent:
            return 0.25
        return _nice_step(max(self._values, default=0) / 4 or 1)

    @property
    def top(self) -> float:
        if self.percent:
            return 1.0
        return max(self.step * math.ceil(max(self._values, default=0) / self.step), self.step)

    def format(self, value: float) -> str:
        if self.percent:
            return f"{value * 100:.0f}\u00a0%"
        return _number(value)

    @property
    def baseline(self) -> float:
        return self.height - self.bottom_pad

    @property
    def _inner_h(self) -> float:
        return self.height - self.top_pad - self.bottom_pad

    def _y(self, value: float) -> float:
        return round(self.baseline - (value / self.top) * self._inner_h, 1)

    @property
    def y_ticks(self) -> list[Tick]:
        count = round(self.top / self.step)
        return [Tick(self._y(i * self.step), self.format(i * self.step)) for i in range(count + 1)]

    # --- The time axis --------------------------------------------------------------

    @property
    def plot_start(self) -> float:
        """Where the plot area begins, from the left edge of the drawing."""
        return self.side_pad if self.rtl else self.axis_pad

    @property
    def plot_end(self) -> float:
        return self.width - (self.axis_pad if self.rtl else self.side_pad)

    @property
    def axis_x(self) -> float:
        """Where the value axis stands: on the left, or on the right in Arabic."""
        return self.plot_end if self.rtl else self.plot_start

    @property
    def label_x(self) -> float:
        return self.axis_x + 6 if self.rtl else self.axis_x - 6

    @property
    def label_anchor(self) -> str:
        return "start" if self.rtl else "end"

    def _x(self, i: int, n: int) -> float:
        inner = self.plot_end - self.plot_start
        offset = inner / 2 if n == 1 else i * inner / (n - 1)
        return round(self.plot_end - offset if self.rtl else self.plot_start + offset, 1)

    def xy(self) -> list[Point]:
        n = len(self.points)
        return [
            Point(self._x(i, n), self._y(float(v)), label, float(v), self.format(float(v)))
            for i, (label, v) in enumerate(self.points)
            if v is not None
        ]

    @property
    def x_ticks(self) -> list[Tick]:
        """Year labels, thinned so they never overlap; the last year is always shown."""
        n = len(self.points)
        every = max(1, math.ceil(n / self.max_year_labels))
        keep = {i for i in range(n - 1, -1, -every)}
        return [
            Tick(self._x(i, n), label) for i, (label, _v) in enumerate(self.points) if i in keep
        ]

    @property
    def polyline(self) -> str:
        return " ".join(f"{p.x},{p.y}" for p in self.xy())

    @property
    def last(self) -> Point | None:
        points = self.xy()
        return points[-1] if points else None

    @property
    def top_label(self) -> str:
        return self.format(self.top)

    @property
    def year_y(self) -> float:
        return self.baseline + 18
