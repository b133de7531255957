"""Files uploaded on the import page and checked (dry run) but not yet imported: kept under
MEDIA_ROOT/imports/pending/ so the person can confirm without uploading again.

They are raw exports, often with names and e-mail addresses, and belong to no consultation yet. So they do not
stay: a file older than SAMRAD_PENDING_IMPORT_HOURS (default 24) is removed by `samrad purge` and whenever
another file is checked, and an erasure removes every pending file that names the person.
"""

import time
from pathlib import Path

from django.conf import settings

DEFAULT_HOURS = 24


def folder() -> Path:
    return Path(settings.MEDIA_ROOT) / "imports" / "pending"


def max_age_hours() -> float:
    return float(getattr(settings, "SAMRAD_PENDING_IMPORT_HOURS", DEFAULT_HOURS))


def files() -> list[Path]:
    """The uploaded files (each with a `.name` file beside it holding its original name)."""
    if not folder().is_dir():
        return []
    return sorted(p for p in folder().iterdir() if p.is_file() and p.suffix != ".name")


def remove(path: Path) -> None:
    path.unlink(missing_ok=True)
    path.with_name(path.name + ".name").unlink(missing_ok=True)


def expired(now: float | None = None) -> list[Path]:
    limit = (now or time.time()) - max_age_hours() * 3600
    found = []
    for path in files():
        try:
            if path.stat().st_mtime < limit:
                found.append(path)
        except FileNotFoundError:  # another process removed it
            continue
    orphans = [p for p in folder().glob("*.name") if not p.with_name(p.stem).exists()] if folder().is_dir() else []
    return found + orphans


def expire(now: float | None = None) -> int:
    """Remove the pending files older than the limit; returns how many."""
    paths = expired(now)
    for path in paths:
        remove(path)
    return len(paths)


def text_of(path: Path) -> str | None:
    """All the text of a pending file and its original name, to search for a person; None if unreadable."""
    from .privacy import archive_text

    try:
        text = archive_text(path)
        name_file = path.with_name(path.name + ".name")
        return text + "\n" + (name_file.read_text(encoding="utf-8") if name_file.is_file() else "")
    except Exception:  # noqa: BLE001  (a file that cannot be searched is treated as naming the person)
        return None
