"""Choose "Utvalda exempel": self-contained, concrete, representative statements, redacted and shortened.

A good quote stands on its own (does not start "Det", "Som ovan", "Och …"), says something concrete
(numbers, named places, examples), represents a theme people actually raised, and is readable: long
answers are cut at sentence boundaries, the gaps marked "/…/" as in the region's published summaries.
The original text is always kept beside the published one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .model import Redaction
from .redact import PLACEHOLDER, Redactor

GAP = " /…/ "
_SENT_RE = re.compile(r"(?<=[.!?…])\s+(?=[\"“«(]?[A-ZÅÄÖÜÉ0-9])")
# Openings that lean on something said before (not self-contained).
_DEPENDENT_RE = re.compile(
    r"^(?:och|men|eller|så|som|samma|också|dessutom|detta|dessa|den här|det här|de här|där|då|ja|nej|se|"
    r"instämmer|håller med|precis|absolut|tidigare|ovan|enligt ovan|and|but|also|same|this|that|these|"
    r"und|aber|auch|dies|das|siehe)\b",
    re.I)
_CONCRETE_RE = re.compile(r"\d|\b(?:t\.ex|till exempel|exempelvis|z\.b|e\.g|for example|zum beispiel)\b", re.I)


@dataclass
class QuoteCandidate:
    text: str  # published text: redacted, possibly shortened
    original: str
    shortened: bool
    redactions: list[Redaction]
    score: float


@dataclass
class QuoteMaker:
    """Parameters
    ----------
    max_chars:
        Longer texts are shortened to about this length at sentence boundaries, gaps marked "/…/".
    min_chars:
        Shorter statements are not quoted (a quote should say something).
    """

    max_chars: int = 400
    min_chars: int = 60
    redactor: Redactor | None = None

    def __post_init__(self) -> None:
        if self.redactor is None:
            self.redactor = Redactor()

    def quality(self, text: str, n_terms: int) -> float:
        """0–1 (negative: not quotable): readable length, self-contained, concrete, wordy enough."""
        n = len(text)
        if n < self.min_chars or n_terms < 4:
            return -1.0
        if _DEPENDENT_RE.match(text.strip()):
            return -0.5
        length = 1.0 if 100 <= n <= self.max_chars else (n / 100 if n < 100 else max(0.3, self.max_chars / n))
        concrete = 1.0 if _CONCRETE_RE.search(text) or _has_proper_noun(text) else 0.0
        ends = 1.0 if text.rstrip()[-1:] in ".!?" else 0.6
        questions = 0.5 if text.count("?") > text.count(".") else 1.0
        return (0.5 * length + 0.25 * concrete + 0.25 * ends) * questions

    def make(self, original: str, relevance: Sequence[float] | None = None) -> QuoteCandidate:
        """Redact and shorten ``original``; ``relevance`` scores its sentences (keep the best ones)."""
        assert self.redactor is not None
        shortened_text, kept = self._shorten(original, relevance)
        redacted, found = self.redactor.redact(original)
        if kept is None:
            return QuoteCandidate(text=redacted, original=original, shortened=False, redactions=found, score=0.0)
        # Redact the shortened text piecewise so every placeholder maps back to the original.
        pieces = []
        for a, b in kept:
            part = original[a:b]
            red, _ = self.redactor.redact(part)
            pieces.append(red)
        return QuoteCandidate(text=GAP.join(pieces), original=original, shortened=True, redactions=found,
                              score=0.0)

    def _shorten(self, text: str, relevance: Sequence[float] | None) -> tuple[str, list[tuple[int, int]] | None]:
        if len(text) <= self.max_chars:
            return text, None
        spans = _sentence_spans(text)
        if len(spans) < 2:
            cut = text.rfind(" ", 0, self.max_chars)
            cut = cut if cut > 0 else self.max_chars
            return text[:cut], [(0, cut)]
        rel = list(relevance) if relevance is not None and len(relevance) == len(spans) else \
            [1.0 / (1 + i) for i in range(len(spans))]
        # Always keep the first sentence (it usually states the point), then the most relevant ones.
        keep = {0}
        total = spans[0][1] - spans[0][0]
        for i in sorted(range(1, len(spans)), key=lambda i: (-rel[i], i)):
            length = spans[i][1] - spans[i][0]
            if total + length + len(GAP) <= self.max_chars:
                keep.add(i)
                total += length + len(GAP)
        # Merge adjacent kept sentences into one span; a gap between spans becomes "/…/".
        merged: list[tuple[int, int]] = []
        for i in sorted(keep):
            a, b = spans[i]
            if merged and i - 1 in keep:
                merged[-1] = (merged[-1][0], b)
            else:
                merged.append((a, b))
        if len(merged) == 1 and merged[0] == (0, len(text)):
            return text, None
        return GAP.join(text[a:b] for a, b in merged), merged


def sentence_texts(text: str) -> list[str]:
    return [text[a:b] for a, b in _sentence_spans(text)]


def _sentence_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    pos = 0
    for m in _SENT_RE.finditer(text):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    return [(a, b) for a, b in spans if b > a]


def _has_proper_noun(text: str) -> bool:
    words = text.split()
    return any(w[:1].isupper() and i > 0 and not words[i - 1].endswith((".", "!", "?")) for i, w in
               enumerate(words))


def placeholders() -> set[str]:
    return set(PLACEHOLDER.values())
