"""Simplified boundaries of municipalities and counties, and the little geometry a map and a place check need.

Coordinates are SWEREF 99 TM: x = easting, y = northing, in metres (see data/README.md). The boundaries are
Statistics Sweden's generalised ones, a few dozen corners per municipality: right for a thematic map, too coarse
to settle on which side of a border a place a few hundred metres away lies; callers allow a tolerance.
"""

import math
from dataclasses import dataclass
from functools import cache

from . import sweref
from ._data import load

Ring = tuple[tuple[float, float], ...]
Polygon = tuple[Ring, ...]  # outer ring first, then holes


@dataclass(frozen=True)
class Shape:
    code: str
    name: str
    polygons: tuple[Polygon, ...]  # largest first
    label: tuple[float, float]  # a point well inside the largest polygon, for the name
    bbox: tuple[float, float, float, float]  # min x, min y, max x, max y

    def contains(self, x: float, y: float) -> bool:
        if not (self.bbox[0] <= x <= self.bbox[2] and self.bbox[1] <= y <= self.bbox[3]):
            return False
        for outer, *holes in self.polygons:
            if _in_ring(x, y, outer) and not any(_in_ring(x, y, h) for h in holes):
                return True
        return False

    def distance_m(self, x: float, y: float) -> float:
        """Metres from the point to the shape (0 inside)."""
        if self.contains(x, y):
            return 0.0
        best = math.inf
        for polygon in self.polygons:
            for ring in polygon:
                for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
                    dx, dy = x2 - x1, y2 - y1
                    length2 = dx * dx + dy * dy
                    t = 0.0 if length2 == 0 else max(0.0, min(1.0, ((x - x1) * dx + (y - y1) * dy) / length2))
                    best = min(best, math.hypot(x - (x1 + t * dx), y - (y1 + t * dy)))
        return best


def _in_ring(x: float, y: float, ring: Ring) -> bool:
    inside = False
    j = len(ring) - 1
    for i in range(len(ring)):
        xi, yi = ring[i]
        xj, yj = ring[j]
        if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside


def _shape(code: str, name: str, data: dict) -> Shape:
    polygons = tuple(
        tuple(tuple(zip(ring[0::2], ring[1::2], strict=True)) for ring in polygon) for polygon in data["polygons"]
    )
    return Shape(code, name, polygons, tuple(data["label"]), tuple(data["bbox"]))  # type: ignore[arg-type]


@cache
def municipality_shape(code: str) -> Shape | None:
    from .regions import municipality

    data = load("boundaries.json")["municipalities"].get(code)
    found = municipality(code)
    return _shape(code, found.name, data) if data and found else None


@cache
def county_shape(code: str) -> Shape | None:
    from .regions import county

    data = load("boundaries.json")["counties"].get(code)
    found = county(code)
    return _shape(code, found.name, data) if data and found else None


def attribution() -> str:
    """The credit line to show with a map drawn from these boundaries."""
    return load("boundaries.json")["attribution"]


def locate(latitude: float, longitude: float, codes=None) -> tuple[Shape, float] | None:
    """The municipality (among `codes`, default all of Sweden) that contains the point, else the nearest one,
    with the distance in km (0.0 inside). None when no code has a shape."""
    from .regions import municipalities

    shapes = [s for s in (municipality_shape(c) for c in (codes or [m.code for m in municipalities()])) if s]
    if not shapes:
        return None
    if not (-80 < latitude < 84 and abs(longitude - 15) < 60):  # far from Sweden: the projection would not hold
        return min(((s, _great_circle_km(latitude, longitude, s)) for s in shapes), key=lambda pair: pair[1])
    y, x = sweref.to_sweref(latitude, longitude)
    for shape in shapes:
        if shape.contains(x, y):
            return shape, 0.0
    nearest = min(((s, s.distance_m(x, y)) for s in shapes), key=lambda pair: pair[1])
    return nearest[0], nearest[1] / 1000


def _great_circle_km(latitude: float, longitude: float, shape: Shape) -> float:
    """Rough distance to the shape's label point, for places far outside Sweden."""
    lat2, lon2 = sweref.to_wgs84(shape.label[1], shape.label[0])
    p1, p2, dl = math.radians(latitude), math.radians(lat2), math.radians(lon2 - longitude)
    cos = math.sin(p1) * math.sin(p2) + math.cos(p1) * math.cos(p2) * math.cos(dl)
    return 6371.0 * math.acos(max(-1.0, min(1.0, cos)))
