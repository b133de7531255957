"""BERTopic on precomputed embeddings — run with the separate bench venv (.bench-venv), never the project's.

    .bench-venv/bin/python bench/synthesis_bertopic.py INPUT.npz OUTPUT.json

INPUT.npz holds ``texts`` (str array) and ``embeddings`` (n × d float32). Defaults as in the baseline
(UMAP + HDBSCAN, min_topic_size 10), no embedding model (none is loaded or downloaded).
Output: {"seconds": fit time, "topics": [label per text, -1 = outlier], "max_rss_mb": peak memory}.
"""

from __future__ import annotations

import json
import resource
import sys
import time

import numpy as np


def main() -> None:
    data = np.load(sys.argv[1], allow_pickle=False)
    texts = [str(t) for t in data["texts"]]
    emb = data["embeddings"].astype(np.float32)
    t0 = time.perf_counter()
    from bertopic import BERTopic  # imported inside the timing: first use compiles numba code

    t_import = time.perf_counter() - t0
    t1 = time.perf_counter()
    model = BERTopic(embedding_model=None, calculate_probabilities=False, verbose=False)
    topics, _ = model.fit_transform(texts, embeddings=emb)
    seconds = time.perf_counter() - t1
    out = {
        "seconds": seconds,
        "import_seconds": t_import,
        "topics": [int(t) for t in topics],
        "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }
    with open(sys.argv[2], "w", encoding="utf-8") as f:
        json.dump(out, f)


if __name__ == "__main__":
    main()
