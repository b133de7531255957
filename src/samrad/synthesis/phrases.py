"""Short, complete phrases cut from statements: the raw material of theme headlines and "Exempelvis:" items.

A note says several things per line ("Digitalt utanförskap – folk kommer till oss för BankID"), an answer
runs to a paragraph. The region's summary reads differently: a headline of one sentence, examples of a few
words each ("inget obetalt arbete, öka intäkter, bli bättre på att ta betalt"). Offline, such lines are
*chosen and trimmed* from what people wrote, never invented: every phrase keeps the span it came from.

Three levels, coarse to fine: the sentence, the clause (split at dashes, colons, semicolons, "=" and
arrows) and the item (a clause split at commas). Tidying only removes what carries no content (list
markers, "Gruppen pratade om att", "!!") and expands shorthand whose meaning is certain ("o" → "och");
a phrase with shorthand left over, a cut end, personal data or a facilitator's aside is marked so the
describer can pass it by.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .compound import _known
from .segment import _ABBREV

# -- splitting ---------------------------------------------------------------------------------------------
# Notes start sentences in lower case too ("… i hela länet. utan arrangörer …"); abbreviations are checked.
_SENTENCE_RE = re.compile(r"(?<=[.!?…])[\"”’»)]*\s+(?=[\"“‘«(]?[\wÅÄÖÜÉ])")
# Clause boundaries inside a sentence: spaced dashes, colon, semicolon, "=", arrows, "!!" mid-line.
_CLAUSE_RE = re.compile(r"\s+[–—-]+\s+|:\s+|;\s*|\s*=+>?\s*|\s*-+>\s*|\s*→\s*|!{2,}\s*|\s+\|\s+")
# Item boundaries inside a clause: commas (not between digits), " samt ", ", men ".
_ITEM_RE = re.compile(r"(?<!\d),\s+(?:men\s+|och\s+|samt\s+)?|\s+samt\s+")
_PAREN_RE = re.compile(r"\s*\([^()]{0,120}\)")

# -- tidying ---------------------------------------------------------------------------------------------
_LEAD_MARKER_RE = re.compile(r"^(?:[•·▪◦‣⁃●○■□➢➤►*\-–—]+|\(?\d{1,3}[.)](?!\d)|\(?[a-zA-Z][)])\s*")
# What a note-taker or speaker puts before the content ("Gruppen pratade länge om att …").
_META_LEAD_RE = re.compile(
    r"^(?:(?:gruppen|vi|många|flera|någon|några|alla|deltagarna)\s+"
    r"(?:pratade|diskuterade|talade|tog upp|lyfte|lyfter|tar upp|pratar|diskuterar|var överens|tyckte|nämnde)"
    r"(?:\s+(?:länge|mest|mycket|också|även|särskilt|främst))*\s+(?:om\s+)?(?:att\s+)?"
    r"|mest\s+om\s+(?:att\s+)?|det\s+handlar\s+om\s+(?:att\s+)?|sen\s+kort\s+om\s+(?:att\s+)?"
    r"|(?:och|men|samt|sen|sedan|dessutom|också|även|alltså|typ|ja|jo|nej|så|plus|kanske|eventuellt|"
    r"förslagsvis|liksom)\b[,:]?\s+)+",
    re.I,
)
# Certain expansions of note-taking shorthand (Swedish). Keys are matched as whole words.
SHORTHAND = {
    "o": "och",
    "m": "med",
    "&": "och",
    "el": "eller",
    "el.": "eller",
    "ev": "eventuellt",
    "ev.": "eventuellt",
    "enl": "enligt",
    "enl.": "enligt",
    "pga": "på grund av",
    "p.g.a.": "på grund av",
    "pga.": "på grund av",
    "resp.": "respektive",
    "mkt": "mycket",
    "ngn": "någon",
    "ngt": "något",
    "ngr": "några",
    "ggr": "gånger",
    "pers.": "personer",
    "pers": "personer",
    "bl a": "bland annat",
    "tex": "t.ex.",
    "t ex": "t.ex.",
    "dvs": "dvs.",
    "mm": "m.m.",
    "osv": "osv.",
    "iaf": "i alla fall",
    "sthlm": "Stockholm",
    "gbg": "Göteborg",
}
_SHORTHAND_RE = re.compile(
    r"(?<![\w.&])(?:" + "|".join(re.escape(k) for k in sorted(SHORTHAND, key=len, reverse=True)) + r")(?![\w&])",
    re.I,
)
# Standard abbreviations that may stay in published text.
STANDARD_ABBREVIATIONS = {"t.ex.", "bl.a.", "m.m.", "osv.", "dvs.", "ca", "s.k.", "m.fl.", "inkl.", "kr", "st"}
_WORD_RE = re.compile(r"[^\W\d_]+(?:[-'][^\W\d_]+)*", re.U)
_FUNCTION_END = {
    "och",
    "eller",
    "men",
    "samt",
    "att",
    "som",
    "för",
    "med",
    "till",
    "i",
    "på",
    "av",
    "om",
    "när",
    "då",
    "så",
    "utan",
    "från",
    "den",
    "det",
    "de",
    "en",
    "ett",
    "vid",
    "mot",
    "hos",
    "under",
    "över",
    "efter",
    "innan",
    "eftersom",
    "vilket",
    "där",
    "inte",
    "följande",
    "är",
    "var",
    "har",
    "kan",
    "ska",
    "måste",
    "bör",
    "vill",
    "and",
    "or",
    "the",
    "to",
    "of",
    "und",
    "oder",
    "der",
    "die",
    "das",
    "zu",
}
# A phrase opening that leans on what was said before it.
_DEPENDENT_START = re.compile(
    r"^(?:och|men|eller|så|som|samma|också|dessutom|detta|dessa|den här|det här|de här|där|då|den|dom|"
    r"de|denne|han|hon|hen|dem|dess|deras|hans|hennes|hens|ja|nej|se|instämmer|håller med|precis|absolut|tidigare|ovan|"
    r"enligt ovan|vilket|vilka|annars|därför|sedan|sen|samtidigt|resten|andra|också|"
    # "Det" refers back unless it is the dummy subject of an existential or an "att" clause.
    r"det(?!\s+(?:(?:finns|saknas|behövs|krävs|råder|fattas|går inte|går att|(?:måste|borde|ska) finnas)(?!\s+med\b)|"
    r"(?:är|blir|var)\s+(?:\w+\s+){0,2}(?:att|när|som|med)\b)))\b",
    re.I,
)
# Asides of facilitators and note-takers: never a headline, an example or a quote.
META_RE = re.compile(
    r"\b(?:se ovan|som ovan|enligt ovan|se föregående|forts\.?|fortsättning följer|fortsättning från|"
    r"skrivet av|antecknat av|anteckningar av|antecknare|sekreterare|ohörbart|oklart vad|\(skratt\)|"
    r"\[paus\]|bara (?:en|två|tre|fyra) i gruppen|kort samtal|gruppen hann inte|tekniska problem|"
    r"ljudet försvann|samma som (?:förra|föregående))\b",
    re.I,
)
_FIRST_PERSON_RE = re.compile(r"\b(?:jag|mig|min|mitt|mina)\b", re.I)
_WE_RE = re.compile(r"\b(?:vi|oss|vår|vårt|våra)\b", re.I)
_LEFTOVER_SHORTHAND_RE = re.compile(r"(?:\s[=+]\s?|->|→|!{2,}|\?{2,}|\s/\s|\.{2,}\S)")
_CONCRETE_RE = re.compile(r"\d|\b[A-ZÅÄÖ][\wåäö-]{2,}")
# Common Swedish preterite forms: a narrative, not a statement of a challenge or a need.
_PAST_RE = re.compile(
    r"\b(?:var|hade|blev|gjorde|kom|såg|fick|gick|tog|sa|sade|visste|ville|kunde|skulle|började|slutade|"
    r"flyttade|kände|trodde|tyckte|märkte|hittade|berättade|fanns|kallade|ringde|träffade|bodde|jobbade|"
    r"arbetade|lärde|läste|spelade|startade|fungerade|försökte|hamnade|stängde|dog|föddes|växte)\b",
    re.I,
)


@dataclass(frozen=True)
class Phrase:
    """A span of one statement's text and its tidied display text."""

    start: int  # span in the statement's (clean) text
    end: int
    text: str  # tidied: no list marker or filler, certain shorthand expanded
    level: str  # sentence | lead (first clause) | clause | head (first comma piece) | item
    words: int
    flags: frozenset[str]  # why it may be unfit: cut, dependent, meta, shorthand, question, first_person, we …

    @property
    def fit(self) -> bool:
        return not (self.flags & HARD_FLAGS)


