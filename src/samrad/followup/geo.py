"""The participation map's geometry: the consultation's municipalities' boundaries (from samrad.sweden, for any
county or municipality) and the projection onto the SVG.

Only the consultation's own municipalities are drawn, so a page carries a few kilobytes of paths, not Sweden.
"""

from samrad import sweden
from samrad.sweden import sweref

# The shipped boundaries are generalised: a place a little outside one still belongs to it.
BORDER_TOLERANCE_KM = 2.0


def shapes_of(codes) -> tuple[dict[str, sweden.Shape], list[str]]:
    """({code: Shape} for the codes with a Swedish boundary, [codes without one]) in the given order."""
    found: dict[str, sweden.Shape] = {}
    missing = []
    for code in codes:
        shape = sweden.municipality_shape(code) if code else None
        if shape is None:
            missing.append(code)
        else:
            found[code] = shape
    return found, missing


def locate(latitude: float, longitude: float, shapes: dict[str, sweden.Shape]) -> tuple[sweden.Shape, float]:
    """The shape containing the point, or the nearest, with the distance in km (0 inside). `shapes` is not empty."""
    found = sweden.locate(latitude, longitude, codes=list(shapes))
    assert found is not None, "locate() needs at least one shape"
    return found


class Projection:
    """SWEREF 99 TM metres to SVG pixels: north up, the whole map inside width × max_height."""

    def __init__(self, shapes, width: float = 360, max_height: float = 440, padding: float = 8):
        boxes = [s.bbox for s in shapes]
        self.west, south = min(b[0] for b in boxes), min(b[1] for b in boxes)
        east, self.north = max(b[2] for b in boxes), max(b[3] for b in boxes)
        span_x, span_y = max(east - self.west, 1.0), max(self.north - south, 1.0)
        self.scale = min((width - 2 * padding) / span_x, (max_height - 2 * padding) / span_y)
        self.padding = padding
        self.width = span_x * self.scale + 2 * padding
        self.height = span_y * self.scale + 2 * padding

    def __call__(self, x: float, y: float) -> tuple[float, float]:
        return self.padding + (x - self.west) * self.scale, self.padding + (self.north - y) * self.scale

    def point(self, latitude: float, longitude: float) -> tuple[float, float]:
        northing, easting = sweref.to_sweref(latitude, longitude)
        return self(easting, northing)

    def path(self, shape: sweden.Shape) -> str:
        parts = []
        for polygon in shape.polygons:
            for ring in polygon:
                points = [self(x, y) for x, y in ring]
                parts.append("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in points) + "Z")
        return "".join(parts)

    def size(self, shape: sweden.Shape) -> tuple[float, float]:
        """The shape's bounding box on the map, in pixels."""
        x0, y0, x1, y1 = shape.bbox
        return (x1 - x0) * self.scale, (y1 - y0) * self.scale
