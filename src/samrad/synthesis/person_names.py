"""Person names in Swedish text, found from cues and name lists (there is no NER model).

Capitalisation carries the most information: inside a sentence a capitalised word is a proper noun, at the
start of a sentence it may be any word. So:

- A first name from the national list is a name ("Vi träffade Elsa", "Elsa tycker"). A first name that is also
  a frequent word ("Inga", "Per", "Björn", "Vilja") is a name inside a sentence, but at the start of one only
  with a cue, a following surname, or a name beside it in a list ("Per, Anna och Lisa").
- Cues make the next capitalised words a name whatever they are: kinship and personal words ("min dotter",
  "mormor", "grannen"), roles ("rektor", "kulturchefen"), greetings and sign-offs ("Hej", "Mvh", "/"),
  "jag heter", "kontakta". A surname after a first name belongs to it ("Anna Lund"), and so does the surname
  before it in "Berg, Anna".
- Kept: places and institutions from the national lists and the caller's own, works and characters ("Romeo och
  Julia"), historical public figures of Swedish culture ("Anders Zorn", "Strindbergs pjäser"), eponymous
  compounds ("Carl Larsson-gården", "Maria Lang-filmerna"), acronyms and their compounds ("MU-avtalet"), a title
  after "pjäsen", "boken", "filmen" … or inside a short quotation, and a name before an institution noun
  ("Stadra teater"). A personal cue still masks a first name or figure that is also a protected word ("min
  kollega Maria Lang", "min dotter Nora").
- A first name that is also a municipality ("Nora", "Vilhelmina") or one of the caller's own names is kept
  without such a cue; one that is also a smaller locality or a day ("Åsa", "Lucia") only after a place word
  ("till Åsa", "inför Lucia").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import simplemma

from .lexicon import EXTRA, FIGURE, MUNICIPALITY, PLACE, THING, WORD_RE, WORK, Lexicon, Phrases, cues

# Cue kinds, strongest first.
PERSONAL, ROLE, CULTURAL, WEAK, TITLE, WHERE = "personal", "role", "cultural", "weak", "title", "where"

# Surname endings: no Swedish word ends in the strong ones; the weak ones also end places ("Sandviken" does not,
# "Nyberg" does), so they count only next to a first name ("Nyberg, Sara").
_STRONG_SURNAME = ("sson", "qvist", "kvist", "ström", "gren", "stedt", "ius")
_WEAK_SURNAME = (
    *_STRONG_SURNAME,
    "blad",
    "ssen",
    "berg",
    "lund",
    "holm",
    "dahl",
    "fors",
    "vall",
    "strand",
    "bäck",
    "mark",
    "ling",
    "lin",
    "man",
    "ander",
    "én",
    "ell",
    "sten",
)
_LINKS = {"och", "eller", "samt", "&"}
_QUOTED = re.compile(r"[\"“”«»]([^\"“”«»\n]{1,80})[\"“”«»]")
_SENTENCE_END = ".!?:;\n•*–—-"
_OPENERS = " \t\"'“”«»(‘’["
_GAP = re.compile(r"[ \t]*[,:]?\s*")


@dataclass(slots=True)
class Token:
    start: int
    end: int
    text: str
    lower: str
    cap: bool  # capitalised, not an acronym
    eponym: bool  # "Lang-filmerna", "Pride-festival": a name joined to a lower-case word
    sentence_start: bool
    quoted: bool = False
    kind: str | None = None  # protected: place, thing, work, figure, extra
    phrase: tuple[int, int] | None = None  # the protected phrase's token range


def tokenize(text: str, taken: bytearray) -> list[Token]:
    quoted = bytearray(len(text))
    if '"' in text or "”" in text or "“" in text or "«" in text:
        for m in _QUOTED.finditer(text):
            if len(m.group(1).split()) <= 6:
                quoted[m.start(1) : m.end(1)] = b"\x01" * (m.end(1) - m.start(1))
    toks: list[Token] = []
    prev_end = 0
    for m in WORD_RE.finditer(text):
        s, e, w = m.start(), m.end(), m.group(0)
        # Words only follow words across a gap of spaces and punctuation: that gap says whether a sentence starts.
        gap = text[prev_end:s].rstrip(_OPENERS)
        start = gap[-1] in _SENTENCE_END if gap else not toks
        prev_end = e
        if taken.find(1, s, e) != -1:
            continue
        first = w[0]
        if not first.isupper():
            toks.append(Token(s, e, w, w.lower(), False, False, start, False))
            continue
        head, _, tail = w.partition("-")
        cap = not (len(head) > 1 and head.isupper())
        eponym = cap and bool(tail) and w.rsplit("-", 1)[1][:1].islower()
        toks.append(Token(s, e, w, w.lower(), cap, eponym, start, bool(quoted[s])))
    return toks


def protect(toks: list[Token], text: str, phrases: Phrases) -> None:
    """Mark the tokens that spell a protected name (longest phrase first; earlier marks stand)."""
    i, n = 0, len(toks)
    while i < n:
        t = toks[i]
        if t.kind is not None or not (t.cap or t.text[:1].isupper()):
            i += 1
            continue
        for words, kind in phrases.multi.get(t.text, ()):
            k = len(words)
            if (
                i + k <= n
                and all(toks[i + j].text == words[j] and toks[i + j].kind is None for j in range(k - 1))
                and _ends_with(toks[i + k - 1].text, words[-1])
                and all(_tight(text, toks[i + j].end, toks[i + j + 1].start) for j in range(k - 1))
            ):
                for j in range(i, i + k):
                    toks[j].kind, toks[j].phrase = kind, (i, i + k)
                i += k
                break
        else:
            single = phrases.single.get(t.text) or phrases.single.get(_base(t.text))
            if single is None and t.eponym:
                single = phrases.single.get(t.text.split("-")[0])
            if single is not None:
                t.kind, t.phrase = single, (i, i + 1)
            i += 1


class NameFinder:
    def __init__(self, lexicon: Lexicon, lang: str = "sv") -> None:
        self.lex = lexicon
        self.c = cues()
        self.swedish = lang == "sv"
        self.lang = lang

    # -- what a single word is ----------------------------------------------------------------------
    def is_first(self, w: str) -> bool:
        first = self.lex.first
        if w in first or (self.swedish and _base(w) in first):
            return True
        parts = w.split("-")
        return len(parts) > 1 and all(p[:1].isupper() for p in parts) and any(p in first for p in parts)

    def is_ordinary(self, t: Token) -> bool:
        """Whether a first name may here be an ordinary word: "Inga", "Per", "Dans" at the start of a Swedish
        sentence; in another language (German capitalises nouns) any word of its vocabulary."""
        if not self.swedish:
            return _known(t.lower, self.lang)
        return t.sentence_start and t.text in self.lex.ordinary

    def is_surname(self, w: str, weak: bool = False) -> bool:
        if w in self.lex.surnames or _base(w) in self.lex.surnames:
            return True
        return _surname_shape(w.lower(), _WEAK_SURNAME if weak else _STRONG_SURNAME)

    # -- cues ---------------------------------------------------------------------------------------
    def cue(self, toks: list[Token], text: str, i: int) -> str | None:
        t = toks[i]
        before = text[: t.start].rstrip("/")
        if len(before) < t.start and (not before or before[-1] in " \t\n"):
            return PERSONAL  # a sign-off: "… för liten. /Eva" (but not "Haus / Grund")
        if i == 0 or not _GAP.fullmatch(text[toks[i - 1].end : t.start]):
            return None
        prev = toks[i - 1].lower
        prev2 = toks[i - 2].lower if i >= 2 else ""
        if (prev2, prev) in self.c.pairs or prev in self.c.greetings or prev in self.c.personal:
            return PERSONAL
        if prev in self.c.after_possessive and prev2 in self.c.possessives:
            return PERSONAL
        if prev == "heter" or prev in self.c.plural:
            return WEAK
        if prev.endswith(self.c.roles):
            return ROLE
        if prev.endswith(self.c.cultural):
            return CULTURAL
        if text[toks[i - 1].end : t.start] == " " and prev.endswith(self.c.titles):
            return TITLE
        if prev in self.c.where:
            return WHERE
        return None

    def is_cue_word(self, t: Token) -> bool:
        w = t.lower
        return (
            w in self.c.greetings
            or w in self.c.personal
            or w in self.c.plural
            or w.endswith(self.c.roles)
            or w.endswith(self.c.cultural)
        )

    # -- the names ----------------------------------------------------------------------------------
    def find(self, text: str, toks: list[Token]) -> list[tuple[int, int]]:
        self.text = text
        n = len(toks)
        name = [False] * n
        doubtful: list[int] = []  # first names that are also words, at a sentence start without a cue
        i = 0
        while i < n:
            t = toks[i]
            if not t.cap or self.is_cue_word(t):
                i += 1
                continue
            cue = self.cue(toks, text, i)
            if t.kind is not None:
                i = self._protected(toks, i, cue, name)
                continue
            j = i
            while (
                j + 1 < n
                and toks[j + 1].cap
                and toks[j + 1].kind is None
                and text[toks[j].end : toks[j + 1].start] == " "
            ):
                j += 1
            self._run(toks, text, i, j, cue, name, doubtful)
            i = j + 1
        self._surname_first(toks, text, name)
        self._lists(toks, text, name, doubtful)
        return _spans(toks, name)

    def _protected(self, toks: list[Token], i: int, cue: str | None, name: list[bool]) -> int:
        t = toks[i]
        assert t.phrase is not None
        start, end = t.phrase
        words = [toks[k].text for k in range(start, end)]
        personal = self.is_first(words[0]) or self.is_surname(words[-1]) or t.kind == FIGURE
        if end - start > 1:
            masked = t.kind == FIGURE and cue in (PERSONAL, ROLE)
        elif t.kind in (EXTRA, MUNICIPALITY) or not personal:
            masked = personal and cue in (PERSONAL, ROLE)
        elif cue in (PERSONAL, ROLE, WEAK) or (cue == CULTURAL and t.kind != FIGURE):
            masked = True
        elif t.kind in (PLACE, THING, WORK) and self.is_first(t.text) and not self.is_surname(t.text):
            # "Åsa", "Lucia": a first name that is also a locality or a day is one only where it reads as one
            # ("till Åsa", "inför Lucia"), before an institution noun, or as an ordinary word at a sentence start.
            # (A municipality such as "Nora" or "Vilhelmina" is kept like the caller's own names, above.)
            nxt = toks[end] if end < len(toks) else None
            institution = nxt is not None and not nxt.cap and nxt.lower.endswith(self.c.institutions)
            masked = cue not in (WHERE, TITLE) and not institution and not self.is_ordinary(t)
        else:
            masked = False
        if masked:
            for k in range(start, end):
                name[k] = True
            self._extend(toks, end - 1, name)
        return end

    def _run(self, toks, text, i, j, cue, name, doubtful) -> None:
        last = toks[j]
        after = toks[j + 1] if j + 1 < len(toks) and text[last.end : toks[j + 1].start] == " " else None
        if cue != PERSONAL:
            if last.eponym or cue == TITLE or (cue != ROLE and toks[i].quoted):
                return
            if after is not None and not after.cap and after.lower.endswith(self.c.institutions):
                return
        if cue in (PERSONAL, ROLE, CULTURAL):
            for k in range(i, min(j, i + 3) + 1):
                name[k] = True
            self._extend(toks, min(j, i + 3), name)
            return
        first = next((k for k in range(i, j + 1) if self.is_first(toks[k].text)), None)
        if first is None:
            if not self.swedish:
                return
            if j == i and _surname_shape(last.lower, _STRONG_SURNAME):
                name[i] = True  # "Lindqvist från Musik i Dalarna": no Swedish word ends in -qvist, -sson, -ström
            elif j > i and not toks[i].sentence_start and self.is_surname(last.text) and not self.is_first(last.text):
                for k in range(i, j + 1):
                    name[k] = True
            elif j == i and not toks[i].sentence_start:
                doubtful.append(i)  # an unknown word: a name if it stands in a list of names ("Ingela, Bosse och …")
            return
        t = toks[first]
        if self.is_ordinary(t) and cue != WEAK and not (first < j and self._surname_after(toks[first + 1])):
            doubtful.append(first)
            return
        for k in range(first, j + 1):
            name[k] = True
        self._extend(toks, j, name)

    def _surname_after(self, t: Token) -> bool:
        if self.swedish:
            return self.is_surname(t.text) or self.is_first(t.text)
        return not _known(t.lower, self.lang)

    def _extend(self, toks: list[Token], k: int, name: list[bool]) -> None:
        """The capitalised words right after a name belong to it: "Åsa Persson", and "Anna Lund" even where the
        surname is also a place."""
        for _ in range(3):
            if k + 1 >= len(toks):
                return
            nxt = toks[k + 1]
            if not nxt.cap or name[k + 1] or self.text[toks[k].end : nxt.start] != " " or self.is_cue_word(nxt):
                return
            single = nxt.phrase == (k + 1, k + 2)
            if nxt.kind is not None and not (single and (self.is_surname(nxt.text) or nxt.kind == FIGURE)):
                return  # but "Sven-Bertil Taube" is not Evert Taube: the figure's name goes with the first name
            name[k + 1] = True
            k += 1

    def _surname_first(self, toks: list[Token], text: str, name: list[bool]) -> None:
        """ "Berg, Anna": the surname written before the first name in lists of participants."""
        for k in range(1, len(toks)):
            prev = toks[k - 1]
            if not name[k] or name[k - 1] or not prev.cap or text[prev.end : toks[k].start] != ", ":
                continue
            if not self.is_first(toks[k].text) or not self.is_surname(prev.text, weak=True):
                continue
            if prev.kind is not None and (prev.phrase != (k - 1, k) or (k >= 2 and toks[k - 2].lower in self.c.where)):
                continue
            name[k - 1] = True

    def _lists(self, toks: list[Token], text: str, name: list[bool], doubtful: list[int]) -> None:
        """ "Per, Anna och Lisa", "Ingela, Bosse och Gunnel": a doubtful word beside a name in a list is a name."""
        changed = True
        while changed:
            changed = False
            for k in doubtful:
                if not name[k] and (_linked(toks, text, k, k + 1, name) or _linked(toks, text, k, k - 1, name)):
                    name[k] = changed = True
                    self._extend(toks, k, name)


def _linked(toks: list[Token], text: str, k: int, other: int, name: list[bool]) -> bool:
    step = 1 if other > k else -1
    if not 0 <= other < len(toks):
        return False
    a, b = (k, other) if step == 1 else (other, k)
    if name[other] and text[toks[a].end : toks[b].start] in (", ", " & "):
        return True
    far = other + step
    if toks[other].lower in _LINKS and 0 <= far < len(toks) and name[far]:
        lo, hi = (k, far) if step == 1 else (far, k)
        return text[toks[lo].end : toks[hi].start] in (f" {toks[other].text} ",)
    return False


def _spans(toks: list[Token], name: list[bool]) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for t, masked in zip(toks, name, strict=True):
        if masked:
            end = t.start + len(t.text.split("-")[0]) if t.eponym else t.end
            if spans and t.start - spans[-1][1] == 1:
                spans[-1] = (spans[-1][0], end)  # "Anna Svensson" is one name
            else:
                spans.append((t.start, end))
    return spans


def _surname_shape(lower: str, endings: tuple[str, ...]) -> bool:
    stem = lower[:-1] if lower.endswith("s") and not lower.endswith("ss") else lower
    return any(stem.endswith(e) and len(stem) >= len(e) + 2 for e in endings)


@lru_cache(maxsize=50_000)
def _known(lower: str, lang: str) -> bool:
    return simplemma.is_known(lower, lang=lang)


def _base(w: str) -> str:
    """The word without a genitive s: "Dalarnas" → "Dalarna", "SVT:s" → "SVT"."""
    if w.endswith(":s"):
        return w[:-2]
    return w[:-1] if len(w) > 3 and w.endswith("s") else w


def _ends_with(token: str, word: str) -> bool:
    """The last word of a phrase, in the genitive or as the head of a compound: "Lagerlöfs", "Julia-uppsättningen"."""
    if token == word or token == word + "s" or token == word + ":s":
        return True
    return token.startswith(word + "-") and token[len(word) + 1 : len(word) + 2].islower()


def _tight(text: str, end: int, start: int) -> bool:
    return text[end:start] in (" ", ", ", " & ", "-")
