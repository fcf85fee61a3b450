"""Charts drawn on the server as inline SVG: they print in the PDF and need no script."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape

from django.utils.safestring import SafeString, mark_safe

from technopark.core.formatting import grouped

WIDTH, HEIGHT = 520, 200
PAD_TOP, PAD_BOTTOM, PAD_SIDE = 22, 26, 8


def bar_chart(
    points: Sequence[tuple[str, float | None]],
    *,
    title: str,
    fmt: Callable[[float], str] = grouped,
    color: str = "#0b5ed7",
    rtl: bool = False,
) -> SafeString:
    """Bars for a yearly series; a missing (suppressed) value is a gap marked '–'."""
    n = max(len(points), 1)
    peak = max((v for _, v in points if v is not None), default=0) or 1
    slot = (WIDTH - 2 * PAD_SIDE) / n
    bar = slot * 0.62
    usable = HEIGHT - PAD_TOP - PAD_BOTTOM
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'class="tp-chart" role="img" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
        f'<line x1="{PAD_SIDE}" x2="{WIDTH - PAD_SIDE}" y1="{HEIGHT - PAD_BOTTOM}" '
        f'y2="{HEIGHT - PAD_BOTTOM}" stroke="#adb5bd" stroke-width="1"/>',
    ]
    ordered = list(reversed(points)) if rtl else list(points)
    label_every = 1 if n <= 12 else 2
    for i, (label, value) in enumerate(ordered):
        x = PAD_SIDE + i * slot + (slot - bar) / 2
        cx = x + bar / 2
        if value is None:
            parts.append(
                f'<text x="{cx:.1f}" y="{HEIGHT - PAD_BOTTOM - 4}" text-anchor="middle" '
                f'font-size="11" fill="#868e96">–</text>'
            )
        else:
            h = max(usable * (value / peak), 1)
            y = HEIGHT - PAD_BOTTOM - h
            last = i == (0 if rtl else n - 1)
            fill = color if last else color + "99"
            parts.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{h:.1f}" rx="2" '
                f'fill="{fill}"/>'
            )
            if last or n <= 8 or i % 3 == 0:
                parts.append(
                    f'<text x="{cx:.1f}" y="{y - 4:.1f}" text-anchor="middle" font-size="10" '
                    f'fill="#1d2433">{escape(fmt(value))}</text>'
                )
        if i % label_every == 0:
            parts.append(
                f'<text x="{cx:.1f}" y="{HEIGHT - 8}" text-anchor="middle" font-size="10" '
                f'fill="#495057">{escape(str(label))}</text>'
            )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped
