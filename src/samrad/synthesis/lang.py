"""Which language an answer is in, among the ones the engine normalises."""

from __future__ import annotations

from functools import lru_cache

import simplemma

from .model import LANGUAGES


@lru_cache(maxsize=65536)
def detect(text: str, default: str = "sv") -> str:
    """Best guess among sv/en/de/fr/fi; ``default`` when the text is too short to tell.

    simplemma's detector scores the share of known words per language; short answers ("Mer pengar")
    are ambiguous, so a language must win clearly to override the consultation's default.
    """
    sample = text[:1000]
    if sum(ch.isalpha() for ch in sample) < 12:
        return default
    scores = dict(simplemma.langdetect(sample, lang=LANGUAGES))
    best = max(LANGUAGES, key=lambda code: (scores.get(code, 0.0), code == default))
    if scores.get(best, 0.0) < 0.3 or scores.get(best, 0.0) - scores.get(default, 0.0) < 0.15:
        return default
    return best
