"""The map of Morocco is drawn from the real boundaries of the 12 regions, without a float
ever written with a decimal comma."""

from __future__ import annotations

import re

from django.utils import translation

from technopark.network import geo
from technopark.network.regions import REGION_CODES

NUMBER = re.compile(r"^-?\d+\.\d$")


def _polygon(code: str) -> list[tuple[float, float]]:
    """The region's outer ring, in SVG units (the largest ring when it has islands)."""
    rings = [
        [tuple(map(float, point.split(","))) for point in ring.split("L")]
        for ring in geo.region_shapes()[code].path.strip("M").rstrip("Z").split("ZM")
    ]
    return max(rings, key=len)


def _inside(x: float, y: float, polygon: list[tuple[float, float]]) -> bool:
    inside = False
    for (x1, y1), (x2, y2) in zip(polygon, polygon[1:] + polygon[:1], strict=True):
        if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
            inside = not inside
    return inside


def _at(lon: float, lat: float) -> tuple[float, float]:
    return geo.projection().point(lon, lat)


def test_the_twelve_regions_of_2015_are_drawn():
    assert set(geo.region_shapes()) == REGION_CODES


def test_cities_fall_in_their_own_region():
    # Real boundaries: each city is inside its region and outside the others.
    cities = {
        "MA-01": (-5.81, 35.76),  # Tanger
        "MA-04": (-6.84, 34.01),  # Rabat
        "MA-06": (-7.59, 33.57),  # Casablanca
        "MA-07": (-7.99, 31.63),  # Marrakech
        "MA-09": (-9.60, 30.42),  # Agadir
        "MA-02": (-1.91, 34.68),  # Oujda
        "MA-11": (-13.20, 27.15),  # Laâyoune
        "MA-12": (-14.32, 22.55),  # Aousserd
    }
    for code, (lon, lat) in cities.items():
        homes = [c for c in REGION_CODES if _inside(*_at(lon, lat), _polygon(c))]
        assert homes == [code], (code, homes)


def test_each_label_sits_inside_its_region():
    for code, shape in geo.region_shapes().items():
        assert _inside(float(shape.label_x), float(shape.label_y), _polygon(code)), code


def test_coordinates_are_written_with_a_dot_in_every_language():
    for language in ("fr", "ar", "en"):
        with translation.override(language):
            for shape in geo.region_shapes().values():
                assert NUMBER.match(shape.label_x) and NUMBER.match(shape.label_y)
                assert "," in shape.path and not re.search(r"\d,\d+,", shape.path)
    width, height = map(int, geo.viewbox().split()[2:])
    assert width == geo.WIDTH and height > width  # Morocco is taller than wide
