"""Describe a theme the way the region's analysts did: a one-sentence headline, a few "Exempelvis:" items.

The headline is a sentence or clause chosen from the theme's statements and trimmed ("Gruppen pratade om
att …" goes, "o" becomes "och"), scored on
- closeness to the theme's centre (in a lexical space of the area × question's statements),
- how many of the theme's authors it speaks for (their statements share its terms),
- length (one sentence, at most ``max_headline_words``),
- completeness (no cut, no dangling "och", no leaning on an earlier sentence),
- and the absence of personal data, shorthand, a facilitator's aside or another language.

The items are short phrases (2–8 words) from *other* statements of the theme, chosen by maximal marginal
relevance so that they add something the headline and each other do not say; each must be closer to its own
theme's centre than to any other theme of the area × question. A line stays within ``max_line_words``.
Every headline and item keeps its statement id and character span.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer

from . import lang as langmod
from .cluster import REST
from .phrases import Phrase, Tidier, as_headline, as_item, split

_CONJUNCTION = {"sv": "och", "en": "and", "de": "und", "fr": "et", "fi": "ja"}
# Flags that keep a phrase out of the "Exempelvis:" items and the rest line.
ITEM_UNFIT = frozenset({"dependent", "question", "first_person", "clauses", "we", "continues", "anaphora"})
# An item must share this much of its words with the headline (cosine of word TF-IDF): it is an example of
# what the headline says, not of something else the theme's statements also mention. In the blind read of
# 2026-12-03, lines whose examples were about another topic than the headline were the low-rated ones.
HEAD_RELATED = 0.15


@dataclass
class Line:
    """A theme line: the headline and items as (statement position, span, text)."""

    headline: tuple[int, tuple[int, int] | None, str]
    items: list[tuple[int, tuple[int, int], str]] = field(default_factory=list)


@dataclass
class SectionText:
    """What the describer needs of one area × question: its distinct statements and how they were themed."""

    texts: Sequence[str]
    terms: Sequence[Sequence[str]]
    langs: Sequence[str]
    authors: Sequence[str]
    weights: np.ndarray  # 1 + collapsed duplicates
    labels: np.ndarray  # theme per statement, REST for the rest
    similarity: np.ndarray  # to the statement's theme centre (cluster space)
    keywords: Sequence[Sequence[str]]  # per theme, best first (display forms)
    keyword_terms: Sequence[Sequence[str]] = ()  # the same as analysis terms


@dataclass
class _Pool:
    """The candidate phrases of one theme and their similarities, computed once as matrices."""

    phrases: list[tuple[int, Phrase]]  # (statement position, phrase)
    rows: sp.csr_matrix  # phrase vectors in the section's lexical space
    own: np.ndarray  # similarity to the theme's centre
    other: np.ndarray  # highest similarity to any other theme's centre (0 with one theme)
    gram: np.ndarray  # phrase × phrase similarity

    words: int = 0  # the first ``words`` columns are word terms, the rest character n-grams
    word_rows: sp.csr_matrix | None = None  # the phrases' word TF-IDF alone, rows L2-normalised

    def terms(self, i: int) -> set[int]:
        cols = self.rows.indices[self.rows.indptr[i] : self.rows.indptr[i + 1]]
        return set(cols[cols < self.words].tolist()) if self.words else set(cols.tolist())


def class_tfidf(
    term_lists: Sequence[Sequence[str]],
    weights: np.ndarray,
    labels: np.ndarray,
    k: int,
    top: int = 6,
    max_share: float = 0.3,
) -> list[list[str]]:
    """Top terms per class by c-TF-IDF: tf(term, class) · log(1 + mean class size / tf(term, all)).

    Terms in more than ``max_share`` of all the section's statements ("län", "kultur" in a regional culture
    consultation) describe the consultation, not a theme, and are only used when nothing else is left.
    """
    per_class: list[Counter[str]] = [Counter() for _ in range(k)]
    section_df: Counter[str] = Counter()
    for terms, w, lab in zip(term_lists, weights, labels, strict=True):
        section_df.update(dict.fromkeys(set(terms), float(w)))
        if lab < 0:
            continue
        for t in set(terms):
            per_class[lab][t] += float(w)
    n_total = float(np.sum(weights)) or 1.0
    common = {t for t, v in section_df.items() if v / n_total > max_share} if n_total >= 10 else set()
    total: Counter[str] = Counter()
    for c in per_class:
        total.update(c)
    avg = np.mean([sum(c.values()) for c in per_class]) if per_class else 0.0
    out = []
    for c in per_class:
        size = sum(c.values()) or 1.0
        # A keyword must occur in two statements (or in the only ones there are): no one-off words.
        floor = min(2.0, max(c.values(), default=0.0))
        scored = [((v / size) * np.log1p(avg / total[t]), t) for t, v in c.items() if v >= floor]
        # Sort by score, then alphabetically, so ties never depend on dictionary order.
        scored.sort(key=lambda x: (-x[0], x[1]))
        specific = [t for _, t in scored if t not in common]
        out.append((specific or [t for _, t in scored])[:top])
    return out


def distinct(forms: Sequence[str]) -> list[str]:
    """Drop a keyword contained in one already chosen, or containing it ("samverkan" vs
    "samverkansmodellen", "film" vs "filmområdet"): the label should name different things."""
    chosen: list[str] = []
    for f in forms:
        low = f.lower()
        if any(low in c.lower() or c.lower() in low for c in chosen):
            continue
        chosen.append(f)
    return chosen


@dataclass
class ThemeDescriber:
    """Parameters
    ----------
    max_headline_words:
        A headline is one sentence of at most this many words.
    max_items, min_items:
        "Exempelvis:" items per theme; fewer than ``min_items`` good ones give none (the headline alone).
    item_words:
        Words per item, inclusive range.
    max_line_words:
        Headline and items together stay within this many words (the reference page's lines: median 17).
    diversity:
        MMR trade-off for items: 0 picks the most central, 1 the most different.
    candidates_per_theme:
        Phrases are cut from at most this many of a theme's statements (the most central), so the cost
        stays bounded in very large themes.
    """

    max_headline_words: int = 20
    max_items: int = 4
    min_items: int = 2
    item_words: tuple[int, int] = (2, 8)
    max_line_words: int = 25
    diversity: float = 0.4
    candidates_per_theme: int = 60
    coverage_threshold: float = 0.2

    def describe(
        self,
        section: SectionText,
        lang: str,
        tidier: Tidier,
        phrase_terms: Callable[[str, str], list[str]],
    ) -> tuple[list[Line], list[tuple[int, tuple[int, int], str]]]:
        """Lines for themes 0..k-1 (in label order) and a few items for the rest ("Övrigt")."""
        k = len(section.keywords)
        vectorizer = TfidfVectorizer(analyzer=_identity, sublinear_tf=True, dtype=np.float32)
        try:
            Xw = vectorizer.fit_transform(section.terms)
        except ValueError:  # no terms at all: every line falls back to the keywords
            Xw = sp.csr_matrix((len(section.terms), 1), dtype=np.float32)
        # Character n-grams beside the words catch what lemmas miss: compounds the dictionary did not split,
        # misspellings, inflections ("skolbibliotek" and "skolbiblioteken", "biblioteksservice").
        chars = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, dtype=np.float32)
        try:
            Xc = chars.fit_transform([t.lower() for t in section.texts])
        except ValueError:
            Xc = sp.csr_matrix((len(section.texts), 1), dtype=np.float32)
        X = _combine(Xw, Xc)
        sums = _centres(X, section, k)
        central = {t: self._central(section, t) for t in [*range(k), REST]}
        phrases = _cut(sorted({int(p) for m in central.values() for p in m}), section, lang, tidier)
        word_vectors = _vectors(vectorizer, [phrase_terms(p.text, section.langs[pos]) for pos, p in phrases])
        vectors = _combine(
            word_vectors,
            chars.transform([p.text.lower() for _pos, p in phrases]) if phrases else sp.csr_matrix((0, Xc.shape[1])),
        )
        by_statement: dict[int, list[int]] = {}
        for i, (pos, _p) in enumerate(phrases):
            by_statement.setdefault(pos, []).append(i)
        vocabulary = getattr(vectorizer, "vocabulary_", {})

        lines = []
        for t in range(k):
            members = central[t]
            idx = [i for m in members for i in by_statement.get(int(m), [])]
            pool = _pool(idx, phrases, vectors, sums, t, X, section.weights)
            pool.words, pool.word_rows = Xw.shape[1], word_vectors[idx] if idx else None
            keywords = section.keyword_terms[t][:4] if t < len(section.keyword_terms) else []
            key_cols = {vocabulary[x] for x in keywords if x in vocabulary}
            head = self._headline(pool, X[members], [section.authors[int(m)] for m in members], k, key_cols)
            if head is None:
                lines.append(Line(headline=(int(members[0]), None, _keyword_headline(section.keywords[t], lang))))
                continue
            pos, hp = pool.phrases[head]
            items = self._items(pool, head, k)
            lines.append(
                Line(
                    headline=(pos, (hp.start, hp.end), as_headline(hp)),
                    items=[
                        (
                            pool.phrases[i][0],
                            (pool.phrases[i][1].start, pool.phrases[i][1].end),
                            as_item(pool.phrases[i][1], tidier.proper),
                        )
                        for i in items
                    ],
                )
            )
        rest_idx = [i for m in central[REST] for i in by_statement.get(int(m), [])]
        rest_pool = _pool(rest_idx, phrases, vectors, sums, -1, X, section.weights)
        rest_pool.words = Xw.shape[1]
        return lines, self._rest(rest_pool)

    def _central(self, section: SectionText, t: int) -> np.ndarray:
        """A theme's (or the rest's) statements, most central first, at most ``candidates_per_theme``."""
        members = np.where(section.labels == t)[0]
        return members[np.lexsort((members, -section.similarity[members]))][: self.candidates_per_theme]

    # -- headline -----------------------------------------------------------------------------------------
    def _headline(
        self, pool: _Pool, member_rows: sp.csr_matrix, authors: list[str], k: int, key_cols: set[int]
    ) -> int | None:
        if not pool.phrases:
            return None
        covering = (member_rows @ pool.rows.T).toarray() >= self.coverage_threshold  # members × phrases
        n_authors = len(set(authors)) or 1
        best, best_score = None, -np.inf
        for i, (_pos, p) in enumerate(pool.phrases):
            if not (2 <= p.words <= self.max_headline_words) or p.flags & {"dependent", "question"}:
                continue
            if (p.level in ("head", "item") and p.words < 3) or "continues" in p.flags:
                continue
            coverage = len({a for a, hit in zip(authors, covering[:, i], strict=True) if hit}) / n_authors
            margin = pool.own[i] - pool.other[i] if k > 1 else pool.own[i]
            score = (
                0.40 * pool.own[i]
                + 0.25 * coverage
                + 0.15 * margin
                + 0.15 * _headline_length(p.words)
                + 0.15 * bool(key_cols & pool.terms(i))  # names what the theme is about
                - 0.30 * ("first_person" in p.flags)
                - 0.30 * ("we" in p.flags)  # one organisation speaking ("Vi har en bra scen …")
                - 0.15 * ("anaphora" in p.flags)  # "måste de ut": who?
                - 0.10 * ("spoken" in p.flags)  # "Ska man göra en film …", "Många här har …"
                - 0.20 * ("list" in p.flags)  # a list of groups or things, no challenge said
                - 0.05 * ("exclaim" in p.flags)
                - 0.15 * ("past" in p.flags)
                - 0.05 * (p.level == "clause")  # a later clause leans on the sentence's opening
                - 0.10 * (p.level in ("head", "item"))  # a comma piece rarely carries a whole thought
                - 0.15 * (len(p.text.split(",", 1)[0].split()) == 1 and "," in p.text)  # "Otydligt, och …"
            )
            if score > best_score:  # ties: the first (pool order is deterministic)
                best, best_score = i, score
        return best

    # -- items ---------------------------------------------------------------------------------------------
    def _items(self, pool: _Pool, head: int, k: int) -> list[int]:
        chosen = self._choose_items(pool, head, self._item_candidates(pool, head, k))
        return chosen if len(chosen) >= self.min_items else []

    def _item_candidates(self, pool: _Pool, head: int, k: int) -> list[int]:
        """Phrases that may serve as the headline's examples: the right length, not the headline again, and
        about what the headline says rather than another theme."""
        lo, hi = self.item_words
        head_pos, head_phrase = pool.phrases[head]
        head_terms = pool.terms(head)
        if pool.word_rows is not None:
            head_related = (pool.word_rows @ pool.word_rows[head].T).toarray().ravel()
        else:
            head_related = np.ones(len(pool.phrases))
        cands = []
        for i, (pos, p) in enumerate(pool.phrases):
            if not (lo <= p.words <= hi) or p.flags & ITEM_UNFIT:
                continue
            if "," in p.text:
                continue  # items are listed with commas: one holding a comma reads as two
            if pos == head_pos and _overlaps((p.start, p.end), (head_phrase.start, head_phrase.end)):
                continue
            terms = pool.terms(i)
            if not terms or (head_terms and len(terms & head_terms) / len(terms | head_terms) >= 0.5):
                continue  # says what the headline says
            if (k > 1 and pool.own[i] <= pool.other[i]) or pool.own[i] < 0.1:
                continue  # closer to another theme of this area × question, or to none
            if pool.gram[i, head] >= 0.5 or head_related[i] < HEAD_RELATED:
                continue  # nearly the headline's words, or an example of something else than it says
            cands.append(i)
        return cands

    def _choose_items(self, pool: _Pool, head: int, cands: list[int]) -> list[int]:
        """Relevant and different from each other (maximal marginal relevance), one per statement, within the
        line's word budget."""
        relevance = {
            i: pool.own[i]
            + 0.5 * (pool.own[i] - pool.other[i])
            + 0.15 * _item_length(pool.phrases[i][1].words)
            + 0.05 * ("concrete" in pool.phrases[i][1].flags)
            - 0.1 * ("past" in pool.phrases[i][1].flags)
            - 0.1 * (pool.phrases[i][1].level == "item")  # a later comma piece: more often out of context
            for i in cands
        }
        head_pos, head_phrase = pool.phrases[head]
        cands = list(cands)
        chosen: list[int] = []
        budget = self.max_line_words - head_phrase.words
        used_statements = {head_pos}
        while cands and len(chosen) < self.max_items:
            best, best_val = None, -np.inf
            for i in cands:
                if pool.phrases[i][0] in used_statements or pool.phrases[i][1].words > budget:
                    continue
                red = max((pool.gram[i, j] for j in chosen), default=0.0)
                if red >= 0.6:
                    continue
                val = (1 - self.diversity) * relevance[i] - self.diversity * red
                if val > best_val:
                    best, best_val = i, val
            if best is None:
                break
            chosen.append(best)
            used_statements.add(pool.phrases[best][0])
            budget -= pool.phrases[best][1].words
            cands.remove(best)
        return chosen

    # -- the rest ("Övrigt") -------------------------------------------------------------------------------
    def _rest(self, pool: _Pool) -> list[tuple[int, tuple[int, int], str]]:
        lo, hi = self.item_words
        best: dict[int, tuple[float, int]] = {}
        for i, (pos, p) in enumerate(pool.phrases):
            if not (lo + 1 <= p.words <= hi) or p.flags & ITEM_UNFIT:
                continue
            if "," in p.text:
                continue
            score = _item_length(p.words) + 0.2 * ("concrete" in p.flags) - 0.2 * ("past" in p.flags)
            score += 0.1 * (p.level != "item")
            if pos not in best or score > best[pos][0]:
                best[pos] = (score, i)
        chosen: list[int] = []
        for _score, i in sorted(best.values(), key=lambda x: (-x[0], x[1])):
            if len(chosen) >= 3:
                break
            if any(pool.gram[i, j] >= 0.5 for j in chosen):
                continue
            chosen.append(i)
        return [
            (
                pool.phrases[i][0],
                (pool.phrases[i][1].start, pool.phrases[i][1].end),
                as_item(pool.phrases[i][1], lambda w: True),
            )
            for i in chosen
        ]