# Flags that rule a phrase out of any theme line.
HARD_FLAGS = frozenset({"cut", "meta", "shorthand", "empty", "misspelt"})


def split(text: str, lang: str = "sv") -> list[tuple[int, int, str]]:
    """(start, end, level) spans of ``text``: sentences, their clauses and the clauses' items.

    Level "lead" marks a clause that opens its sentence (it usually carries the subject). A span is only
    added once (a one-clause sentence is one span, at sentence level). The rules for comma pieces are
    Swedish; in another language only the first piece of a clause and list elements are offered."""
    out: list[tuple[int, int, str]] = []
    seen: set[tuple[int, int]] = set()

    def add(a: int, b: int, level: str) -> None:
        a, b = _trim(text, a, b)
        if a < b and (a, b) not in seen:
            seen.add((a, b))
            out.append((a, b, level))

    shielded = _shield_brackets(text)
    for sa, sb in _pieces(shielded, 0, len(text), _SENTENCE_RE, abbreviations=lang):
        add(sa, sb, "sentence")
        for n_clause, (ca, cb) in enumerate(_pieces(shielded, sa, sb, _CLAUSE_RE)):
            add(ca, cb, "lead" if n_clause == 0 else "clause")
            items = _pieces(shielded, ca, cb, _ITEM_RE)
            if len(items) < 2:
                continue
            # A comma piece stands on its own when it is a clause ("bildämnet krymper") or an element of a
            # list of short noun phrases ("ateljéstöd, fler uppdrag, utställningsplatser"); not the head of
            # a noun phrase cut at its comma ("gränsen mellan konst, konsthantverk och slöjd gör …") nor a
            # tail continuing the clause ("…, inte bara projekt").
            enumeration = all(len(text[ia:ib].split()) <= 4 for ia, ib in items)
            for n_item, (ia, ib) in enumerate(items):
                piece = text[ia:ib].strip()
                if lang == "sv" and _CONTINUATION_RE.match(piece):
                    continue
                # A later piece with a verb stands alone only when it opens as a clause does, in lower case
                # ("…, bildämnet krymper"), not as the tail of a list ("…, Göteborg eller Malmö och kommer …").
                clause = has_verb(piece) and (n_item == 0 or piece[:1].islower()) if lang == "sv" else n_item == 0
                if enumeration or clause:
                    add(ia, ib, "head" if n_item == 0 else "item")
    return out


