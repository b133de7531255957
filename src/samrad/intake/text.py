"""What we do to text before storing it — as little as possible.

Raw text is kept exactly as received, with two exceptions that no database can hold and so are replaced
the same way on SQLite and PostgreSQL (a consultation moved from one to the other behaves the same):

- NUL (U+0000): PostgreSQL cannot store it in a text column. It is removed.
- Lone surrogates (U+D800–U+DFFF, e.g. from a broken JSON escape or file): not valid UTF-8. Replaced by U+FFFD.

Every other character — tabs, newlines, CR, other control characters, non-breaking spaces — is kept.
The number of characters changed is returned so callers can record it in the contribution's provenance.
Invalid UTF-8 bytes in a form post are already decoded by Django as U+FFFD; in imported files, see
importing/read.py.
"""

import re

_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def storable(text: str) -> tuple[str, int]:
    """Return (text the database can store, number of characters removed or replaced)."""
    changed = 0

    def _swap(match: re.Match) -> str:
        nonlocal changed
        changed += 1
        return "" if match.group() == "\x00" else "\ufffd"

    if not _UNSTORABLE.search(text):
        return text, 0
    return _UNSTORABLE.sub(_swap, text), changed


def length(text: str) -> int:
    """Characters as the person sees them: a browser sends a line break in a textarea as CR LF; count it once."""
    return len(text.replace("\r\n", "\n"))


def is_blank(text: str) -> bool:
    return not text or not text.strip()
