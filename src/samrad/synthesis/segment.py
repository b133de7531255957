"""Split one answer into statements, keeping (start, end) spans into the raw text.

People answer with bullet lists, numbered lists, one idea per line, "dels … dels" or long paragraphs.
Themes are built from statements, so one answer that makes three points must count three times —
but every statement must still point back to exactly where it stood in the answer.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from .clean import CleanText, clean
from .lang import detect
from .model import LANGUAGES, NonAnswer, Record, Statement
from .nonanswer import classify

Progress = Callable[[str, int, int], None]

# A list marker at the start of a line: •, -, *, –, —, ·, ▪, "1.", "1)", "a)", "(2)".
_BULLET_RE = re.compile(r"[ \t]*(?:[•·▪◦‣⁃●○■□➢➤►\-\*–—]+|\(?\d{1,3}[.)](?!\d)|\(?[a-zA-Z][)])[ \t]+")
# Sentence end: . ! ? … followed by space and something that starts a sentence.
_SENT_END_RE = re.compile(r"(?<=[.!?…])[\"”’»)]*\s+(?=[\"“‘«(]?[A-ZÅÄÖÜÉ0-9])")
# Abbreviations that end with a period but rarely end a sentence.
_ABBREV = {
    "t.ex",
    "bl.a",
    "m.m",
    "osv",
    "dvs",
    "etc",
    "ca",
    "resp",
    "s.k",
    "t.o.m",
    "fr.o.m",
    "p.g.a",
    "pga",
    "o.s.v",
    "d.v.s",
    "mfl",
    "m.fl",
    "kl",
    "nr",
    "jfr",
    "e.g",
    "i.e",
    "dr",
    "mr",
    "mrs",
    "ms",
    "prof",
    "vs",
    "z.b",
    "bzw",
    "usw",
    "ggf",
    "evtl",
    "inkl",
    "exkl",
    "st",
    "jan",
    "feb",
    "aug",
    "sep",
    "okt",
    "nov",
    "dec",
    "u.a",
    "d.h",
    "ev",
    "el",
    "f.d",
    "tf",
    "fil",
    "mag",
    "kand",
    "doc",
    "hr",
    "fr",
}
# "dels X, dels Y" / "dels X och dels Y": two statements.
_DELS_RE = re.compile(r"(?:,|;|\s)\s*(?:och\s+)?(?=dels\b)", re.I)


@dataclass(frozen=True)
class Segment:
    """A statement candidate: clean text and its half-open span into the raw answer."""

    text: str
    start: int
    end: int
    continued: bool = False  # a later chunk of a long paragraph (may lean on the sentences before it)


@dataclass
class Segmenter:
    """Split answers into statements.

    Parameters
    ----------
    long_chars:
        A paragraph longer than this is split at sentence boundaries into chunks of about this size.
    max_chars:
        No statement is longer than this; longer runs without sentence ends are cut at whitespace.
    max_segments:
        At most this many statements per answer (a 50,000-character paste stays bounded); the rest of
        the answer is reported as truncated.
    """

    long_chars: int = 320
    max_chars: int = 1200
    max_segments: int = 200

    def split(self, raw: str) -> tuple[list[Segment], CleanText, bool]:
        """Return (segments, cleaned text, truncated?)."""
        ct = clean(raw)
        segments: list[Segment] = []
        truncated = False
        for a, b, continued in self._clean_spans(ct.text):
            if len(segments) >= self.max_segments:
                truncated = True
                break
            a, b = _strip_span(ct.text, a, b)
            if a >= b:
                continue
            text = _squash(ct.text[a:b])
            if not any(ch.isalnum() for ch in text):
                continue
            ra, rb = ct.raw_span(a, b)
            segments.append(Segment(text=text, start=ra, end=rb, continued=continued))
        return segments, ct, truncated

    # -- spans in the clean text -----------------------------------------------------------------
    def _clean_spans(self, text: str) -> list[tuple[int, int, bool]]:
        spans: list[tuple[int, int, bool]] = []
        for a, b in _blocks(text):
            for c, d in _split_dels(text, a, b):
                if d - c > self.long_chars:
                    chunks = self._split_long(text, c, d)
                    spans.extend((x, y, i > 0) for i, (x, y) in enumerate(chunks))
                else:
                    spans.append((c, d, False))
        return spans

    def _split_long(self, text: str, a: int, b: int) -> list[tuple[int, int]]:
        """Group sentences into chunks of about ``long_chars``; hard-cut runs longer than max_chars."""
        sentences = _sentences(text, a, b)
        chunks: list[tuple[int, int]] = []
        cur_a, cur_b = sentences[0]
        for s, e in sentences[1:]:
            if e - cur_a <= self.long_chars:
                cur_b = e
            else:
                chunks.append((cur_a, cur_b))
                cur_a, cur_b = s, e
        chunks.append((cur_a, cur_b))
        out: list[tuple[int, int]] = []
        for s, e in chunks:
            while e - s > self.max_chars:
                cut = text.rfind(" ", s + self.max_chars // 2, s + self.max_chars)
                cut = cut if cut > s else s + self.max_chars
                out.append((s, cut))
                s = cut
            out.append((s, e))
        return out


def _blocks(text: str) -> list[tuple[int, int]]:
    """Lines → blocks: each bullet/numbered item or paragraph is a block.

    A line break ends a block, except a hard-wrapped line: one that ends without punctuation and is
    followed by a line starting in lower case (a sentence broken by the e-mail client or Word).
    """
    lines: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        lines.append((pos, pos + len(line)))
        pos += len(line) + 1
    blocks: list[tuple[int, int]] = []
    cur: tuple[int, int] | None = None
    for a, b in lines:
        content = text[a:b]
        if not content.strip():
            if cur:
                blocks.append(cur)
            cur = None
            continue
        m = _BULLET_RE.match(content)
        is_item = m is not None and any(ch.isalnum() for ch in content[m.end() :])
        start = a + m.end() if (m and is_item) else a
        if cur and not is_item and _continues(text[cur[0] : cur[1]], content):
            cur = (cur[0], b)
            continue
        if cur:
            blocks.append(cur)
        cur = (start, b)
    if cur:
        blocks.append(cur)
    return blocks


def _continues(previous: str, line: str) -> bool:
    prev = previous.rstrip()
    nxt = line.lstrip()
    return bool(prev) and bool(nxt) and prev[-1] not in ".!?:;…" and nxt[0].islower()


def _split_dels(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """'Vi behöver dels lokaler, dels pengar' → two statements (the second starts at 'dels')."""
    chunk = text[a:b]
    if chunk.lower().count("dels ") < 2:
        return [(a, b)]
    cuts = [m.end() for m in _DELS_RE.finditer(chunk)]
    first = re.search(r"\bdels\b", chunk, re.I)
    cuts = [c for c in cuts if first is not None and c > first.start()]
    if not cuts:
        return [(a, b)]
    out = []
    s = a
    for c in cuts:
        out.append((s, a + c))
        s = a + c
    out.append((s, b))
    return out


def _sentences(text: str, a: int, b: int) -> list[tuple[int, int]]:
    spans = []
    s = a
    for m in _SENT_END_RE.finditer(text, a, b):
        before = text[s : m.start()].rstrip()
        last = before.rsplit(None, 1)[-1].lower().rstrip(".") if before else ""
        if last in _ABBREV or (len(last) == 1 and last.isalpha()):
            continue
        spans.append((s, m.start()))
        s = m.end()
    spans.append((s, b))
    return [(x, y) for x, y in spans if y > x] or [(a, b)]


def _strip_span(text: str, a: int, b: int) -> tuple[int, int]:
    """Trim whitespace and leading/trailing joiners (",", ";", "och") from a span."""
    while a < b and (text[a].isspace() or text[a] in ",;"):
        a += 1
    while b > a and (text[b - 1].isspace() or text[b - 1] in ",;"):
        b -= 1
    return a, b


def _squash(s: str) -> str:
    return " ".join(s.split())


# -- the pipeline's first stage ------------------------------------------------------------------------------


@dataclass
class SectionWork:
    """The statements of one area × question, as indices into the run's statement list."""

    key: tuple[str | None, str | None]
    statements: list[int]
    records: set[str]


