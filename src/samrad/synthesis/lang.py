"""Which language an answer is in, among the ones the engine normalises.

A stop-word vote decides most answers instantly; simplemma's detector (which loads every language's
dictionary, seconds on first use) is asked only when the vote is unclear.
"""

from __future__ import annotations

import re
from functools import lru_cache

import simplemma

from .model import LANGUAGES

_WORD_RE = re.compile(r"[^\W\d_]+", re.U)
# Frequent function words that are distinctive for each language.
_MARKERS = {
    "sv": set(
        "och att det som för inte är på med jag av till den har vi om ett kan ska också mer vara eller "
        "men så från när finns behöver där alla bra hur många skulle genom".split()
    ),
    "en": set(
        "the and to of is that for it with are be this not have more we should can will our from "
        "need people would there their".split()
    ),
    "de": set(
        "und die der das ist nicht zu mit den von für auf sich ein eine auch werden wird sollte mehr "
        "soll muss im dem des sind bei oder wie".split()
    ),
    "fr": set("le la les et des est une un pour que qui dans pas plus sur au du ce il sont avec nous faut".split()),
    "fi": set("ja on ei että se ovat kun myös tai mutta joka olla enemmän pitää kuin sekä ole".split()),
}


# Ordinary words of a language that are markers of another ("ja", "se" are Finnish markers and Swedish words).
_SHARED = {
    "sv": {"ja", "se", "en", "man", "den", "die", "so", "i"},
    "en": {"on", "die", "so", "man", "a", "i", "an", "be"},
    "de": {"man", "so", "die", "in", "an", "ja", "also"},
    "fr": {"on", "en", "a", "ne", "se", "la"},
    "fi": {"on", "ja", "se"},
}


def _votes(words: list[str], default: str) -> tuple[str, int, int]:
    """The function-word vote: (best language, its votes, the runner-up's votes)."""
    # A marker that is also a word of the default language ("ja", "se" are Swedish too) is no evidence
    # against it.
    shared = _SHARED.get(default, set())
    votes = {
        code: sum(1 for w in words if w in marks and (code == default or w not in shared))
        for code, marks in _MARKERS.items()
    }
    ranked = sorted(votes.items(), key=lambda kv: (-kv[1], kv[0] != default, kv[0]))
    return ranked[0][0], ranked[0][1], ranked[1][1]


def vote(text: str, default: str) -> str:
    """Only the function-word vote, no dictionary: ``default`` unless another language clearly wins. Cheap
    enough for every candidate phrase of a run."""
    words = [w.lower() for w in _WORD_RE.findall(text[:2000])]
    best, top, second = _votes(words, default)
    return best if top >= 2 and top >= 2 * second else default


# Letters that point at a language when the function words do not decide: asked before loading a dictionary
# (seconds each), which is then loaded only for that language. Chosen not to fire on Swedish text.
_LETTERS = {
    "fi": re.compile(r"ää|öö|yy|\b\w+(?:ssä|llä|stä|ään|ssa|sta)\b.*\b\w+(?:ssä|llä|stä|ään|ssa|sta)\b", re.S),
    "de": re.compile(r"ß|ü|\bsch\w|\w{3,}ung(?:en)?\b|\w+keit\b|\b(?:und|die|nicht|wir)\b"),
    "fr": re.compile(r"[çèêëàâîôû]|\b(?:l|d|qu)'|\b(?:les|des|est|pour|une)\b"),
    "sv": re.compile(r"å|\b(?:och|att|inte|för)\b"),
    "en": re.compile(r"\b(?:the|and|is|are|of)\b"),
}


@lru_cache(maxsize=65536)
def detect(text: str, default: str = "sv") -> str:
    """Best guess among sv/en/de/fr/fi; ``default`` when the text is too short or unclear
    (pass ``default=""`` to learn that it was unclear).

    With a default (the consultation's language), a text the function words do not decide is checked against
    one other language only, the one its letters point at; without a letter clue it is taken to be in the
    default language. Each language's dictionary costs seconds to load, so a Swedish consultation loads no
    other unless an answer looks foreign."""
    words = [w.lower() for w in _WORD_RE.findall(text[:2000])]
    if not words:
        return default
    best, top, second = _votes(words, default)
    if top >= 2 and top >= 2 * second:
        return best
    if sum(len(w) for w in words) < 30:
        return default
    if default in LANGUAGES:
        low = text.lower()
        guess = next((code for code, rx in _LETTERS.items() if code != default and rx.search(low)), None)
        if guess is None:
            return default
        candidates: tuple[str, ...] = (default, guess)
    else:
        candidates = LANGUAGES
    scores = dict(simplemma.langdetect(text[:1000], lang=candidates))
    ranked_scores = sorted(candidates, key=lambda code: (-scores.get(code, 0.0), code != default, code))
    best = ranked_scores[0]
    runner_up = ranked_scores[1] if len(ranked_scores) > 1 else best
    margin_to = default if default in LANGUAGES else runner_up
    if scores.get(best, 0.0) < 0.3 or (best != margin_to and scores[best] - scores.get(margin_to, 0.0) < 0.15):
        return default
    return best