def _centres(X: sp.csr_matrix, section: SectionText, k: int) -> np.ndarray:
    """Each theme's weighted sum of member rows (not normalised: a member's own share can be taken out)."""
    S = np.zeros((k, X.shape[1]), dtype=np.float32)
    for t in range(k):
        m = np.where(section.labels == t)[0]
        if len(m):
            S[t] = np.asarray(X[m].multiply(section.weights[m][:, None]).sum(axis=0)).ravel()
    return S


def _cut(positions: list[int], section: SectionText, lang: str, tidier: Tidier) -> list[tuple[int, Phrase]]:
    """The fit phrases of the statements at ``positions`` that may word a line: only statements in the page's
    language (one in another language counts towards the theme's support, and the analyst sees it, but it
    never words a line), never a phrase with personal data."""
    out = []
    for pos in positions:
        if section.langs[pos] != lang:
            continue
        text = section.texts[pos]
        for a, b, level in split(text, lang):
            p = tidier.phrase(text, a, b, level)
            if not p.words or not p.fit or "personal" in p.flags:
                continue
            if p.words >= 4 and langmod.vote(p.text, lang) != lang:
                continue
            out.append((pos, p))
    return out


def _pool(
    idx: list[int],
    phrases: list[tuple[int, Phrase]],
    vectors: sp.csr_matrix,
    sums: np.ndarray,
    t: int,
    X: sp.csr_matrix,
    weights: np.ndarray,
) -> _Pool:
    """A theme's candidates with their similarity to its centre — leaving out the statement a phrase was cut
    from, so a phrase counts as on-topic only when *other* members share its words — and to the nearest
    other theme's centre."""
    n, k = len(idx), sums.shape[0]
    rows = vectors[idx] if idx else sp.csr_matrix((0, vectors.shape[1]), dtype=np.float32)
    own = other = np.zeros(n, dtype=np.float32)
    if t >= 0 and k and n:
        norms = np.linalg.norm(sums, axis=1)
        sims = np.asarray(rows @ sums.T, dtype=np.float64).reshape(n, k)
        other_sims = sims / np.where(norms > 0, norms, 1.0)
        other_sims[:, t] = -np.inf
        other = (other_sims.max(axis=1) if k > 1 else np.zeros(n)).astype(np.float32)
        pos = np.array([phrases[i][0] for i in idx])
        w = weights[pos].astype(np.float64)
        source = X[pos]
        v_x = np.asarray(rows.multiply(source).sum(axis=1)).ravel()  # phrase · its statement
        s_x = np.asarray(source @ sums[t]).ravel()  # theme sum · the statement
        x_x = np.asarray(source.multiply(source).sum(axis=1)).ravel()
        rest_norm = np.sqrt(np.maximum(norms[t] ** 2 - 2 * w * s_x + w**2 * x_x, 0.0))
        own = np.where(rest_norm > 1e-6, (sims[:, t] - w * v_x) / np.where(rest_norm > 1e-6, rest_norm, 1.0), 0.0)
        own = own.astype(np.float32)
    return _Pool(
        phrases=[phrases[i] for i in idx],
        rows=rows,
        own=own,
        other=np.asarray(other, dtype=np.float32),
        gram=(rows @ rows.T).toarray() if idx else np.zeros((0, 0), dtype=np.float32),
    )


