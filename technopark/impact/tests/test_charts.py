"""The bilan's trend charts: whole years on the axis, round gridlines, values to read."""

from __future__ import annotations

import re

from django.template.loader import render_to_string

from technopark.impact.charts import LineChart


def chart(**kw) -> LineChart:
    points = [(str(year), float(10 * (year - 2000))) for year in range(2001, 2027)]
    return LineChart(title="Startups", points=points, **kw)


def test_years_are_whole_and_few_enough_not_to_overlap():
    ticks = chart().x_ticks
    assert all(len(t.label) == 4 for t in ticks)
    assert len(ticks) <= 6 and ticks[-1].label == "2026"
    gaps = [b.position - a.position for a, b in zip(ticks, ticks[1:], strict=False)]
    assert min(gaps) > 40  # a year label is about 26 px wide at 11 px


def test_gridlines_fall_on_round_values_above_the_highest_point():
    c = chart()
    assert [t.label for t in c.y_ticks] == ["0", "100", "200", "300"]
    assert c.top >= 260


def test_right_to_left_time_runs_from_the_right_and_the_axis_stands_on_the_right():
    ltr, rtl = chart(), chart(rtl=True)
    assert ltr.xy()[0].x < ltr.xy()[-1].x
    assert rtl.xy()[0].x > rtl.xy()[-1].x
    assert rtl.axis_x > rtl.width / 2 > ltr.axis_x


def test_each_value_has_a_tooltip_and_a_row_in_the_table():
    html = render_to_string("impact/_trends.html", {"charts": [chart(percent=False)]})
    assert "<title>2013 : 130</title>" in html
    assert '<th scope="row" class="fw-normal">2013</th><td class="text-end">130</td>' in html


def test_rates_read_as_percentages():
    c = LineChart(title="Survival", points=[("2024", 0.5), ("2025", 0.75)], percent=True)
    assert [t.label for t in c.y_ticks][-1] == "100\u00a0%"
    assert c.xy()[-1].text == "75\u00a0%"


def test_coordinates_stay_svg_numbers_in_french(french):
    c = LineChart(title="Startups", points=[("2024", 1.0), ("2025", 3.0)])
    html = render_to_string("impact/_trends.html", {"charts": [c]})
    svg = html.split("<svg")[1].split("</svg>")[0]
    coordinates = re.findall(r'\b(?:x|y|x1|y1|x2|y2|cx|cy)="([^"]*)"', svg)
    assert coordinates and not [c for c in coordinates if "," in c]
