"""Split compound words: "kulturarvssektorn" → kulturarv + sektor.

Swedish and German glue nouns together, so two answers about "teaterlokaler" and "lokaler för teater"
share no word until the compound is split. Hunspell (via spylls) splits well but costs 5–30 ms per word,
so it is used only for the most frequent long word forms (a fixed budget, so output stays deterministic);
the rest use a cheap splitter that checks both halves against simplemma's word list.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import simplemma

MIN_LEN = 8  # shorter words are rarely compounds worth splitting
_LINKS = ("s", "e", "a", "u", "o", "es", "en", "n")  # linking morphemes (sv: kulturarv-s-, de: -s-, -en-)


def hunspell_dir(explicit: str | None = None) -> Path:
    return Path(explicit or os.environ.get("SAMRAD_HUNSPELL_DIR") or "/usr/share/hunspell")


@lru_cache(maxsize=4)
def _load_dictionary(path: str) -> Any:
    from spylls.hunspell import Dictionary

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return Dictionary.from_files(path)


@lru_cache(maxsize=200_000)
def _known(word: str, lang: str) -> bool:
    return simplemma.is_known(word, lang=lang) or simplemma.is_known(word.capitalize(), lang=lang)


@lru_cache(maxsize=200_000)
def _lemma(word: str, lang: str) -> str:
    return simplemma.lemmatize(word, lang=lang).lower()


# Right halves that are really derivational suffixes ("verksam|het", "håll|barhet"), not words.
_SUFFIX_WORDS = {
    "het",
    "heta",
    "barhet",
    "else",
    "ande",
    "ende",
    "ning",
    "ningen",
    "lig",
    "lighet",
    "ighet",
    "skap",
    "ung",
    "keit",
    "heit",
    "ation",
    "ness",
    "ment",
    "tion",
    "aren",
    "arna",
}


@lru_cache(maxsize=200_000)
def dictionary_split(word: str, lang: str) -> tuple[str, ...]:
    """Split an unknown long word into known words (optionally joined by a linking morpheme).

    Known words are left alone (splitting "verksamhet" only invents nonsense); the most balanced split
    wins, and an unknown left half may itself be split ("skolbiblioteksverksamhet" → three parts).
    """
    w = word.lower()
    if len(w) < MIN_LEN or not w.isalpha() or _known(w, lang):
        return ()
    return _split_unknown(w, lang)


@lru_cache(maxsize=200_000)
def _split_unknown(w: str, lang: str) -> tuple[str, ...]:
    best: tuple[str, ...] = ()
    best_score = -1.0
    for i in range(3, len(w) - 3):
        left, right = w[:i], w[i:]
        if right in _SUFFIX_WORDS or not _known(right, lang):
            continue
        for cut in ("", *_LINKS):
            if cut and not left.endswith(cut):
                continue
            stem = left[: len(left) - len(cut)] if cut else left
            if len(stem) < 3:
                continue
            if _known(stem, lang):
                parts: tuple[str, ...] = (stem,)
            elif len(stem) >= MIN_LEN:
                parts = _split_unknown(stem, lang)
                if not parts:
                    continue
            else:
                continue
            score = min(len(stem), len(right)) - (0.5 if cut else 0.0) - 2.0 * (len(parts) - 1)
            if score > best_score:
                best_score = score
                best = (*parts, right)
            break
    return tuple(_lemma(p, lang) for p in best)


@dataclass
class CompoundSplitter:
    """Decide and cache compound splits for a batch of word forms.

    ``prepare(counts, lang)`` runs hunspell on the ``budget`` most frequent long forms (Swedish only, where
    a dictionary is installed); ``split(word, lang)`` then answers from the cache or the cheap splitter.
    """

    budget: int = 500
    directory: str | None = None
    hunspell_calls: int = 0
    over_budget: int = 0
    missing_dictionary: str | None = None
    _cache: dict[tuple[str, str], tuple[str, ...]] = field(default_factory=dict)
    _dict: Any = None

    def _hunspell(self) -> Any:
        if self._dict is None and self.missing_dictionary is None:
            base = hunspell_dir(self.directory)
            if (base / "sv_SE.dic").exists() and (base / "sv_SE.aff").exists():
                self._dict = _load_dictionary(str(base / "sv_SE"))
            else:
                self.missing_dictionary = str(base)
        return self._dict

    def prepare(self, counts: dict[str, int], lang: str) -> None:
        if lang != "sv" or self.budget <= 0:
            return
        long_forms = [
            w
            for w in counts
            if len(w) >= MIN_LEN and w.isalpha() and (w, lang) not in self._cache and not _known(w, lang)
        ]
        if not long_forms:
            return
        dictionary = self._hunspell()
        if dictionary is None:
            return
        # Most frequent first; ties alphabetically so the chosen set never depends on input order.
        long_forms.sort(key=lambda w: (-counts[w], w))
        chosen = long_forms[: max(0, self.budget - self.hunspell_calls)]
        self.over_budget += len(long_forms) - len(chosen)
        for w in chosen:
            self._cache[(w, lang)] = self._hunspell_split(dictionary, w, lang)
            self.hunspell_calls += 1

    def split(self, word: str, lang: str) -> tuple[str, ...]:
        w = word.lower()
        if len(w) < MIN_LEN or _known(w, lang):
            return ()
        hit = self._cache.get((w, lang))
        if hit is not None:
            return hit or dictionary_split(w, lang)
        return dictionary_split(w, lang)

    @staticmethod
    def _hunspell_split(dictionary: Any, word: str, lang: str) -> tuple[str, ...]:
        best: tuple[str, ...] = ()
        try:
            forms: Iterable[Any] = dictionary.lookuper.good_forms(word)
            for form in forms:
                parts = getattr(form, "parts", None)
                if not parts:
                    continue
                stems = [p.stem.lower() for p in parts]
                if any(len(s) < 2 for s in stems):
                    continue
                cand = tuple(_part_lemma(s, lang) for s in stems)
                # Prefer more parts (finer matching), then the alphabetically first for determinism.
                if (len(cand), tuple(-ord(c) for c in "".join(cand))) > (
                    len(best),
                    tuple(-ord(c) for c in "".join(best)),
                ):
                    best = cand
        except Exception:
            return ()
        return best


def _part_lemma(stem: str, lang: str) -> str:
    """'samverkans' → samverkan, 'skol' → skola: compound-initial forms back to the lemma."""
    lemma = _lemma(stem, lang)
    if lemma != stem:
        return lemma
    for link in ("s", "e", "a", "u"):
        if stem.endswith(link) and len(stem) > 4 and _known(stem[:-1], lang):
            return _lemma(stem[:-1], lang)
    return stem
