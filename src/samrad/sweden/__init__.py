"""Sweden's open data for samrad: counties, municipalities, their boundaries and place names.

Pure Python without Django (the synthesis engine reads the place names too). The data files in data/ are made
at build time by scripts/build_sweden_data.py from open data on PyPI; see data/README.md for sources and licences.

    from samrad import sweden
    sweden.county("20").name                      # 'Dalarnas län'
    [m.name for m in sweden.municipalities("20")] # the county's 15 municipalities, in Swedish order
    sweden.municipality_shape("2031")             # Rättvik's simplified boundary, SWEREF 99 TM metres
    sweden.locate(60.89, 14.96)                   # (Shape of the municipality, km outside it: 0.0 inside)
    "Rättvik" in sweden.place_names()             # True
"""

from .places import Place, place_names, places
from .regions import (
    County,
    Municipality,
    Population,
    counties,
    county,
    municipalities,
    municipality,
    population_info,
    sort_key,
)
from .shapes import Shape, attribution, county_shape, locate, municipality_shape

__all__ = [
    "County",
    "Municipality",
    "Place",
    "Population",
    "Shape",
    "attribution",
    "counties",
    "county",
    "county_shape",
    "locate",
    "municipalities",
    "municipality",
    "municipality_shape",
    "place_names",
    "places",
    "population_info",
    "sort_key",
]