# Openings of a piece that continue the clause before it ("…, inte bara projekt", "…, hellre fleråriga",
# "…, eftersom det var där", "i länet"): a preposition or a subordinator, except "för" as "too" ("för få").
_CONTINUATION_RE = re.compile(
    r"^(?:inte|aldrig|hellre|snarare|särskilt|främst|framför allt|även|också|bl\.a\.|t\.ex\.|till exempel|"
    r"exempelvis|typ|både|varken|utan|mest|bara|endast|just|alltså|dvs\.?|eller|samt|plus|"
    r"i|på|av|med|till|från|om|vid|hos|under|över|mot|efter|inom|genom|kring|mellan|"
    r"eftersom|när|då|medan|fast|trots|innan|tills|ifall|oavsett|så att|för att|vilket|vilka|som|där|dit|"
    r"för(?!\s+(?:få|lite|liten|litet|små|många|mycket|dyr\w*|svår\w*|låg\w*|hög\w*|stor\w*|gamla|"
    r"gammal|sen|sent|kort\w*|lång\w*|dålig\w*|ofta|sällan)\b))\b",
    re.I,
)
# Openings that always continue something said before ("Inte bara musiker utan …", "Även …").
_STRONG_CONTINUATION_RE = re.compile(
    r"^(?:inte bara|inte minst|även|också|utan|samt|eller|hellre|snarare|bl\.a\.|t\.ex\.|till exempel|"
    r"exempelvis|framför allt|särskilt|främst|plus|dvs\.?)\b",
    re.I,
)
# Spoken Swedish that reads as a quote on a public page: the generic "man", "här", "typ", "funkar".
_SPOKEN_RE = re.compile(r"\b(?:man|här|typ|liksom|funkar|jätte\w*|grejen|grejer|ju|nån|nåt|sen)\b", re.I)
# Pronouns that point back to something not in the phrase ("Antingen måste de ut …", "… driva den alla dagar").
_ANAPHORA_RE = re.compile(r"\b(?:de|dem|dom|den|dessa|detta|han|hon|hen|dess|deras|där|dit)\b", re.I)
_FINITE = {
    "är",
    "var",
    "har",
    "hade",
    "kan",
    "kunde",
    "ska",
    "skall",
    "skulle",
    "måste",
    "bör",
    "borde",
    "vill",
    "ville",
    "får",
    "fick",
    "går",
    "gick",
    "gör",
    "gjorde",
    "blir",
    "blev",
    "kommer",
    "kom",
    "finns",
    "fanns",
    "ser",
    "såg",
    "sa",
    "sade",
    "tar",
    "tog",
    "står",
    "stod",
    "ligger",
    "låg",
    "vet",
    "heter",
    "saknas",
    "behövs",
    "krävs",
    "behöver",
    "räcker",
    "funkar",
    "fungerar",
    "hänger",
    "sjunker",
    "ökar",
    "minskar",
    "försvinner",
}


