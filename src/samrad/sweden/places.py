"""Swedish place names: counties, municipalities and localities, e.g. for telling places from person names."""

from dataclasses import dataclass
from functools import cache

from ._data import load
from .regions import counties, municipalities


@dataclass(frozen=True)
class Place:
    name: str
    kind: str  # "county", "municipality" or "locality"
    code: str  # the county's or municipality's code; for a locality, the municipality it lies in
    latitude: float | None = None
    longitude: float | None = None
    population: int | None = None  # localities: GeoNames' figure


@cache
def places() -> tuple[Place, ...]:
    """Counties (official and short name), municipalities, then GeoNames' localities of 500 or more."""
    found = []
    for c in counties():
        found.append(Place(c.name, "county", c.code))
        found.append(Place(c.short_name, "county", c.code))
    found.extend(Place(m.name, "municipality", m.code) for m in municipalities())
    data = load("places.json")
    column = {name: i for i, name in enumerate(data["columns"])}
    for row in data["localities"]:
        found.append(
            Place(
                row[column["name"]],
                "locality",
                row[column["municipality"]],
                row[column["latitude"]],
                row[column["longitude"]],
                row[column["population"]],
            )
        )
    return tuple(found)


@cache
def place_names() -> frozenset[str]:
    """Every name in `places()`, as written ("Malung-Sälen", "Dalarnas län", "Dalarna", "Sundborn")."""
    return frozenset(p.name for p in places())
