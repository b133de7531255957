"""Invented registrants with a realistic skew, for tests, benchmarks and demos (not real people).

Areas follow the Örebro 2022 culture dialogue (nine areas, a few large, Litteratur nearly empty),
municipalities Örebro län's twelve weighted towards Örebro, five role categories.
"""

from __future__ import annotations

import random

from .model import Person

AREAS = ("Musik", "Bibliotek", "Teater", "Bild och form", "Kulturarv", "Dans", "Film", "Slöjd", "Litteratur")
AREA_WEIGHTS = (30, 20, 15, 12, 10, 5, 4, 3, 1)
MUNICIPALITIES = (
    "Örebro",
    "Karlskoga",
    "Lindesberg",
    "Kumla",
    "Hallsberg",
    "Nora",
    "Askersund",
    "Degerfors",
    "Hällefors",
    "Laxå",
    "Lekeberg",
    "Ljusnarsberg",
)
MUNICIPALITY_WEIGHTS = (40, 10, 8, 7, 6, 5, 5, 4, 4, 3, 3, 2)
ROLES = ("kulturskapare", "kommun", "förening", "utbildning", "region")
ROLE_WEIGHTS = (35, 25, 20, 12, 8)
# The example plan's neighbours (examples/orebro-2022/consultation.toml), by area name.
NEIGHBOURS = {
    "Bibliotek": "Litteratur",
    "Bild och form": "Slöjd",
    "Dans": "Teater",
    "Film": "Bild och form",
    "Kulturarv": "Slöjd",
    "Litteratur": "Bibliotek",
    "Musik": "Dans",
    "Slöjd": "Kulturarv",
    "Teater": "Dans",
}

_FIRST = (
    "Anna",
    "Erik",
    "Maria",
    "Lars",
    "Karin",
    "Johan",
    "Sara",
    "Per",
    "Emma",
    "Ali",
    "Fatima",
    "Olof",
    "Ingrid",
    "Mohammed",
    "Elin",
    "Nils",
    "Aisha",
    "Gustav",
    "Linnea",
    "Oskar",
)
_LAST = (
    "Andersson",
    "Johansson",
    "Karlsson",
    "Nilsson",
    "Eriksson",
    "Larsson",
    "Olsson",
    "Persson",
    "Svensson",
    "Gustafsson",
    "Hassan",
    "Lind",
    "Berg",
    "Ek",
    "Holm",
)


def sample_people(n: int, seed: int = 0, *, single_litteratur: bool = True) -> list[Person]:
    """n invented registrants. With single_litteratur, exactly one person (Anna) is in Litteratur."""
    rng = random.Random(seed)
    areas = [a for a in AREAS if a != "Litteratur"] if single_litteratur else list(AREAS)
    weights = AREA_WEIGHTS[: len(areas)]
    people = []
    for i in range(n):
        area = rng.choices(areas, weights)[0]
        if single_litteratur and i == n // 2:
            area = "Litteratur"
        first, last = rng.choice(_FIRST), rng.choice(_LAST)
        if single_litteratur and i == n // 2:
            first = "Anna"
        people.append(
            Person(
                id=f"p{i:05d}",
                name=f"{first} {last}",
                area=area,
                municipality=rng.choices(MUNICIPALITIES, MUNICIPALITY_WEIGHTS)[0],
                role=rng.choices(ROLES, ROLE_WEIGHTS)[0],
                email=f"{first.lower()}.{last.lower()}.{i}@example.org",
            )
        )
    return people
