"""Counties (län) and municipalities (kommuner): SCB's codes and names, and populations where shipped."""

from dataclasses import dataclass
from functools import cache

from ._data import load

_SWEDISH_ORDER = str.maketrans({"å": "{", "ä": "|", "ö": "}", "é": "e", "ü": "y"})


def sort_key(name: str) -> str:
    """Swedish alphabetical order: å, ä, ö after z."""
    return name.lower().translate(_SWEDISH_ORDER)


@dataclass(frozen=True)
class County:
    code: str  # two digits, "20"
    name: str  # "Dalarnas län"
    short_name: str  # "Dalarna"


@dataclass(frozen=True)
class Municipality:
    code: str  # four digits, the first two the county's: "2031"
    name: str  # "Rättvik"
    slug: str  # "rattvik"
    county: str  # "20"
    population: int | None  # inhabitants on 31 December of population_info().year; None where not shipped


@dataclass(frozen=True)
class Population:
    year: int | None
    as_of: str | None
    source: str | None
    note: str | None


@cache
def _counties() -> dict[str, County]:
    return {c["code"]: County(c["code"], c["name"], c["short_name"]) for c in load("regions.json")["counties"]}


@cache
def _municipalities() -> dict[str, Municipality]:
    return {
        m["code"]: Municipality(m["code"], m["name"], m["slug"], m["county"], m["population"])
        for m in load("regions.json")["municipalities"]
    }


def counties() -> tuple[County, ...]:
    """The 21 counties, by code."""
    return tuple(_counties().values())


def county(code: str) -> County | None:
    return _counties().get(code)


def municipalities(county: str | None = None) -> tuple[Municipality, ...]:
    """Every municipality, or a county's, in Swedish alphabetical order."""
    found = [m for m in _municipalities().values() if county is None or m.county == county]
    return tuple(sorted(found, key=lambda m: sort_key(m.name)))


def municipality(code: str) -> Municipality | None:
    return _municipalities().get(code)


def population_info() -> Population:
    p = load("regions.json")["population"]
    return Population(p["year"], p["as_of"], p["source"], p["note"])
