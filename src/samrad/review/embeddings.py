"""Purging the embedding cache (var/cache/embeddings-*.sqlite, samrad.review.ingest.embedding_cache); registered
with samrad.core.purgehooks in ReviewConfig.ready().

The cache holds no text, only a hash of each statement's text and its vector. A vector whose statement is
gone (erased, purged, or its answer changed) is dropped by `samrad purge`: the hashes of every statement
still in the database are computed and every other vector is deleted.
"""


def live_hashes() -> set[str]:
    from samrad.synthesis.embcache import text_hash

    from .models import Statement

    return {text_hash(t) for t in Statement.objects.values_list("text", flat=True).iterator(chunk_size=5000)}


def prune(*, dry_run: bool = False) -> int:
    """Delete (or with dry_run only count) the cached vectors of statements that no longer exist."""
    from .ingest import embedding_cache

    cache = embedding_cache()
    models = cache.models()
    if not models:
        return 0
    live = live_hashes()
    if dry_run:
        return sum(cache.count_not_in(m, live) for m in models)
    return sum(cache.keep_only(m, live) for m in models)
