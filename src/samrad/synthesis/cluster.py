"""Group one question's statements into themes, choosing how many from the data; misfits go to a rest.

Method: over-cluster with k-means (weighted by duplicate counts), merge the fine clusters bottom-up by
centroid similarity, pick the cut whose themes are best separated (silhouette on a sample), refine with a
few k-means steps from the merged centroids, then move statements that sit far from their theme — and
themes too small to report — to the rest ("Övrigt"). The rest is capped so it never swallows the data.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from scipy.cluster.hierarchy import fcluster, linkage
from sklearn.cluster import KMeans, MiniBatchKMeans
from sklearn.metrics import silhouette_score
from sklearn.preprocessing import normalize

REST = -1


@dataclass
class Clustering:
    labels: np.ndarray  # theme index per statement, REST for the rest
    centroids: np.ndarray  # (k, d), L2-normalised
    similarity: np.ndarray  # each statement's cosine similarity to its (nearest) theme centroid
    coherence: np.ndarray  # (k,) mean similarity of a theme's members to its centroid
    k_scores: dict[int, float]  # silhouette per candidate k (diagnostics)
    vectors: np.ndarray  # the (centred, normalised) vectors the themes were built on


@dataclass
class ThemeClusterer:
    """Parameters
    ----------
    max_themes:
        Upper bound on themes; default grows with the cube root of the group size (2 at 5 statements,
        9 at 100, 20 at 1,000, at most 25).
    min_theme_size:
        Smallest theme reported (in statements, duplicates included); smaller ones join the rest. Default
        2 for small groups, rising to 1 % of the group (at most 40).
    rest_z:
        A statement whose similarity to its theme is more than ``rest_z`` standard deviations below the
        theme's mean goes to the rest.
    max_rest_share:
        The rest never holds more than this share of statements; the best-fitting misfits are kept in
        their themes instead.
    min_statements:
        Below this many distinct statements no themes are formed (everything is shown as the rest).
    """

    max_themes: int | None = None
    min_theme_size: int | None = None
    rest_z: float = 1.8
    max_rest_share: float = 0.2
    min_statements: int = 5
    silhouette_sample: int = 2000
    center: bool = True
    random_state: int = 0

    def fit(
        self, V: np.ndarray, weights: np.ndarray | None = None, terms: Sequence[Sequence[str]] | None = None
    ) -> Clustering:
        """``terms``: when given, a statement sharing no term with any other member of its theme is a
        misfit too (lexical vectors give unrelated short texts some similarity through shared letters)."""
        # float32 throughout: at a million statements a float64 copy alone would take 3 GB.
        V = np.asarray(V, dtype=np.float32)
        n = V.shape[0]
        if self.center and n > 2:
            # Embeddings share a large common direction (every statement looks ~0.8 similar to every
            # other); removing it lets cosine similarity, and the silhouette, see the differences.
            V = V - V.mean(axis=0, dtype=np.float64).astype(np.float32)
            normalize(V, copy=False)
        w = np.ones(n) if weights is None else np.asarray(weights, dtype=float)
        if n < self.min_statements or V.shape[1] == 0 or not np.any(V):
            return Clustering(
                labels=np.full(n, REST),
                centroids=np.zeros((0, V.shape[1]), dtype=np.float32),
                similarity=np.zeros(n),
                coherence=np.zeros(0),
                k_scores={},
                vectors=V,
            )
        k_max = self.max_themes or int(min(25, max(2, round(2.0 * n ** (1 / 3)))))
        k_max = max(1, min(k_max, n // 2))
        min_size = self.min_theme_size or int(min(40, max(2, math.ceil(0.01 * w.sum()))))

        labels, scores = self._choose(V, w, k_max)
        labels, centroids = self._refine(V, w, labels)
        labels, sim = self._rest(V, w, labels, centroids, min_size, terms)
        labels, centroids, sim = self._compact(V, labels, centroids)
        coherence = np.array([sim[labels == t].mean() if np.any(labels == t) else 0.0 for t in range(len(centroids))])
        return Clustering(
            labels=labels,
            centroids=centroids,
            similarity=sim,
            coherence=coherence,
            k_scores=scores,
            vectors=V,
        )

    # -- choosing the number of themes ----------------------------------------------------------
    def _choose(self, V: np.ndarray, w: np.ndarray, k_max: int) -> tuple[np.ndarray, dict[int, float]]:
        n = V.shape[0]
        if k_max < 2:
            return np.zeros(n, dtype=int), {}
        k_fine = int(min(n, max(k_max, min(3 * k_max, n // 4, 90))))
        fine = self._kmeans(V, w, k_fine)
        fine_labels = fine.labels_
        used = np.unique(fine_labels)
        remap = np.full(int(fine_labels.max()) + 1, -1)
        remap[used] = np.arange(len(used))
        fl = remap[fine_labels]
        C = _centroids(V, w, fl, len(used)).astype(np.float64)
        if len(used) <= 2:
            return fl, {}
        Z = linkage(C, method="ward")
        rng = np.random.default_rng(self.random_state)
        sample = (
            np.sort(rng.choice(n, self.silhouette_sample, replace=False))
            if n > self.silhouette_sample
            else np.arange(n)
        )
        Vs = V[sample]
        D = np.clip(1.0 - Vs @ Vs.T, 0.0, 2.0)
        np.fill_diagonal(D, 0.0)
        best_k, best_score, best_labels = 0, -2.0, fl
        scores: dict[int, float] = {}
        for k in range(2, min(k_max, len(used)) + 1):
            cut = fcluster(Z, k, criterion="maxclust") - 1
            lab = cut[fl]
            if len(np.unique(lab[sample])) < 2:
                continue
            s = float(silhouette_score(D, lab[sample], metric="precomputed"))
            scores[k] = s
            # A slight preference for more themes: silhouette on text tends to favour very few, broad
            # clusters, while analysts want themes specific enough to act on.
            adj = s + 0.004 * k
            if adj > best_score:
                best_k, best_score, best_labels = k, adj, lab
        if best_k == 0:
            return fl, scores
        return best_labels, scores

    def _kmeans(self, V: np.ndarray, w: np.ndarray, k: int) -> KMeans | MiniBatchKMeans:
        if V.shape[0] > 100_000:
            return MiniBatchKMeans(k, random_state=self.random_state, n_init=3, batch_size=4096, max_iter=50).fit(
                V, sample_weight=w
            )
        return KMeans(k, random_state=self.random_state, n_init=1, max_iter=60).fit(V, sample_weight=w)

    def _refine(self, V: np.ndarray, w: np.ndarray, labels: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """A few spherical k-means steps from the merged clusters' centroids (merging leaves ragged edges)."""
        k = int(labels.max()) + 1
        C = _centroids(V, w, labels, k)
        for _ in range(5):
            new = np.argmax(V @ C.T, axis=1)
            if np.array_equal(new, labels):
                break
            labels = new
            C = _centroids(V, w, labels, k)
        return labels, C

    # -- the rest ------------------------------------------------------------------------------
    def _rest(
        self,
        V: np.ndarray,
        w: np.ndarray,
        labels: np.ndarray,
        C: np.ndarray,
        min_size: int,
        terms: Sequence[Sequence[str]] | None,
    ) -> tuple[np.ndarray, np.ndarray]:
        sim = np.take_along_axis(V @ C.T, labels[:, None], axis=1)[:, 0]  # no (n, d) copy of the centroids
        out = labels.copy()
        misfit = np.zeros(len(labels), dtype=bool)
        for t in range(C.shape[0]):
            m = labels == t
            if not np.any(m):
                continue
            if w[m].sum() < min_size:
                misfit[m] = True
                continue
            mu, sd = float(sim[m].mean()), float(sim[m].std())
            misfit[m & (sim < mu - self.rest_z * sd)] = True
            if terms is not None:
                idx = np.where(m)[0]
                df: Counter[str] = Counter()
                for i in idx:
                    df.update(set(terms[i]))
                for i in idx:
                    if not any(df[t] > 1 for t in set(terms[i])):
                        misfit[i] = True
        # Cap the rest: keep the best-fitting misfits in their themes.
        cap = self.max_rest_share * w.sum()
        if w[misfit].sum() > cap:
            order = np.where(misfit)[0][np.argsort(sim[misfit], kind="stable")]
            cum = np.cumsum(w[order])
            misfit[:] = False
            misfit[order[cum <= cap]] = True
        out[misfit] = REST
        return out, sim

    @staticmethod
    def _compact(V: np.ndarray, labels: np.ndarray, C: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Renumber themes 0..k-1 (dropping emptied ones) and recompute centroids from their members."""
        used = [t for t in range(C.shape[0]) if np.any(labels == t)]
        remap = np.full(C.shape[0] + 1, REST)
        for i, t in enumerate(used):
            remap[t] = i
        new = np.where(labels == REST, REST, remap[np.where(labels == REST, C.shape[0], labels)])
        if not used:
            return new, np.zeros((0, V.shape[1]), dtype=np.float32), np.zeros(len(labels))
        C2 = _centroids(V, np.ones(len(new)), new, len(used))
        sim_all = V @ C2.T
        sim = np.where(new == REST, sim_all.max(axis=1), sim_all[np.arange(len(new)), np.maximum(new, 0)])
        return new, C2, sim


def _centroids(V: np.ndarray, w: np.ndarray, labels: np.ndarray, k: int) -> np.ndarray:
    """L2-normalised weighted mean of each label's rows (labels < 0 ignored), as one sparse product: no
    per-cluster copies of the rows."""
    keep = labels >= 0
    rows = np.where(keep)[0]
    member = sp.csr_matrix((w[keep].astype(np.float32), (labels[keep], rows)), shape=(k, V.shape[0]))
    # An emptied cluster keeps a zero centroid; nothing will be assigned to it.
    return normalize(np.asarray(member @ V, dtype=np.float32))
