"""Hypothesis strategies shared by the grouping tests: small, skewed populations."""

from __future__ import annotations

from hypothesis import strategies as st

from samrad.grouping import Person, RoundSpec

AREAS = ["Musik", "Bibliotek", "Teater", "Dans", "Film", "Litteratur"]
MUNICIPALITIES = ["Örebro", "Nora", "Kumla", "Laxå", None]
ROLES = ["kulturskapare", "kommun", "förening", None]


@st.composite
def people_lists(draw: st.DrawFn, min_size: int = 0, max_size: int = 40, with_area: bool = True) -> list[Person]:
    n = draw(st.integers(min_size, max_size))
    # Skew: an area weight list drawn per population, so some areas are large and some have one person.
    weights = draw(st.lists(st.integers(0, 6), min_size=len(AREAS), max_size=len(AREAS)))
    pool = [a for a, w in zip(AREAS, weights, strict=True) for _ in range(w)] or AREAS
    people = []
    for i in range(n):
        people.append(
            Person(
                id=f"p{i}",
                name=f"Person {i}",
                area=draw(st.sampled_from(pool)) if with_area else None,
                municipality=draw(st.sampled_from(MUNICIPALITIES)),
                role=draw(st.sampled_from(ROLES)),
                email=f"p{i}@example.org",
            )
        )
    return people


@st.composite
def size_bounds(draw: st.DrawFn) -> tuple[int, int]:
    low = draw(st.integers(1, 3))
    return low, draw(st.integers(low, 5))


def event_rounds(low: int, high: int) -> list[RoundSpec]:
    """The Örebro format: same area, mixed, keep the mixed groups."""
    return [
        RoundSpec(1, "same_area", low, high),
        RoundSpec(2, "mixed", low, high),
        RoundSpec(3, "keep_previous", keep_round=2),
    ]