def has_verb(text: str) -> bool:
    """Whether a Swedish phrase holds a finite verb: a clause ("bildämnet krymper"), not a bare noun phrase
    ("gränsen mellan konst"). A heuristic over simplemma lemmas: present tense "-r" and passive "-s" forms of
    verbs whose lemma ends in "-a" ("sjunker" → sjunka), a few irregular ones by list; noun plurals in "-or"
    ("skolor") are not verbs."""
    for w in _WORD_RE.findall(text.lower()):
        if w in _FINITE:
            return True
        if len(w) < 3:
            continue
        lemma = _lemma_sv(w)
        if lemma == w or (w.endswith("or") and lemma.endswith("a")):
            continue  # not inflected, or a noun plural ("skolor")
        if lemma[-1:] in "aeiouyåäö" and w == lemma + "r":
            return True  # "saknar", "når", "tror"
        if lemma.endswith("a") and w in (
            lemma + "s",
            lemma[:-1] + "er",
            lemma[:-1] + "s",
            lemma + "de",
            lemma[:-1] + "de",
            lemma[:-1] + "te",
            lemma + "des",
            lemma[:-1] + "des",
            lemma[:-1] + "tes",
        ):
            return True
    return False


def _lemma_sv(word: str) -> str:
    from .compound import _lemma

    return _lemma(word, "sv")


def _abbreviated(word: str, following: str, lang: str) -> bool:
    """ "pers. m funktionsnedsättning": a short non-word before a period followed by lower case is an
    abbreviation, not the end of a sentence."""
    return (
        following.islower()
        and word.isalpha()
        and len(word) <= 6
        and (f"{word}." in SHORTHAND or not _known(word, lang))
    )


