"""One way to write a number (issue 23, item 8): rounded half up, French grouping, in the
bilan's headline figures, its drill-downs and charts, and the PDF report's charts."""

from __future__ import annotations

from decimal import Decimal

from technopark.core.formatting import grouped
from technopark.impact.charts import _number
from technopark.impact.definitions import MAD
from technopark.impact.formatting import format_number
from technopark.impact.views import _cell
from technopark.publishing.charts import bar_chart

NNBSP = "\u202f"


def test_amounts_are_rounded_half_up_not_cut():
    """295 650 000 MAD read "295,6 M" in the PDF and "295,7 M" on the page; a drill-down's
    Decimal 1 234,565 read 1 234,56 (`number_format` cuts a Decimal)."""
    assert format_number(Decimal("295650000"), MAD) == "295,7 MDH"
    assert _cell(Decimal("1234.565")) == (f"1{NNBSP}234,57", "")
    assert _cell(2.675) == ("2,68", "")  # 2.675 as a float is 2.67499…: still half up
    assert grouped(Decimal("2.5")) == "3"


def test_counts_are_grouped_the_french_way_everywhere():
    """The bilan wrote 3 940, the PDF report's charts 3,940."""
    assert format_number(3940, "count") == f"3{NNBSP}940"
    assert _number(3940) == f"3{NNBSP}940"
    assert _number(12.45) == "12,5"
    chart = str(bar_chart([("2025", 3940.0), ("2026", 4120.5)], title="Emplois"))
    assert f"3{NNBSP}940" in chart and f"4{NNBSP}121" in chart
    assert "3,940" not in chart and "4,120" not in chart
