import numpy as np
import scipy.sparse as sp

from samrad.synthesis.represent import TfidfRepresenter, term_neighbours


def _docs() -> list[list[str]]:
    # "fleisch" and "landwirtschaft" never meet, but both co-occur with "bio".
    return [["fleisch", "bio"], ["landwirtschaft", "bio"], ["auto", "strasse"], ["auto", "bus"]] * 150


def _tfidf(docs: list[list[str]]) -> tuple[sp.csr_matrix, list[str]]:
    vocab = sorted({t for d in docs for t in d})
    col = {t: i for i, t in enumerate(vocab)}
    rows = [i for i, d in enumerate(docs) for _ in d]
    cols = [col[t] for d in docs for t in d]
    X = sp.csr_matrix((np.ones(len(rows), dtype=np.float32), (rows, cols)), shape=(len(docs), len(vocab)))
    return X, vocab


def test_term_neighbours_skip_self_keep_n_and_are_deterministic():
    X, vocab = _tfidf(_docs())
    S = term_neighbours(X, n_neighbours=1, max_entries=5)  # many small blocks
    assert S.shape == (len(vocab), len(vocab))
    assert np.all(S.diagonal() == 0)
    assert np.all(np.diff(S.indptr) <= 1)
    assert S[vocab.index("fleisch"), vocab.index("bio")] > 0
    again = term_neighbours(X, n_neighbours=1)
    assert (again != S).nnz == 0


def test_expansion_links_statements_without_shared_words():
    docs = _docs()
    texts = [" ".join(d) for d in docs]
    rep = TfidfRepresenter(char_weight=0.0)
    X, _ = rep.features(texts, docs)
    plain, _ = TfidfRepresenter(char_weight=0.0, expand=0.0).features(texts, docs)
    assert (plain[0] @ plain[1].T).toarray()[0, 0] < (X[0] @ X[1].T).toarray()[0, 0]
    # Meat and roads stay apart.
    assert (X[0] @ X[2].T).toarray()[0, 0] == 0


def test_no_expansion_for_small_runs():
    docs = _docs()[:40]
    texts = [" ".join(d) for d in docs]
    X, _ = TfidfRepresenter().features(texts, docs)
    plain, _ = TfidfRepresenter(expand=0.0).features(texts, docs)
    assert (plain != X).nnz == 0
