"""A schematic map of Morocco's 12 regions, drawn here so the regions page works offline.

Each region is a simplified polygon of (longitude, latitude) corners, in the geographic
order of the ISO codes, from Tanger-Tétouan-Al Hoceïma in the north to Dakhla-Oued
Ed-Dahab in the south. Neighbouring regions share their corners, so the map has no gaps.
It is a schematic, recognisable map, not a survey.
"""

from __future__ import annotations

from dataclasses import dataclass

SCALE = 24
WEST = -17.3
NORTH = 36.1
VIEWBOX = "0 0 390 372"

POLYGONS: dict[str, list[tuple[float, float]]] = {
    "MA-01": [(-6.3, 34.9), (-6.15, 35.2), (-5.9, 35.78), (-5.3, 35.9), (-5.1, 35.45),
              (-3.9, 35.25), (-3.7, 35.2), (-3.8, 34.9), (-4.6, 34.75), (-5.5, 34.8)],
    "MA-02": [(-3.7, 35.2), (-2.9, 35.3), (-2.2, 35.1), (-1.2, 32.1), (-1.9, 31.7),
              (-3.6, 32.4), (-4.0, 33.0), (-3.8, 33.8), (-3.9, 34.5), (-3.8, 34.9)],
    "MA-03": [(-5.5, 34.8), (-4.6, 34.75), (-3.8, 34.9), (-3.9, 34.5), (-3.8, 33.8),
              (-4.0, 33.0), (-4.6, 32.6), (-5.2, 32.9), (-6.1, 33.3), (-5.7, 33.7),
              (-5.5, 34.4)],
    "MA-04": [(-7.1, 33.85), (-6.3, 34.9), (-5.5, 34.8), (-5.5, 34.4), (-5.7, 33.7),
              (-6.1, 33.3), (-6.7, 33.3)],
    "MA-05": [(-6.7, 33.3), (-6.1, 33.3), (-5.2, 32.9), (-4.6, 32.6), (-5.4, 31.9),
              (-6.9, 31.4), (-7.0, 31.8), (-7.3, 32.2), (-6.9, 32.7)],
    "MA-06": [(-8.9, 32.7), (-8.5, 33.25), (-7.6, 33.6), (-7.1, 33.85), (-6.7, 33.3),
              (-6.9, 32.7), (-7.3, 32.2), (-8.0, 32.4)],
    "MA-07": [(-9.8, 30.85), (-9.77, 31.5), (-9.25, 32.3), (-8.9, 32.7), (-8.0, 32.4),
              (-7.3, 32.2), (-7.0, 31.8), (-6.9, 31.4), (-7.6, 31.0), (-8.6, 30.95)],
    "MA-08": [(-4.6, 32.6), (-4.0, 33.0), (-3.6, 32.4), (-1.9, 31.7), (-2.8, 31.3),
              (-3.6, 30.9), (-5.5, 29.55), (-6.8, 29.45), (-7.0, 30.3), (-7.6, 31.0),
              (-6.9, 31.4), (-5.4, 31.9)],
    "MA-09": [(-9.8, 30.85), (-8.6, 30.95), (-7.6, 31.0), (-7.0, 30.3), (-6.8, 29.45),
              (-8.67, 28.72), (-10.05, 29.55), (-9.75, 29.9), (-9.6, 30.4)],
    "MA-10": [(-10.05, 29.55), (-8.67, 28.72), (-8.67, 27.67), (-12.4, 28.05),
              (-11.1, 28.5), (-10.2, 29.4)],
    "MA-11": [(-12.4, 28.05), (-8.67, 27.67), (-8.67, 26.0), (-12.0, 26.0), (-12.0, 24.9),
              (-14.85, 24.9), (-14.5, 26.1), (-13.4, 27.1), (-12.9, 27.9)],
    "MA-12": [(-14.85, 24.9), (-12.0, 24.9), (-12.0, 23.45), (-13.1, 22.8), (-13.0, 21.33),
              (-17.05, 21.33), (-16.7, 21.9), (-16.0, 23.2), (-15.95, 23.7)],
}  # fmt: skip


def project(lon: float, lat: float) -> tuple[float, float]:
    return round((lon - WEST) * SCALE, 1), round((NORTH - lat) * SCALE, 1)


@dataclass(frozen=True)
class RegionShape:
    code: str
    path: str
    label_x: float
    label_y: float

    @property
    def number(self) -> str:
        return self.code[-2:]


def _shape(code: str, corners: list[tuple[float, float]]) -> RegionShape:
    points = [project(lon, lat) for lon, lat in corners]
    path = "M" + " L".join(f"{x},{y}" for x, y in points) + " Z"
    label_x = round(sum(x for x, _ in points) / len(points), 1)
    label_y = round(sum(y for _, y in points) / len(points), 1)
    return RegionShape(code, path, label_x, label_y)


SHAPES: dict[str, RegionShape] = {code: _shape(code, c) for code, c in POLYGONS.items()}