def _shield_brackets(text: str) -> str:
    """``text`` with separators inside (…) replaced, so no split falls inside a parenthesis."""
    chars = list(text)
    depth = 0
    for i, ch in enumerate(chars):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        elif depth and ch in ",;:.!?–—-=>→|":
            chars[i] = "_"
    return "".join(chars)


def _pieces(text: str, a: int, b: int, pattern: re.Pattern[str], abbreviations: str = "") -> list[tuple[int, int]]:
    """Spans of ``text[a:b]`` between matches of ``pattern``; with ``abbreviations`` (a language code), a
    match right after an abbreviation does not split."""
    spans = []
    s = a
    for m in pattern.finditer(text, a, b):
        if m.start() <= s:
            continue
        if abbreviations:
            before = text[s : m.start()].rstrip()
            last = before.rsplit(None, 1)[-1].lower().rstrip(".") if before else ""
            if (
                last in _ABBREV
                or (len(last) == 1 and last.isalpha())
                or _abbreviated(last, text[m.end() : m.end() + 1], abbreviations)
            ):
                continue
        spans.append((s, m.start()))
        s = m.end()
    spans.append((s, b))
    return [(x, y) for x, y in spans if y > x]


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and (text[a].isspace() or text[a] in ",;:–—-*•·\"“”'’»«"):
        a += 1
    while b > a and (text[b - 1].isspace() or text[b - 1] in ",;:–—-\"“”'’»«"):
        b -= 1
    # Unbalanced brackets at the edges ("(Bokstart" or "skolan)").
    if b > a and text[b - 1] == ")" and "(" not in text[a : b - 1]:
        b -= 1
    if b > a and text[a] == "(" and ")" not in text[a + 1 : b]:
        a += 1
    return a, b