def _identity(x: Sequence[str]) -> Sequence[str]:
    return x


CHAR_WEIGHT = 0.5


def _combine(words: sp.csr_matrix, chars: sp.csr_matrix) -> sp.csr_matrix:
    """[words | CHAR_WEIGHT · characters], rows L2-normalised; the word columns come first, so word indices
    (keywords, shared terms) keep their meaning."""
    from sklearn.preprocessing import normalize

    return normalize(sp.hstack([words, chars * CHAR_WEIGHT], format="csr")).astype(np.float32)


def _vectors(vectorizer: TfidfVectorizer, term_lists: list[list[str]]) -> sp.csr_matrix:
    """Rows of L2-normalised sublinear TF-IDF in the fitted vocabulary (what ``transform`` does, without its
    per-call validation, which dominated the cost for thousands of short phrases)."""
    vocabulary = getattr(vectorizer, "vocabulary_", None)
    n_cols = len(vocabulary) if vocabulary else 1
    indptr, indices, data = [0], [], []
    for terms in term_lists:
        row: dict[int, float] = {}
        if vocabulary:
            for t in terms:
                j = vocabulary.get(t)
                if j is not None:
                    row[j] = row.get(j, 0.0) + 1.0
        if row:
            cols = sorted(row)
            vals = np.array([(1.0 + np.log(row[j])) * vectorizer.idf_[j] for j in cols], dtype=np.float32)
            vals /= np.linalg.norm(vals) or 1.0
            indices.extend(cols)
            data.extend(vals.tolist())
        indptr.append(len(indices))
    return sp.csr_matrix(
        (np.array(data, dtype=np.float32), np.array(indices, dtype=np.int32), np.array(indptr, dtype=np.int64)),
        shape=(len(term_lists), n_cols),
    )


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _headline_length(words: int) -> float:
    if 5 <= words <= 14:
        return 1.0
    if words < 5:
        return 0.4 + 0.15 * (words - 2)
    return max(0.3, 1.0 - 0.1 * (words - 14))


def _item_length(words: int) -> float:
    """Items of three to six words read best: two is often too vague ("mer jazz"), eight too long."""
    return {2: 0.5, 3: 1.0, 4: 1.0, 5: 1.0, 6: 0.9}.get(words, max(0.3, 0.9 - 0.2 * (words - 6)))


def _keyword_headline(keywords: Sequence[str], lang: str) -> str:
    """The last resort when no statement offers a clean sentence: the theme's keywords as a list."""
    words = list(keywords[:3]) or ["Övrigt"]
    text = words[0] if len(words) == 1 else f"{', '.join(words[:-1])} {_CONJUNCTION.get(lang, 'och')} {words[-1]}"
    return text[:1].upper() + text[1:] + "."
