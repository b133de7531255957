"""Turn statement text into analysis terms: lemmas, compound parts, no stop words.

"Biblioteken" and "biblioteket" become ``bibliotek``; "kulturarvssektorn" becomes ``kulturarvsektor``
(the compound, inflection removed) plus its parts ``kulturarv`` and ``sektor``, so it meets answers that
say "sektorn för kulturarv". Every distinct word form is analysed once per run.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from .compound import CompoundSplitter, _lemma
from .stopwords import stopwords

_WORD_RE = re.compile(r"[^\W\d_]+", re.U)


@dataclass
class Normaliser:
    """Batch normaliser; one instance per run so the caches and the hunspell budget are per run.

    Parameters
    ----------
    compound_budget:
        How many distinct long Swedish word forms may be split with hunspell (most frequent first);
        the rest are split against simplemma's word list, which is fast but coarser.
    hunspell_dir:
        Folder with ``sv_SE.aff``/``sv_SE.dic``; default ``$SAMRAD_HUNSPELL_DIR`` or /usr/share/hunspell.
    """

    compound_budget: int = 500
    hunspell_dir: str | None = None
    splitter: CompoundSplitter = field(init=False)
    # term → surface forms seen, to show "kulturarvssektorn" rather than the internal term in labels
    surface: dict[str, Counter[str]] = field(default_factory=dict, init=False)
    _cache: dict[tuple[str, str], tuple[str, ...]] = field(default_factory=dict, init=False)

    def __post_init__(self) -> None:
        self.splitter = CompoundSplitter(budget=self.compound_budget, directory=self.hunspell_dir)

    def fit_transform(self, texts: Sequence[str], langs: Sequence[str]) -> list[list[str]]:
        tokenised = [_WORD_RE.findall(t) for t in texts]
        per_lang: dict[str, Counter[str]] = {}
        for toks, lang in zip(tokenised, langs, strict=True):
            per_lang.setdefault(lang, Counter()).update(w.lower() for w in toks if len(w) > 1)
        total = sum(sum(c.values()) for c in per_lang.values()) or 1
        for lang, counts in sorted(per_lang.items()):
            # Hunspell (seconds to load) only for a language that a real share of the answers is in: a stray
            # Swedish sentence in a German consultation is split with the word list.
            if sum(counts.values()) >= 0.1 * total:
                self.splitter.prepare(dict(counts), lang)
        out = []
        for toks, lang in zip(tokenised, langs, strict=True):
            terms: list[str] = []
            for w in toks:
                if len(w) < 2:
                    continue
                terms.extend(self._terms(w, lang))
            out.append(terms)
        return out

    def transform_one(self, text: str, lang: str) -> list[str]:
        return [t for w in _WORD_RE.findall(text) if len(w) > 1 for t in self._terms(w, lang)]

    def _terms(self, word: str, lang: str) -> tuple[str, ...]:
        key = (word, lang)
        hit = self._cache.get(key)
        if hit is not None:
            return hit
        lower = word.lower()
        stop = stopwords(lang)
        if lower in stop:
            result: tuple[str, ...] = ()
        else:
            # German nouns are capitalised and simplemma uses that; other languages are lemmatised lower-case.
            lemma = _lemma(word if lang == "de" else lower, lang)
            parts = self.splitter.split(lower, lang)
            if parts:
                whole = "".join(parts) if lemma == lower else lemma
                terms = [whole, *[p for p in parts if p != whole and p not in stop and len(p) > 2]]
            else:
                terms = [lemma]
            result = tuple(dict.fromkeys(t for t in terms if t not in stop and len(t) > 1))
        self._cache[key] = result
        for t in result[:1]:
            self.surface.setdefault(t, Counter())[lower] += 1
        return result

    def display(self, term: str) -> str:
        """The most common surface form of a term (stable on ties), for labels."""
        forms = self.surface.get(term)
        if not forms or term in forms:
            return term
        return min(forms.items(), key=lambda kv: (-kv[1], len(kv[0]), kv[0]))[0]