@dataclass
class Tidier:
    """Tidy a span into a phrase and flag what makes it unfit.

    ``known(word)`` says whether a lower-case word is in the language's dictionary (inflections and
    compounds included); ``complete(stem)`` returns the one word of the run that a truncated word
    ("vidareutb.") can only stand for, or None. ``personal(text)`` says whether text holds personal data.
    """

    known: Callable[[str], bool]
    complete: Callable[[str], str | None]
    personal: Callable[[str], bool]
    proper: Callable[[str], bool]  # a capitalised word that stays capitalised (a place, an institution …)

    def phrase(self, text: str, start: int, end: int, level: str) -> Phrase:
        raw = text[start:end]
        flags: set[str] = set()
        s = self._tidy(raw, level, flags)
        words = _WORD_RE.findall(s)
        if not words:
            return Phrase(start, end, s, level, 0, frozenset({"empty"}))
        body = s.rstrip(".!?… ")
        flags |= _ending_flags(raw, s, body)
        flags |= _content_flags(body, level)
        if self.personal(body):
            flags.add("personal")
        if any(w[:1].islower() and len(w) >= 4 and not self.known(w) for w in words):
            flags.add("misspelt")
        if body[:1].islower() or level not in ("sentence", "lead") or "trimmed" in flags:
            flags.add("fragment")
        return Phrase(start, end, body, level, len(words), frozenset(flags))

    def _tidy(self, raw: str, level: str, flags: set[str]) -> str:
        """List markers, brackets, openers such as "Gruppen pratade om att" and certain shorthand gone; what
        that reveals (a cut bracket, several clauses, a facilitator's aside, shorthand left) goes in `flags`."""
        s = _LEAD_MARKER_RE.sub("", raw, count=1)
        if s.count("(") != s.count(")"):
            flags.add("cut")  # a parenthesis opened or closed outside the phrase
        s = _PAREN_RE.sub("", s)
        if level == "sentence" and _CLAUSE_RE.search(_shield_brackets(s)):
            flags.add("clauses")  # several clauses: an item takes one of them, not the whole
        stripped = _META_LEAD_RE.sub("", s, count=1)
        if stripped != s:
            flags.add("trimmed")
        s = stripped
        if META_RE.search(raw):
            flags.add("meta")
        s, shorthand_left = self._expand(s)
        s = self._recase(s)
        if shorthand_left:
            flags.add("shorthand")
        s = re.sub(r"([!?])\1+", r"\1", s)
        return " ".join(s.split()).strip(" ,;:–—-\"“”'’»«")

    def _recase(self, s: str) -> str:
        """A name typed in lower case in a note ("åka till örebro") as the run writes it elsewhere."""
        return re.sub(
            r"\b[a-zåäöéü][\wåäöéü-]*",
            lambda m: (
                m.group(0).capitalize() if len(m.group(0)) >= 3 and self.proper(m.group(0).capitalize()) else m.group(0)
            ),
            s,
        )

    def _expand(self, s: str) -> tuple[str, bool]:
        """Certain shorthand expanded; True when a word still looks abbreviated ("pers", "utb.")."""

        def sub(m: re.Match[str]) -> str:
            word = m.group(0)
            if word.lower() in ("m", "o") and _after_digit(s, m.start()):
                return word  # "5 m", a unit
            if word == "&" and _between_capitals(s, m.start(), m.end()):
                return word  # "Peace & Love"
            full = SHORTHAND[word.lower()]
            return full[:1].upper() + full[1:] if word[:1].isupper() and m.start() == 0 else full

        s = _SHORTHAND_RE.sub(sub, s)
        left = False
        out = []
        for tok in s.split(" "):
            core = tok.rstrip(",;:)")
            tail = tok[len(core) :]
            if core.endswith(".") and len(core) > 2 and core.lower() not in STANDARD_ABBREVIATIONS:
                stem = core[:-1]
                if stem.isalpha() and stem.lower() not in ("",) and not self.known(stem.lower()):
                    full = self.complete(stem.lower())
                    if full:
                        core = (full[:1].upper() + full[1:]) if stem[:1].isupper() else full
                        # the period ended an abbreviation, not a sentence
                    else:
                        left = True
            elif core.isalpha() and len(core) >= 3 and core[:1].islower() and not self.known(core):
                full = self.complete(core)
                if full:
                    core = full
            out.append(core + tail)
        return " ".join(out), left


def _after_digit(s: str, pos: int) -> bool:
    return bool(re.search(r"\d\s*$", s[:pos]))


def _between_capitals(s: str, a: int, b: int) -> bool:
    before = s[:a].rstrip().rsplit(None, 1)
    after = s[b:].lstrip().split(None, 1)
    return bool(before and after and before[-1][:1].isupper() and after[0][:1].isupper())


def as_headline(p: Phrase) -> str:
    """A phrase as a headline: capital first letter, a full stop at the end."""
    s = p.text.rstrip(" .!")
    if not s:
        return s
    s = s[:1].upper() + s[1:]
    return s if s.endswith("?") else s + "."


def as_item(p: Phrase, proper: Callable[[str], bool]) -> str:
    """A phrase as an "Exempelvis:" item: no leading "att", lower-case first letter unless a name."""
    s = p.text.rstrip(" .!?")
    s = re.sub(r"^(?:att|Att)\s+", "", s)
    first = s.split(" ", 1)[0] if s else ""
    if first and first[:1].isupper() and not (first.isupper() and len(first) > 1) and not proper(first):
        s = s[:1].lower() + s[1:]
    return s


def word_count(text: str) -> int:
    return len(_WORD_RE.findall(text))


# Swedish inflectional endings (definite, plural, genitive), for telling inflections from other words.
_INFLECTIONS = {
    "",
    "s",
    "n",
    "en",
    "et",
    "t",
    "na",
    "ns",
    "ens",
    "ets",
    "er",
    "ar",
    "or",
    "r",
    "erna",
    "arna",
    "orna",
    "rna",
    "ernas",
    "arnas",
    "ornas",
    "e",
    "a",
    "es",
}


