"""Municipal boundaries shipped with the app, and the little geometry the map and the place import need.

The boundaries are Statistics Sweden's simplified ones (see data/README.md): a few dozen corners per municipality,
right for a thematic map, too coarse to settle whether a place a few hundred metres from a border lies on one
side or the other. Hence the tolerance in `locate()`.
"""

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).with_name("data") / "orebro-lan-kommuner.json"
BORDER_TOLERANCE_KM = 2.0


@dataclass(frozen=True)
class Shape:
    code: str
    name: str
    polygons: tuple  # of polygons; a polygon is a tuple of rings; a ring a tuple of (lon, lat)


@dataclass(frozen=True)
class Boundaries:
    shapes: tuple[Shape, ...]
    source: str
    licence: str
    attribution: str

    def by_code(self) -> dict[str, Shape]:
        return {s.code: s for s in self.shapes}

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        points = [p for s in self.shapes for poly in s.polygons for ring in poly for p in ring]
        return (
            min(p[0] for p in points),
            min(p[1] for p in points),
            max(p[0] for p in points),
            max(p[1] for p in points),
        )


@lru_cache(maxsize=1)
def boundaries() -> Boundaries:
    data = json.loads(DATA.read_text(encoding="utf-8"))
    shapes = tuple(
        Shape(
            m["code"],
            m["name"],
            tuple(tuple(tuple((x, y) for x, y in ring) for ring in poly) for poly in m["polygons"]),
        )
        for m in data["municipalities"]
    )
    return Boundaries(shapes, data["source"], data["licence"], data["attribution"])


def _in_ring(x: float, y: float, ring) -> bool:
    inside = False
    j = len(ring) - 1
    for i in range(len(ring)):
        xi, yi = ring[i]
        xj, yj = ring[j]
        if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside


def contains(shape: Shape, lon: float, lat: float) -> bool:
    for polygon in shape.polygons:
        outer, *holes = polygon
        if _in_ring(lon, lat, outer) and not any(_in_ring(lon, lat, h) for h in holes):
            return True
    return False


def _km(lon: float, lat: float, ref_lat: float) -> tuple[float, float]:
    """Local flat coordinates in km; good to a few per cent over a county."""
    return lon * 111.32 * math.cos(math.radians(ref_lat)), lat * 110.57


def distance_km(shape: Shape, lon: float, lat: float) -> float:
    """Distance from a point to the shape's border (0 inside)."""
    if contains(shape, lon, lat):
        return 0.0
    px, py = _km(lon, lat, lat)
    best = math.inf
    for polygon in shape.polygons:
        for ring in polygon:
            for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
                ax, ay = _km(x1, y1, lat)
                bx, by = _km(x2, y2, lat)
                dx, dy = bx - ax, by - ay
                t = (
                    0.0
                    if dx == dy == 0
                    else max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
                )
                best = min(best, math.hypot(px - (ax + t * dx), py - (ay + t * dy)))
    return best


def locate(lon: float, lat: float) -> tuple[Shape, float]:
    """The municipality containing the point, or the nearest one, with the distance in km (0 inside)."""
    shapes = boundaries().shapes
    for shape in shapes:
        if contains(shape, lon, lat):
            return shape, 0.0
    return min(((s, distance_km(s, lon, lat)) for s in shapes), key=lambda pair: pair[1])


class Projection:
    """Longitude/latitude to SVG coordinates: equirectangular, x shrunk by cos(mid latitude), north up."""

    def __init__(self, bbox, width: float, padding: float = 8):
        west, south, east, north = bbox
        self.k = math.cos(math.radians((south + north) / 2))
        self.west, self.north = west, north
        self.scale = (width - 2 * padding) / ((east - west) * self.k)
        self.padding = padding
        self.width = width
        self.height = (north - south) * self.scale + 2 * padding

    def __call__(self, lon: float, lat: float) -> tuple[float, float]:
        return (
            self.padding + (lon - self.west) * self.k * self.scale,
            self.padding + (self.north - lat) * self.scale,
        )

    def path(self, shape: Shape) -> str:
        parts = []
        for polygon in shape.polygons:
            for ring in polygon:
                points = [self(x, y) for x, y in ring]
                parts.append("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in points) + "Z")
        return "".join(parts)

    def label_point(self, shape: Shape) -> tuple[float, float]:
        """Where to write the name: the area-weighted centroid of the largest polygon's outer ring."""
        ring = max((poly[0] for poly in shape.polygons), key=lambda r: abs(_area(r)))
        area = _area(ring)
        cx = cy = 0.0
        for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
            cross = x1 * y2 - x2 * y1
            cx += (x1 + x2) * cross
            cy += (y1 + y2) * cross
        return self(cx / (6 * area), cy / (6 * area))


def _area(ring) -> float:
    return sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True)) / 2
