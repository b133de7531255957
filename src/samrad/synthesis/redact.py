"""Replace personal data in text meant for publication: names, personnummer, e-mail, phone, address.

Contact details are found by their shape. Person names are found by `person_names` from cues and national name
lists, and places, institutions, works and historical figures from national lists (`lexicon`, `data/`) are
kept; a caller adds its own (the consultation's places and institutions) with ``Redactor(protected=[...])``.
Quotes are published, so where a word may be a name or not, a cue decides, and without one the redactor errs
on the side of masking a first name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from . import lexicon
from .model import Redaction
from .person_names import NameFinder, protect, tokenize

PLACEHOLDER = {
    "namn": "[namn]",
    "personnummer": "[personnummer]",
    "e-post": "[e-post]",
    "telefon": "[telefon]",
    "adress": "[adress]",
}

# anna.berg@example.se, also written "anna.berg[at]example.se" or "anna.berg (at) example.se".
_EMAIL_RE = re.compile(r"[\w.+-]+(?:@|\s?[\[(]at[\])]\s?)[\w-]+(?:\.[\w-]+)+")
# YYMMDD-XXXX, YYYYMMDD-XXXX, with -, + or nothing between (12 or 10 digits run together too).
_PNR_RE = re.compile(r"(?<![\d-])(?:19|20)?\d{2}(?:0[1-9]|1[0-2])(?:[0-2]\d|3[01]|[6-8]\d|9[01])[-+ ]?\d{4}(?![\d-])")
# Swedish numbers: 070-123 45 67, 0701234567, +46 70 123 45 67, 019-12 34 56, 08-123 456 78, (08) 123 45 67.
_PHONE_RE = re.compile(
    r"(?<![\w+])(?:\+46|0046)[\s-]?\(?0?\)?\d{1,3}(?:[\s-]?\d{2,4}){2,4}(?!\d)"
    r"|(?<![\w+])(?:0\d{1,3}|\(0\d{1,3}\))[\s/-]?\d{2,3}(?:[\s-]?\d{2,3}){1,3}(?!\d)"
)
_MOBILE_RE = re.compile(r"(?<![\d-])07[02369]\d{7}(?![\d-])")
_STREET_RE = re.compile(
    r"(?:\b(?:Östra|Västra|Norra|Södra|Stora|Lilla|Gamla|Nya|Övre|Nedre)\s)?"
    r"\b[A-ZÅÄÖ][\wåäöé-]*(?:gatan|vägen|gränd|gränden|torget|stigen|backen|allén|leden|gata|väg|plan|"
    r"straße|strasse|gasse|street|road|avenue)\s+\d{1,4}(?:[A-Za-z]|\s[A-Z])?\b(?:,?\s+\d{3}\s?\d{2}(?:\s+[A-ZÅÄÖ]\w+)?)?"
)
_STREET_HINT = re.compile(
    r"(?:gatan|vägen|gränd|gränden|torget|stigen|backen|allén|leden|gata|väg|plan|straße|strasse|gasse|street|road|avenue)\s+\d"
)
_DIGITS = re.compile(r"\d")
_POSTAL_RE = re.compile(r"\b\d{3}\s\d{2}\s+[A-ZÅÄÖ][a-zåäö]+\b")


@dataclass
class Redactor:
    """``redact(text)`` → (redacted text, redactions with spans into ``text``).

    ``protected``: names the caller knows are not persons, such as the consultation's own places, venues and
    institutions ("Stadra teater", "Nora"). They are kept like the national lists' names; only a personal cue
    ("min dotter Nora") still masks one that is also a person's name.
    """

    names: bool = True
    lang: str = "sv"  # the consultation's language; the name lists are Swedish
    protected: Iterable[str] = field(default_factory=tuple)

    def __post_init__(self) -> None:
        self.protected = tuple(self.protected)
        self._extra = lexicon.extra_phrases(self.protected)

    def find(self, text: str) -> list[Redaction]:
        found: list[Redaction] = []
        taken = bytearray(len(text))

        def add(kind: str, start: int, end: int) -> None:
            if start >= end or any(taken[start:end]):
                return
            taken[start:end] = b"\x01" * (end - start)
            found.append(Redaction(kind=kind, start=start, end=end))

        # Cheap tests first: most sentences hold no digits and no "@", and the patterns are costly.
        if "@" in text or "at" in text:
            for m in _EMAIL_RE.finditer(text):
                add("e-post", m.start(), m.end())
        if _DIGITS.search(text):
            for m in _MOBILE_RE.finditer(text):  # before personnummer: 0701234567 fits both shapes
                add("telefon", m.start(), m.end())
            for m in _PNR_RE.finditer(text):
                add("personnummer", m.start(), m.end())
            for m in _PHONE_RE.finditer(text):
                if sum(ch.isdigit() for ch in m.group(0)) >= 7:
                    add("telefon", m.start(), m.end())
            if _STREET_HINT.search(text):
                for m in _STREET_RE.finditer(text):
                    add("adress", m.start(), m.end())
            for m in _POSTAL_RE.finditer(text):
                add("adress", m.start(), m.end())
        if self.names:
            for start, end in self._names(text, taken):
                add("namn", start, end)
        found.sort(key=lambda r: r.start)
        return found

    def redact(self, text: str) -> tuple[str, list[Redaction]]:
        found = self.find(text)
        out = []
        pos = 0
        for r in found:
            out.append(text[pos : r.start])
            out.append(PLACEHOLDER[r.kind])
            pos = r.end
        out.append(text[pos:])
        return "".join(out), found

    def contains_personal_data(self, text: str, kinds: Iterable[str] | None = None) -> bool:
        """Whether ``text`` holds personal data (of ``kinds``, default all): for callers that must reject a
        phrase rather than publish it with a "[namn]" in it. A redaction token already in the text counts."""
        wanted = set(PLACEHOLDER) if kinds is None else set(kinds)
        if any(PLACEHOLDER[k] in text for k in wanted if k in PLACEHOLDER):
            return True
        return any(r.kind in wanted for r in self.find(text))

    def _names(self, text: str, taken: bytearray) -> list[tuple[int, int]]:
        toks = tokenize(text, taken)
        if not any(t.cap for t in toks):
            return []
        national = lexicon.national()
        if self._extra is not None:
            protect(toks, text, self._extra)
        protect(toks, text, national.phrases)
        return NameFinder(national, self.lang).find(text, toks)