def dictionary_known(lang: str) -> Callable[[str], bool]:
    """Whether a word is in the language's dictionary: simplemma's word list, inflections included, or a
    compound of known words ("ateljéstöd"), or hyphenated parts that are ("e-böcker")."""
    from .compound import dictionary_split

    def known(word: str) -> bool:
        low = word.lower()
        if _known(low, lang):
            return True
        parts = [x for x in low.replace("'", "-").split("-") if x]
        if len(parts) > 1:
            return all(known(x) or len(x) <= 2 for x in parts)
        return bool(dictionary_split(low, lang))

    return known


def vocabulary_completer(words: Iterable[str], known: Callable[[str], bool]) -> Callable[[str], str | None]:
    """A truncated word ("utb", "skolbibl") → the one known word of the run it abbreviates, else None.

    Certain only when exactly one word of the run (as people wrote it there) starts with the stem and
    is a dictionary word; "bibl" with both "bibliotek" and "bibliotekarie" in the run stays unexpanded."""
    by_first: dict[str, set[str]] = {}
    for w in {w.lower() for w in words if len(w) >= 5 and w.isalpha()}:
        if known(w):
            by_first.setdefault(w[:3], set()).add(w)

    def complete(stem: str) -> str | None:
        if len(stem) < 3:
            return None
        matches = {w for w in by_first.get(stem[:3], ()) if w.startswith(stem) and len(w) >= len(stem) + 2}
        if not matches:
            return None
        # Inflections of one word ("utbildning", "utbildningen") count as one: take the shortest. A longer
        # word ("bibliotekarie" beside "bibliotek") makes it uncertain.
        shortest = min(matches, key=lambda w: (len(w), w))
        return shortest if all(w[len(shortest) :] in _INFLECTIONS for w in matches) else None

    return complete


def _ending_flags(raw: str, s: str, body: str) -> set[str]:
    """How the phrase ends: a question, an exclamation, or cut off (an ellipsis, a dangling function word)."""
    flags = set()
    if s.endswith("?"):
        flags.add("question")
    if s.endswith("!"):
        flags.add("exclaim")
    last = body.rsplit(None, 1)[-1].lower() if body else ""
    if body.endswith(("…", "...")) or raw.rstrip().endswith(("…", "...")) or last in _FUNCTION_END:
        flags.add("cut")
    return flags


def _content_flags(body: str, level: str) -> set[str]:
    """What the words say about the phrase: a dependent clause, a story, someone speaking, a bare list …"""
    flags = set()
    if _DEPENDENT_START.match(body) or _DEPENDENT_START.match(re.sub(r"^[Aa]tt\s+", "", body)):
        flags.add("dependent")
    for flag, pattern in (
        ("past", _PAST_RE),  # a story ("Personalen såg …") rather than a challenge
        ("first_person", _FIRST_PERSON_RE),
        ("we", _WE_RE),
        ("spoken", _SPOKEN_RE),
    ):
        if pattern.search(body):
            flags.add(flag)
    if _LEFTOVER_SHORTHAND_RE.search(" " + body + " "):
        flags.add("shorthand")
    if _CONCRETE_RE.search(body[1:]):
        flags.add("concrete")
    if _STRONG_CONTINUATION_RE.match(body) or (
        _CONTINUATION_RE.match(body) and (level in ("clause", "item") or not has_verb(body))
    ):
        flags.add("continues")  # "…, inte bara projekt"; "I länet." alone
    if _ANAPHORA_RE.search(re.sub(r"^\w+\s*", "", body) if _DEPENDENT_START.match(body) else body):
        flags.add("anaphora")
    if body.count(",") >= 2 and not has_verb(body):
        flags.add("list")  # "Personer med funktionsnedsättning, nationella minoriteter, …": no challenge said
    return flags
