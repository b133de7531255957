"""Kept for callers of `samrad.results.cli.write_all`: the exports belong to samrad.publication."""

from samrad.publication.cli import write_all

__all__ = ["write_all"]
