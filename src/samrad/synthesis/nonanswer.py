"""Recognise answers that say nothing ("vet ej", "inget att tillägga", "nej", "-").

They are counted and reported, never themed: a theme "Vet ej" would tell the reader nothing, and
dropping them silently would hide how many people had nothing to add.
"""

from __future__ import annotations

import re

_NON_ANSWERS = {
    # Swedish
    "vet ej",
    "vet inte",
    "vet ej just nu",
    "ingen aning",
    "inget",
    "inget att tillägga",
    "inget att säga",
    "ingenting",
    "inga",
    "inga synpunkter",
    "ingen synpunkt",
    "ingen kommentar",
    "inga kommentarer",
    "nej",
    "ja",
    "nej tack",
    "ok",
    "okej",
    "se ovan",
    "som ovan",
    "samma som ovan",
    "se föregående svar",
    "x",
    "xx",
    "xxx",
    "..",
    "...",
    "-",
    "--",
    "---",
    "0",
    "?",
    "??",
    "vet ej/ingen åsikt",
    "ingen åsikt",
    "pass",
    "avstår",
    "har inget",
    "har inget att tillägga",
    "har ingen åsikt",
    "kan inte svara",
    "inte aktuellt",
    "ej aktuellt",
    "ej relevant",
    "inte relevant",
    "inget svar",
    "n/a",
    "na",
    "tomt",
    # English
    "no",
    "none",
    "nothing",
    "nothing to add",
    "don't know",
    "dont know",
    "do not know",
    "no comment",
    "no comments",
    "not sure",
    "idk",
    "nil",
    "n.a.",
    "see above",
    "yes",
    "nope",
    # German
    "nein",
    "keine",
    "nichts",
    "weiß nicht",
    "weiss nicht",
    "keine ahnung",
    "keine angabe",
    "k.a.",
    "kein kommentar",
    "siehe oben",
    # French
    "non",
    "rien",
    "je ne sais pas",
    "sans avis",
    "aucun",
    "aucune",
    "pas d'avis",
    # Finnish
    "ei",
    "en tiedä",
    "ei mitään",
    "ei kommenttia",
    "ei ole",
}
_STRIP_RE = re.compile(r"[\s.,;:!?\"'()\[\]«»“”‘’]+")


def _key(text: str) -> str:
    return _STRIP_RE.sub(" ", text.casefold()).strip()


_KEYS = {_key(x) for x in _NON_ANSWERS} | {""}


def classify(clean_text: str) -> str | None:
    """'empty', 'no_text' (symbols/emoji only), 'non_answer', or None for a real answer."""
    stripped = clean_text.strip()
    if not stripped:
        return "empty"
    if not any(ch.isalnum() for ch in stripped):
        # Typed punctuation ("-", "???", "...") is a way of saying nothing; emoji and symbols are not text.
        return "non_answer" if all(ch.isascii() or ch.isspace() or ch in "–—…" for ch in stripped) else "no_text"
    if len(stripped) <= 60 and _key(stripped) in _KEYS:
        return "non_answer"
    return None
