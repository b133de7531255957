"""The redactor's name lists: person names to find, and places, institutions, works and figures to keep.

The lists are plain text in `data/` (see `data/SOURCES.md`): national ones generated from open data by
`scripts/build_redaction_data.py`, and hand-written ones. They are read once per process; a consultation's own
protected names make a small second lexicon that is cached per set of names.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

# A word: letters and digits with inner apostrophes, joined by hyphens ("Anna-Karin", "MU-avtalet").
WORD_RE = re.compile(r"[^\W_](?:[\w'’]*[^\W_])?(?:-[^\W_](?:[\w'’]*[^\W_])?)*")

# What a protected entry is: it decides whether a personal cue can turn it back into a person's name.
MUNICIPALITY = "municipality"  # one of Sweden's 290 municipalities or 21 counties
PLACE = "place"  # a locality, province or region
THING = "thing"  # an institution, venue, event, organisation, brand
WORK = "work"  # a title of a work or a character
FIGURE = "figure"  # a historical public figure of Swedish culture
EXTRA = "extra"  # named by the caller: the consultation's own places and institutions


@dataclass
class Phrases:
    """Protected names of one or more words, looked up by their first word."""

    single: dict[str, str] = field(default_factory=dict)  # word → kind
    multi: dict[str, list[tuple[tuple[str, ...], str]]] = field(default_factory=dict)  # first word → longest first

    def add(self, name: str, kind: str) -> None:
        words = tuple(WORD_RE.findall(name))
        if not words:
            return
        if len(words) == 1:
            self.single.setdefault(words[0], kind)
        else:
            self.multi.setdefault(words[0], []).append((words, kind))

    def sort(self) -> None:
        for entries in self.multi.values():
            entries.sort(key=lambda e: -len(e[0]))


@dataclass
class Lexicon:
    first: frozenset[str]  # first names
    ordinary: frozenset[str]  # first names that are frequent Swedish words: "Inga", "Per", "Björn"
    surnames: frozenset[str]
    phrases: Phrases


@dataclass(frozen=True)
class Cues:
    """Cue words from data/cues_sv.txt (see its comments for what each section does)."""

    possessives: frozenset[str]
    personal: frozenset[str]
    after_possessive: frozenset[str]
    plural: frozenset[str]
    greetings: frozenset[str]
    pairs: frozenset[tuple[str, str]]
    roles: tuple[str, ...]  # also matched as the end of a compound: "kulturchefen"
    cultural: tuple[str, ...]
    titles: tuple[str, ...]
    where: frozenset[str]
    institutions: tuple[str, ...]


@lru_cache(maxsize=1)
def cues() -> Cues:
    sections: dict[str, list[str]] = {}
    current: list[str] = []
    for line in _lines("cues_sv.txt"):
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1], [])
        elif line.count(" ") == 1 and current is sections.get("greeting-pairs"):
            current.append(line)
        else:
            current.extend(line.split())
    return Cues(
        possessives=frozenset(sections["possessives"]),
        personal=frozenset(sections["personal"]),
        after_possessive=frozenset(sections["personal-after-possessive"]),
        plural=frozenset(sections["personal-plural"]),
        greetings=frozenset(sections["greetings"]),
        pairs=frozenset((a, b) for a, _, b in (p.partition(" ") for p in sections["greeting-pairs"])),
        roles=tuple(sections["roles"]),
        cultural=tuple(sections["cultural-roles"]),
        titles=tuple(sections["titles"]),
        where=frozenset(sections["where"]),
        institutions=tuple(sections["institutions"]),
    )


@lru_cache(maxsize=1)
def national() -> Lexicon:
    first = _words("first_names_se.txt") | _words("first_names_sv.txt")
    phrases = Phrases()
    kind = MUNICIPALITY
    for line in _lines("places_se.txt", comments=True):
        if line.startswith("#"):
            kind = PLACE if line.startswith("# localities (") else kind
        else:
            phrases.add(line, kind)
    for line in _lines("protected_sv.txt"):
        phrases.add(line, THING)
    for line in _lines("works_sv.txt"):
        phrases.add(line, WORK)
    for line in _lines("figures_sv.txt"):
        full, _, short = line.partition("|")
        phrases.add(full, FIGURE)
        for alias in short.split(","):
            if alias.strip():
                phrases.add(alias.strip(), FIGURE)
    phrases.sort()
    return Lexicon(
        first=frozenset(first),
        ordinary=frozenset(_words("name_words_sv.txt")),
        surnames=frozenset(_words("surnames_se.txt")),
        phrases=phrases,
    )


@lru_cache(maxsize=64)
def extra(names: frozenset[str]) -> Phrases:
    phrases = Phrases()
    for name in names:
        phrases.add(name, EXTRA)
    phrases.sort()
    return phrases


def extra_phrases(names: Iterable[str]) -> Phrases | None:
    cleaned = frozenset(n.strip() for n in names if n and n.strip())
    return extra(cleaned) if cleaned else None


def _lines(name: str, comments: bool = False) -> list[str]:
    text = resources.files("samrad.synthesis").joinpath("data", name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and (comments or not line.startswith("#"))]


def _words(name: str) -> set[str]:
    return {word for line in _lines(name) for word in line.split()}