@dataclass
class Segmented:
    """What the segment stage hands on: statements, the sections they fall in, and what was set aside."""

    statements: list[Statement]
    sections: list[SectionWork]
    non_answers: list[NonAnswer]
    flags: dict[str, list[str]]  # html | control_chars | truncated → record ids
    record_author: dict[str, str]  # record id → author key (the record itself when unknown)
    n_records: int
    max_segments: int


@dataclass
class SegmentStage:
    """Records → statements: split each answer, set non-answers aside, detect each answer's language.

    ``lang``: the consultation's language (sv|en|de|fr|fi) or ``auto`` to detect it per answer; answers too
    short to tell get the run's majority language.
    """

    segmenter: Segmenter = field(default_factory=Segmenter)
    lang: str = "auto"

    def run(self, records: Iterable[Record], progress: Progress | None = None) -> Segmented:
        statements: list[Statement] = []
        non_answers: list[NonAnswer] = []
        sections: dict[tuple[str | None, str | None], SectionWork] = {}
        record_author: dict[str, str] = {}
        flags: dict[str, list[str]] = {"html": [], "control_chars": [], "truncated": []}
        seen_ids: set[str] = set()
        n_records = 0
        for rec in records:
            n_records += 1
            if rec.id in seen_ids:
                raise ValueError(f"record ids must be unique; {rec.id!r} occurs twice")
            seen_ids.add(rec.id)
            if progress and n_records % 2000 == 0:
                progress("segment", n_records, 0)
            text = rec.text if isinstance(rec.text, str) else ("" if rec.text is None else str(rec.text))
            segs, ct, truncated = self.segmenter.split(text)
            for flag, on in (("html", ct.had_html), ("control_chars", ct.control_chars), ("truncated", truncated)):
                if on:
                    flags[flag].append(rec.id)
            kind = classify(ct.text)
            if kind is None and not segs:
                kind = "no_text"
            if kind is not None:
                non_answers.append(NonAnswer(record_id=rec.id, kind=kind, text=text[:200]))
                continue
            segs = [s for s in segs if classify(s.text) is None] or segs
            # The consultation's language is the default, not a label: an answer in another language is
            # still recognised (it counts towards its theme, but never words a line of that page).
            lang = rec.lang if rec.lang in LANGUAGES else detect(ct.text, "" if self.lang == "auto" else self.lang)
            key = (rec.area, rec.question)
            work = sections.setdefault(key, SectionWork(key=key, statements=[], records=set()))
            work.records.add(rec.id)
            record_author[rec.id] = rec.author if rec.author not in (None, "") else f"record:{rec.id}"
            for k, seg in enumerate(segs, start=1):
                work.statements.append(len(statements))
                statements.append(
                    Statement(
                        id=f"{rec.id}:{k}",
                        record_id=rec.id,
                        start=seg.start,
                        end=seg.end,
                        text=seg.text,
                        lang=lang,
                        section=0,  # set below, once the sections are numbered
                        author=rec.author,
                        continued=seg.continued,
                    )
                )
        # Answers too short to tell get the run's majority language (not always Swedish: an English
        # consultation's "More parks" is English).
        told = Counter(s.lang for s in statements if s.lang)
        fallback = told.most_common(1)[0][0] if told else (self.lang if self.lang != "auto" else "sv")
        for s in statements:
            if not s.lang:
                s.lang = fallback
        section_list = list(sections.values())
        for si, work in enumerate(section_list):
            for i in work.statements:
                statements[i].section = si
        return Segmented(
            statements=statements,
            sections=section_list,
            non_answers=non_answers,
            flags=flags,
            record_author=record_author,
            n_records=n_records,
            max_segments=self.segmenter.max_segments,
        )
