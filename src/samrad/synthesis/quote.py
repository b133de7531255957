"""Choose "Utvalda exempel": self-contained, concrete, representative statements, redacted and shortened.

A good quote stands on its own (does not start "Det", "Som ovan", "Och …"), says something concrete
(numbers, named places, institutions, events), represents a theme people actually raised, and reads as
prose: whole sentences, not a note-taker's shorthand and never a facilitator's aside ("se ovan", "forts.").
Long answers are shortened by leaving out whole sentences, the gaps marked "/…/" as in the region's
published summaries; a sentence is never cut. The original text is always kept beside the published one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .cluster import REST, Clustering
from .model import Quote, Redaction, Section, Statement
from .normalise import Normaliser
from .phrases import META_RE
from .redact import PLACEHOLDER, Redactor

GAP = " /…/ "
_SENT_RE = re.compile(r"(?<=[.!?…])\s+(?=[\"“«(]?[A-ZÅÄÖÜÉ0-9])")
# Openings that lean on something said before (not self-contained).
DEPENDENT_RE = re.compile(
    r"^(?:och|men|eller|så|som|samma|också|dessutom|detta|dessa|den här|det här|de här|där|då|ja|nej|se|"
    r"instämmer|håller med|precis|absolut|tidigare|ovan|enligt ovan|and|but|also|same|this|that|these|"
    r"und|aber|auch|dies|das|siehe)\b",
    re.I,
)
_CONCRETE_RE = re.compile(r"\d|\b(?:t\.ex|till exempel|exempelvis|z\.b|e\.g|for example|zum beispiel)\b", re.I)
# Note-taking shorthand: a quote is what a person wrote as prose, not a facilitator's notes.
_NOTES_RE = re.compile(r"(?:^|\s)(?:o|m|el|ev|pga|enl|pers|mkt|ngn|ngt)\.?(?=\s)|!!|\s=\s|->|→|\?\?", re.I)


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
    # A single sentence longer than max_chars is quoted whole up to this length, never cut; longer ones
    # are not quotable.
    max_sentence_chars: int = 600

    def __post_init__(self) -> None:
        if self.redactor is None:
            self.redactor = Redactor()

    def quality(self, text: str, n_terms: int) -> float:
        """0–1 (negative: not quotable): readable length, self-contained, concrete, wordy enough."""
        n = len(text)
        if n < self.min_chars or n_terms < 4:
            return -1.0
        if META_RE.search(text) or _NOTES_RE.search(text) or text.strip()[:1].islower():
            return -1.0
        if DEPENDENT_RE.match(text.strip()):
            return -0.5
        if max((b - a for a, b in _sentence_spans(text)), default=0) > self.max_sentence_chars:
            return -1.0  # a run-on that could only be published cut
        length = 1.0 if 100 <= n <= self.max_chars else (n / 100 if n < 100 else max(0.3, self.max_chars / n))
        concrete = min(1.0, 0.5 * bool(_CONCRETE_RE.search(text)) + 0.5 * len(_proper_nouns(text)))
        ends = 1.0 if text.rstrip()[-1:] in ".!?" else 0.6
        questions = 0.5 if text.count("?") > text.count(".") else 1.0
        return (0.45 * length + 0.35 * concrete + 0.2 * ends) * questions

    def make(self, original: str, relevance: Sequence[float] | None = None) -> QuoteCandidate:
        """Redact and shorten ``original``; ``relevance`` scores its sentences (keep the best ones)."""
        assert self.redactor is not None
        _shortened_text, kept = self._shorten(original, relevance)
        redacted, found = self.redactor.redact(original)
        if kept is None:
            return QuoteCandidate(text=redacted, original=original, shortened=False, redactions=found, score=0.0)
        # Redact the shortened text piecewise so every placeholder maps back to the original.
        pieces = []
        for a, b in kept:
            part = original[a:b]
            red, _ = self.redactor.redact(part)
            pieces.append(red)
        return QuoteCandidate(text=GAP.join(pieces), original=original, shortened=True, redactions=found, score=0.0)

    def _shorten(self, text: str, relevance: Sequence[float] | None) -> tuple[str, list[tuple[int, int]] | None]:
        if len(text) <= self.max_chars:
            return text, None
        spans = _sentence_spans(text)
        if len(spans) < 2:
            return text, None  # one sentence: quoted whole (quality() refused the over-long ones)
        rel = (
            list(relevance)
            if relevance is not None and len(relevance) == len(spans)
            else [1.0 / (1 + i) for i in range(len(spans))]
        )
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


def select_quotes(
    section: Section,
    section_statements: list[int],
    statements: list[Statement],
    kept: list[int],
    cl: Clustering,
    theme_of_label: dict[int, str],
    quoter: QuoteMaker,
    normaliser: Normaliser,
    keywords: list[list[str]],
    max_quotes: int,
    lang: str | None = None,
) -> list[Quote]:
    """Best quotable statement per theme (largest themes first), then the next best, up to max_quotes.

    ``section_statements``: indices (into ``statements``) of all the section's statements; ``kept``: the
    unique ones that were clustered, in the order of ``cl.labels``. Only statements in the page's language
    ``lang`` are quoted.

    Adjacent statements of one answer that landed in the same theme are quoted together (the answer's
    argument, not a fragment of it), shortened with "/…/" when long.
    """
    labels = cl.labels
    sim = cl.similarity
    by_record: dict[str, list[int]] = {}
    for i in section_statements:
        by_record.setdefault(statements[i].record_id, []).append(i)
    pos_of = {i: j for j, i in enumerate(kept)}
    theme_rank = {tid: r for r, tid in enumerate(t.id for t in section.themes)}
    cands: list[tuple[float, int, str | None, list[int]]] = []
    for j, i in enumerate(kept):
        lab = int(labels[j])
        tid = theme_of_label.get(lab) if lab != REST else None
        if section.themes and tid is None:
            continue
        if lang is not None and statements[i].lang != lang:
            continue
        run = _run_in_theme(statements, by_record[statements[i].record_id], i, pos_of, labels)
        text = " ".join(statements[x].text for x in run)
        q = quoter.quality(text, sum(len(statements[x].terms) for x in run))
        if q < 0:
            continue
        score = 0.5 * q + 0.5 * float(sim[j])
        cands.append((score, i, tid, run))
    cands.sort(key=lambda c: (-c[0], c[1]))
    chosen: list[tuple[float, int, str | None, list[int]]] = []
    seen_runs: set[int] = set()
    # First pass: one per theme in support order; second: fill with the best remaining.
    best_per_theme: dict[str | None, tuple[float, int, str | None, list[int]]] = {}
    for c in cands:
        best_per_theme.setdefault(c[2], c)
    for c in sorted(best_per_theme.values(), key=lambda c: (theme_rank.get(c[2] or "", 10**6), c[1])):
        if len(chosen) < max_quotes:
            chosen.append(c)
            seen_runs.add(c[3][0])
    for c in cands:
        if len(chosen) >= max_quotes:
            break
        if c[3][0] not in seen_runs:
            chosen.append(c)
            seen_runs.add(c[3][0])
    quotes = []
    for n, (score, _i, tid, run) in enumerate(chosen, start=1):
        first, last = statements[run[0]], statements[run[-1]]
        original = " ".join(statements[x].text for x in run)
        kws = set(keywords[next((lab for lab, t in theme_of_label.items() if t == tid), 0)]) if tid else set()
        rel = [len(kws.intersection(normaliser.transform_one(s, first.lang))) for s in sentence_texts(original)]
        qc = quoter.make(original, rel)
        quotes.append(
            Quote(
                id=f"{section.id}-q{n}",
                statement_id=first.id,
                statement_ids=[statements[x].id for x in run],
                record_id=first.record_id,
                theme_id=tid,
                text=qc.text,
                original=original,
                span=(first.start, last.end),
                shortened=qc.shortened,
                redactions=qc.redactions,
                score=score,
            )
        )
    return quotes


def _run_in_theme(
    statements: list[Statement], record_stmts: list[int], i: int, pos_of: dict[int, int], labels: np.ndarray
) -> list[int]:
    """The statements next to ``i`` in its answer that share its theme (at most 1,500 characters)."""
    lab = labels[pos_of[i]]
    k = record_stmts.index(i)
    run = [i]
    for step in (-1, 1):
        j = k + step
        while 0 <= j < len(record_stmts):
            x = record_stmts[j]
            if (
                x not in pos_of
                or labels[pos_of[x]] != lab
                or sum(len(statements[y].text) for y in run) + len(statements[x].text) > 1500
            ):
                break
            run.insert(0, x) if step < 0 else run.append(x)
            j += step
    return run


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


def _proper_nouns(text: str) -> set[str]:
    """Capitalised words inside a sentence: named places, institutions, events (the concrete examples the
    region's page prefers)."""
    words = text.split()
    return {
        w.strip('.,;:!?()"”“')
        for i, w in enumerate(words)
        if w[:1].isupper() and i > 0 and not words[i - 1].endswith((".", "!", "?", ":"))
    }


def placeholders() -> set[str]:
    return set(PLACEHOLDER.values())
