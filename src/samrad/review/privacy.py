"""Personal data in text an analyst is about to publish.

Statement texts are not redacted (they are for analysts); anything made from them for the public page goes
through `redact()`. When an analyst edits a quote, `reintroduced()` tells what the machine had masked and the
edit brings back, and what new contact details or personal numbers the edited text contains.
"""

import re
from dataclasses import dataclass

from samrad.synthesis.redact import Redactor

# Kinds the detector finds reliably enough to warn about in text an analyst typed (names are guessed from
# cues, so an analyst's own wording would give false alarms; masked names are still caught below).
DETECTED_KINDS = {"e-post", "telefon", "personnummer", "adress"}
_WORD = re.compile(r"[A-ZÅÄÖÉÜ][\wåäöéü-]+")  # capitalised words: the parts of a name


@dataclass(frozen=True)
class Finding:
    kind: str  # namn | e-post | telefon | personnummer | adress
    text: str


def redact(text: str) -> str:
    return Redactor().redact(text)[0]


def redact_with_spans(text: str) -> tuple[str, list[dict]]:
    """The redacted text and what was masked, as the engine reports it for quotes."""
    redacted, found = Redactor().redact(text)
    return redacted, [{"kind": r.kind, "start": r.start, "end": r.end} for r in found]


def reintroduced(original: str, redactions: list[dict], text: str) -> list[Finding]:
    """What in `text` is personal data: a masked part of `original` written out again, or a new e-mail
    address, phone number, personal number or street address."""
    found: list[Finding] = []
    folded, digits, words = _fold(text), _digits(text), set(_WORD.findall(text))
    for r in redactions or []:
        secret = original[r.get("start", 0) : r.get("end", 0)].strip()
        kind = r.get("kind", "")
        if len(secret) < 2:
            continue
        if _fold(secret) in folded:
            found.append(Finding(kind, secret))
        elif kind == "namn" and (named := [w for w in _WORD.findall(secret) if len(w) > 2 and w in words]):
            found.append(Finding(kind, " ".join(named)))  # "Anna" of a masked "Anna Svensson"
        elif kind in ("telefon", "personnummer") and len(_digits(secret)) >= 6 and _digits(secret) in digits:
            found.append(Finding(kind, secret))  # the same number written another way
    seen = {_fold(f.text) for f in found}
    for r in Redactor().find(text):
        value = text[r.start : r.end]
        if r.kind in DETECTED_KINDS and _fold(value) not in seen:
            found.append(Finding(r.kind, value))
            seen.add(_fold(value))
    return found


def _digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())
