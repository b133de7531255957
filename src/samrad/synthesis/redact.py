"""Replace personal data in text meant for publication: names, personnummer, e-mail, phone, address.

There is no NER model, so person names are found from cues: a first name from a list, "jag heter …",
"kontakta …", titles ("rektor", "konstnären" …), surname shapes (-sson, -berg, -ström …), and capitalised
word pairs inside a sentence that are not known places or institutions. Quotes are published, so the
redactor errs on the side of redacting; place and institution names ("Stadra teater", "Karlskoga
folkhögskola", "Örebro") are protected by a list and by the institution word that follows them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import simplemma

from .model import Redaction

PLACEHOLDER = {
    "namn": "[namn]",
    "personnummer": "[personnummer]",
    "e-post": "[e-post]",
    "telefon": "[telefon]",
    "adress": "[adress]",
}

_EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# YYMMDD-XXXX, YYYYMMDD-XXXX, with -, + or nothing between (12 or 10 digits run together too).
_PNR_RE = re.compile(r"(?<![\d-])(?:19|20)?\d{2}(?:0[1-9]|1[0-2])(?:[0-2]\d|3[01]|[6-8]\d|9[01])[-+ ]?\d{4}(?![\d-])")
# Swedish numbers: 070-123 45 67, 0701234567, +46 70 123 45 67, 019-12 34 56, 08-123 456 78.
_PHONE_RE = re.compile(
    r"(?<![\w+])(?:\+46|0046)[\s-]?\(?0?\)?\d{1,3}(?:[\s-]?\d{2,4}){2,4}(?!\d)"
    r"|(?<![\w+])0\d{1,3}[\s/-]?\d{2,3}(?:[\s-]?\d{2,3}){1,3}(?!\d)"
)
_MOBILE_RE = re.compile(r"(?<![\d-])07[02369]\d{7}(?![\d-])")
_STREET_RE = re.compile(
    r"\b[A-ZÅÄÖ][\wåäöé-]*(?:gatan|vägen|gränd|gränden|torget|stigen|backen|allén|leden|gata|väg|plan|"
    r"straße|strasse|gasse|street|road|avenue)\s+\d{1,4}\s?[A-Za-z]?\b(?:,?\s+\d{3}\s?\d{2}(?:\s+[A-ZÅÄÖ]\w+)?)?"
)
_POSTAL_RE = re.compile(r"\b\d{3}\s\d{2}\s+[A-ZÅÄÖ][a-zåäö]+\b")

_CUE_BEFORE = re.compile(
    r"(?:jag heter|mitt namn är|namnet är|kontakta|kontakt:|kontaktperson:?|hälsningar|mvh|"
    r"vänliga hälsningar|"
    r"ring|mejla|maila|skriv till|fråga|enligt|tack till|heter|my name is|contact|regards)\s*[,:]?\s*$",
    re.I,
)
_TITLES = {
    "rektor",
    "chef",
    "kulturchef",
    "enhetschef",
    "verksamhetschef",
    "handläggare",
    "konstnären",
    "konstnär",
    "författaren",
    "författare",
    "regissören",
    "musikern",
    "dansaren",
    "skådespelaren",
    "läraren",
    "lärare",
    "ordförande",
    "ordföranden",
    "bibliotekarien",
    "bibliotekarie",
    "pedagogen",
    "samordnare",
    "samordnaren",
    "koordinatorn",
    "projektledare",
    "projektledaren",
    "kommunalråd",
    "kommunalrådet",
    "politikern",
    "dr",
    "doktor",
    "professor",
    "fru",
    "herr",
    "mr",
    "mrs",
    "ms",
    "frau",
    "herrn",
    "kollegan",
    "kollegor",
    "min",
    "mitt",
    "mina",
    "vår",
    "kompisen",
    "vännen",
    "grannen",
}
_SURNAME_RE = re.compile(
    r".+(?:sson|son|berg|ström|lund|qvist|kvist|gren|dahl|holm|blad|stedt|ling|by|"
    r"man|mann|sen|ssen|ius|ander|lin|fors|vall|bäck|strand|quist)$"
)
# Lower-case words that make the capitalised words before them a place or an institution.
_INSTITUTION_NOUNS = {
    "teater",
    "teatern",
    "folkhögskola",
    "folkhögskolan",
    "museum",
    "museet",
    "bibliotek",
    "biblioteket",
    "kyrka",
    "kyrkan",
    "skola",
    "skolan",
    "gymnasium",
    "gymnasiet",
    "konsthall",
    "konsthallen",
    "kommun",
    "kommuns",
    "län",
    "läns",
    "stad",
    "stads",
    "slott",
    "slottet",
    "park",
    "parken",
    "scen",
    "scenen",
    "festival",
    "festivalen",
    "bruk",
    "bruket",
    "gård",
    "gården",
    "förening",
    "föreningen",
    "kulturhus",
    "kulturhuset",
    "universitet",
    "högskola",
    "sjukhus",
    "station",
    "arena",
    "hus",
    "huset",
    "hall",
    "hallen",
    "torg",
    "torget",
    "marknad",
    "marknaden",
    "kör",
    "kören",
    "orkester",
    "orkestern",
    "ensemble",
    "kulturskola",
    "konstskola",
    "region",
    "regionen",
    "centrum",
    "folkets",
}
_TOKEN_RE = re.compile(r"[A-ZÅÄÖÉÜa-zåäöéüßæøÆØ][\wåäöÅÄÖéÉüÜß'-]*")


@lru_cache(maxsize=1)
def _names() -> frozenset[str]:
    return _wordlist("first_names_sv.txt")


@lru_cache(maxsize=1)
def _places() -> frozenset[str]:
    return _wordlist("places_sv.txt")


def _wordlist(name: str) -> frozenset[str]:
    text = resources.files("samrad.synthesis").joinpath("data", name).read_text(encoding="utf-8")
    words: set[str] = set()
    for line in text.splitlines():
        if not line.startswith("#"):
            words.update(line.split())
    return frozenset(words)


@dataclass
class Redactor:
    """``redact(text)`` → (redacted text, redactions with spans into ``text``)."""

    names: bool = True
    lang: str = "sv"  # language whose word list tells ordinary capitalised words ("Kontakta") from names

    def find(self, text: str) -> list[Redaction]:
        found: list[Redaction] = []
        taken = bytearray(len(text))

        def add(kind: str, start: int, end: int) -> None:
            if start >= end or any(taken[start:end]):
                return
            taken[start:end] = b"\x01" * (end - start)
            found.append(Redaction(kind=kind, start=start, end=end))

        for m in _EMAIL_RE.finditer(text):
            add("e-post", m.start(), m.end())
        for m in _MOBILE_RE.finditer(text):  # before personnummer: 0701234567 fits both shapes
            add("telefon", m.start(), m.end())
        for m in _PNR_RE.finditer(text):
            add("personnummer", m.start(), m.end())
        for m in _PHONE_RE.finditer(text):
            if sum(ch.isdigit() for ch in m.group(0)) >= 7:
                add("telefon", m.start(), m.end())
        for m in _STREET_RE.finditer(text):
            add("adress", m.start(), m.end())
        for m in _POSTAL_RE.finditer(text):
            add("adress", m.start(), m.end())
        if self.names:
            for start, end in self._names(text):
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

    # -- person names -----------------------------------------------------------------------------
    def _names(self, text: str) -> list[tuple[int, int]]:
        names, places = _names(), _places()
        toks = [(m.start(), m.end(), m.group(0)) for m in _TOKEN_RE.finditer(text)]
        spans: list[tuple[int, int]] = []
        i = 0
        while i < len(toks):
            s, e, w = toks[i]
            if not _is_cap(w):
                i += 1
                continue
            # A run of capitalised words (a name can be "Anna Maria Svensson").
            j = i
            while j + 1 < len(toks) and _is_cap(toks[j + 1][2]) and _adjacent(text, toks[j][1], toks[j + 1][0]):
                j += 1
            run = toks[i : j + 1]
            # "Kontakta Per Nilsson", "Rektorn Gustafsson": a capitalised ordinary word opens the run.
            lead = i
            while (
                len(run) > 1
                and run[0][2] not in names
                and run[0][2] not in places
                and _common(run[0][2].lower(), self.lang)
            ):
                run = run[1:]
                lead += 1
            if lead != i:
                s = run[0][0]
            words = [t[2] for t in run]
            bare = [x.split("-")[0].rstrip("s") if x not in names else x for x in words]
            nxt = toks[j + 1][2].lower() if j + 1 < len(toks) and _adjacent(text, run[-1][1], toks[j + 1][0]) else ""
            prev_text = text[max(0, s - 40) : s]
            prev_word = toks[lead - 1][2].lower() if lead > 0 else ""
            at_start = _sentence_start(text, s)
            institution = nxt in _INSTITUTION_NOUNS
            cue = bool(_CUE_BEFORE.search(prev_text)) or prev_word in _TITLES or prev_word.rstrip("n") in _TITLES
            first = [x in names or b in names for x, b in zip(words, bare, strict=True)]
            placey = [x in places or b in places or x.upper() == x for x, b in zip(words, bare, strict=True)]
            is_name = False
            if cue and not institution and not all(placey):
                is_name = True
            elif institution:
                is_name = False
            elif any(f and not p for f, p in zip(first, placey, strict=True)):
                # A known first name that is not also a place ("Nora" is a town, and stays).
                is_name = True
            elif (
                len(run) >= 2
                and not any(placey)
                and not (at_start and len(run) == 2 and not first[1])
                and any(_SURNAME_RE.match(x.lower()) or x in names for x in words[1:])
            ):
                is_name = True
            elif len(run) >= 2 and not at_start and not any(placey):
                # Two capitalised words mid-sentence, neither a known place: most likely a person.
                is_name = True
            elif (
                len(run) == 1
                and not at_start
                and not placey[0]
                and _SURNAME_RE.match(w.lower())
                and prev_word in _TITLES
            ):
                is_name = True
            if is_name:
                # Keep a trailing place word out of the name ("Anna Svensson Örebro" → only the person).
                k = len(run)
                while k > 1 and placey[k - 1]:
                    k -= 1
                spans.append((run[0][0], _name_end(run[k - 1][2], run[k - 1][0])))
            i = j + 1
        return spans


@lru_cache(maxsize=50_000)
def _common(lower: str, lang: str) -> bool:
    return simplemma.is_known(lower, lang=lang)


def _is_cap(w: str) -> bool:
    return w[:1].isupper() and not (len(w) > 1 and w.isupper())


def _adjacent(text: str, end: int, start: int) -> bool:
    return text[end:start] in (" ", "-")


def _name_end(word: str, start: int) -> int:
    """'Lang-filmerna' → redact only 'Lang'; a genitive s stays part of the name."""
    head = word.split("-")[0]
    return start + len(head)


def _sentence_start(text: str, pos: int) -> bool:
    before = text[:pos].rstrip(" \"'“”«»(")
    return not before or before[-1] in ".!?:;\n•-–*"
